//! The records of a site as its files state them: nothing resolved, nothing checked beyond YAML
//! syntax, every value with its location. Optional here means "the model decides": a required
//! field that is missing is reported by the model at the record's own line, so one missing field
//! does not hide the other errors of the file.

use serde::{Deserialize, Deserializer};
use serde_saphyr::Spanned;

/// A scalar read as text whatever YAML made of it: `date: 2013` is an integer to YAML.
#[derive(Clone, Debug)]
pub struct Text(pub String);

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a date such as 2020-04-23")
            }
            fn visit_str<E>(self, value: &str) -> Result<Text, E> {
                Ok(Text(value.to_owned()))
            }
            fn visit_i64<E>(self, value: i64) -> Result<Text, E> {
                Ok(Text(value.to_string()))
            }
            fn visit_u64<E>(self, value: u64) -> Result<Text, E> {
                Ok(Text(value.to_string()))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<Spanned<String>>,
    pub date: Option<Spanned<Text>>,
    pub source: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
    pub author: Option<Spanned<String>>,
    pub summary: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sidecar {
    #[serde(default)]
    pub actors: Vec<Spanned<String>>,
    #[serde(default)]
    pub countries: Vec<Spanned<String>>,
    #[serde(default)]
    pub tags: Vec<Spanned<String>>,
    #[serde(default)]
    pub claims: Vec<Spanned<Claim>>,
    #[serde(default)]
    pub notes: Vec<Spanned<Note>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    pub by: Option<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub target: Option<Spanned<String>>,
    pub about: Option<Spanned<String>>,
    pub date: Option<Spanned<Text>>,
    pub quote: Option<Spanned<String>>,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    pub quote: Option<Spanned<String>>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actor {
    pub name: Option<Spanned<String>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub kind: Option<Spanned<String>>,
    pub country: Option<Spanned<String>>,
    pub description: Option<String>,
    #[serde(default)]
    pub links: Vec<Link>,
}

#[derive(Clone, Debug, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct Link {
    pub title: String,
    pub url: String,
}

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Country {
    pub name: Option<Spanned<String>>,
    pub name_en: Option<Spanned<String>>,
    pub description: Option<String>,
}
