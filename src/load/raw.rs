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

/// One reference or a list of them: `by: us` and `by: [us, gb]` both read as a list. Each entry
/// keeps its own location; a single value takes the location of the field's value.
#[derive(Clone, Debug)]
pub enum OneOrMany {
    One(String),
    Many(Vec<Spanned<String>>),
}

impl OneOrMany {
    /// The entries, each with its location (`at` is where the field's value stands).
    pub fn entries(spanned: &Spanned<OneOrMany>) -> Vec<Spanned<String>> {
        match &spanned.value {
            OneOrMany::One(value) => vec![Spanned::new(value.clone(), spanned.referenced, spanned.defined)],
            OneOrMany::Many(values) => values.clone(),
        }
    }
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a reference such as `us`, or a list such as `[us, gb]`")
            }
            fn visit_str<E>(self, value: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany::One(value.to_owned()))
            }
            fn visit_bool<E: serde::de::Error>(self, _: bool) -> Result<OneOrMany, E> {
                Err(E::custom(YES_NO_WORD))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut values = Vec::new();
                while let Some(value) = seq.next_element::<Spanned<String>>()? {
                    values.push(value);
                }
                Ok(OneOrMany::Many(values))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// YAML reads `no`, `yes`, `on` and `off` as true or false where any value may stand.
const YES_NO_WORD: &str =
    "a yes/no word is read as true or false here: put the reference in quotes, such as \"no\" for Norway";

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<Spanned<String>>,
    pub date: Option<Spanned<Text>>,
    pub source: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
    pub author: Option<Spanned<String>>,
    pub summary: Option<Spanned<String>>,
    /// The fields the editor wrote because the publication did not state them.
    pub supplied: Option<Spanned<OneOrMany>>,
    /// `draft: true`: the article is still being annotated (see [`crate::config::Config::drafts`]).
    pub draft: Option<Spanned<bool>>,
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
    pub id: Option<Spanned<String>>,
    pub by: Option<Spanned<OneOrMany>>,
    pub kind: Option<Spanned<String>>,
    pub target: Option<Spanned<OneOrMany>>,
    pub about: Option<Spanned<OneOrMany>>,
    pub basis: Option<Spanned<String>>,
    pub hedged: Option<bool>,
    pub responds_to: Option<Spanned<String>>,
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
    /// The country the actor speaks for, when it differs from the default of its kind.
    pub represents: Option<Spanned<String>>,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn by(yaml: &str) -> Result<Vec<String>, String> {
        let claim: Claim = serde_saphyr::from_str(yaml).map_err(|error| error.to_string())?;
        let by = claim.by.expect("the test writes `by`");
        Ok(OneOrMany::entries(&by).into_iter().map(|entry| entry.value).collect())
    }

    #[test]
    fn one_reference_or_a_list_read_alike() {
        assert_eq!(by("by: us").unwrap(), ["us"]);
        assert_eq!(by("by: [us, gb]").unwrap(), ["us", "gb"]);
        assert_eq!(by("by:\n  - us\n  - Việt Nam\n").unwrap(), ["us", "Việt Nam"]);
        assert_eq!(by("by: []").unwrap(), Vec::<String>::new());
    }

    #[test]
    fn each_entry_of_a_list_keeps_its_column() {
        let claim: Claim = serde_saphyr::from_str("by: [us, gb]").unwrap();
        let entries = OneOrMany::entries(claim.by.as_ref().unwrap());
        assert_eq!(entries.iter().map(|entry| entry.referenced.column()).collect::<Vec<_>>(), [6, 10]);
    }

    #[test]
    fn norway_unquoted_is_read_as_false_and_the_error_says_to_quote_it() {
        let error = by("by: no").unwrap_err();
        assert!(error.contains("put the reference in quotes, such as \"no\" for Norway"), "{error}");
        assert_eq!(by("by: \"no\"").unwrap(), ["no"]);
    }
}
