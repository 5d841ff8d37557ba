//! Actor files as `import-actors` writes them: the fields in the order of
//! `docs/content-format.md`, aliases on one line, descriptions as block scalars, links as a
//! list. Written with serde-saphyr's serializer, and read back before anything reaches the disk.

use serde::Serialize;
use serde_saphyr::{FlowSeq, LitStr};

use crate::load::raw;

/// The fields of one actor file, as plain values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ActorFields {
    pub name: Option<String>,
    pub aliases: Vec<String>,
    pub kind: Option<String>,
    pub country: Option<String>,
    pub represents: Option<String>,
    pub description: Option<String>,
    pub links: Vec<Link>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    pub title: String,
    pub url: String,
}

impl ActorFields {
    /// The fields of a parsed actor file.
    pub fn from_raw(actor: &raw::Actor) -> Self {
        ActorFields {
            name: actor.name.as_ref().map(|name| name.value.clone()),
            aliases: actor.aliases.iter().map(|alias| alias.value.clone()).collect(),
            kind: actor.kind.as_ref().map(|kind| kind.value.clone()),
            country: actor.country.as_ref().map(|country| country.value.clone()),
            represents: actor.represents.as_ref().map(|country| country.value.clone()),
            description: actor.description.clone(),
            links: actor.links.iter().map(|link| Link { title: link.title.clone(), url: link.url.clone() }).collect(),
        }
    }
}

#[derive(Serialize)]
struct ActorYaml<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "is_empty")]
    aliases: FlowSeq<&'a [String]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    country: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    represents: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<LitStr<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    links: &'a [Link],
}

fn is_empty(aliases: &FlowSeq<&[String]>) -> bool {
    aliases.0.is_empty()
}

/// Why an actor could not be written: a bug of this module if it ever happens, reported rather
/// than written over an editor's file.
#[derive(Debug, thiserror::Error)]
#[error("the YAML written for the actor does not read back the same: {0}")]
pub struct WriteError(String);

/// The text of the actor file for `fields`, checked to read back as `fields`.
pub fn to_yaml(fields: &ActorFields) -> Result<String, WriteError> {
    let yaml = ActorYaml {
        name: fields.name.as_deref(),
        aliases: FlowSeq(&fields.aliases),
        kind: fields.kind.as_deref(),
        country: fields.country.as_deref(),
        represents: fields.represents.as_deref(),
        description: fields.description.as_deref().map(LitStr),
        links: &fields.links,
    };
    let options = serde_saphyr::ser_options! { compact_list_indent: false, prefer_block_scalars: false };
    let text = serde_saphyr::to_string_with_options(&yaml, options).map_err(|error| WriteError(error.to_string()))?;
    let read_back: raw::Actor = serde_saphyr::from_str(&text).map_err(|error| WriteError(error.to_string()))?;
    if ActorFields::from_raw(&read_back) != *fields {
        return Err(WriteError(format!("wrote\n{text}")));
    }
    Ok(text)
}

/// `text` as Markdown lines of at most `width` characters where possible, ending with a line
/// break, the way editors write descriptions. A line is broken only before a word that starts with
/// a letter or an opening parenthesis or quotation mark, so no new line can start a list, a
/// heading or a block quote: the Markdown reads the same.
pub fn wrap_markdown(text: &str, width: usize) -> String {
    let mut wrapped = String::with_capacity(text.len() + text.len() / width + 1);
    for line in text.trim_end().lines() {
        let mut length = 0;
        for (index, word) in line.split(' ').enumerate() {
            let word_length = word.chars().count();
            if index > 0 {
                if length + 1 + word_length > width
                    && length > 0
                    && word.starts_with(|c: char| c.is_alphabetic() || "(“‘\"'".contains(c))
                {
                    wrapped.push('\n');
                    length = 0;
                } else {
                    wrapped.push(' ');
                    length += 1;
                }
            }
            wrapped.push_str(word);
            length += word_length;
        }
        wrapped.push('\n');
    }
    wrapped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> ActorFields {
        ActorFields::from_raw(&serde_saphyr::from_str::<raw::Actor>(text).unwrap())
    }

    #[test]
    fn an_editors_file_is_written_back_as_it_was() {
        let text = "name: APT32\n\
                    aliases: [OceanLotus, SeaLotus, APT-C-00, Ocean Buffalo]\n\
                    kind: group\n\
                    country: vn\n\
                    description: |\n  \
                      Nhóm tấn công có chủ đích (APT) bị nghi có trụ sở tại Việt Nam.\n  \
                      Chính phủ Việt Nam bác bỏ các cáo buộc này.\n\
                    links:\n  \
                      - title: MITRE ATT&CK G0050\n    \
                        url: https://attack.mitre.org/groups/G0050/\n";
        assert_eq!(to_yaml(&read(text)).unwrap(), text);
    }

    #[test]
    fn awkward_values_are_quoted_and_read_back() {
        let fields = ActorFields {
            name: Some("Operation: \"Troy\"".into()),
            aliases: vec!["Subgroup: Bluenoroff".into(), "[brackets]".into(), "no".into(), "#1, really".into()],
            description: Some(wrap_markdown(&format!("{} end", "A long single line of MISP text, ".repeat(8)), 80)),
            links: vec![Link { title: "example.org/a#b".into(), url: "https://example.org/a#b".into() }],
            ..ActorFields::default()
        };
        let text = to_yaml(&fields).unwrap();
        assert_eq!(read(&text), fields);
        assert!(text.lines().all(|line| line.chars().count() <= 100), "{text}");
    }

    #[test]
    fn wrapping_breaks_only_before_letters() {
        let text =
            format!("{} - not a list item, 2. nor a numbered one\n\nSecond paragraph.", "word ".repeat(15).trim());
        let wrapped = wrap_markdown(&text, 20);
        assert!(wrapped.ends_with("\n\nSecond paragraph.\n"), "{wrapped}");
        assert!(wrapped.lines().all(|line| line.is_empty() || line.starts_with(char::is_alphabetic)), "{wrapped}");
        assert_eq!(
            wrapped.replace('\n', " ").split_whitespace().collect::<Vec<_>>(),
            text.split_whitespace().collect::<Vec<_>>()
        );
    }
}
