//! The view of an article's own page, beyond the summary every list shows
//! ([`super::Views::article`]): its body as HTML with each located quote marked and linked to its
//! claim or note in the side panel, and its notes.

use serde::Serialize;

use crate::model::{Anchor, Archive, Article, ArticleId, tag_slug};
use crate::{markdown, urls};

#[derive(Serialize)]
pub struct NoteView {
    anchor: String,
    /// The id of its quote's mark in the article's body.
    mark: String,
    label: String,
    quote: String,
    note_html: String,
}

/// What a reference link in the body points to, for the template that words its accessible name
/// (the `reference_title` component): `kind` is `claim` or `note`, `label` its number or letter.
#[derive(Serialize)]
pub struct Reference {
    pub kind: &'static str,
    pub label: String,
}

/// The article's body as HTML, its located quotes marked; `title` words each reference link's
/// accessible name.
pub fn body_html<E>(
    archive: &Archive,
    id: ArticleId,
    title: &dyn Fn(&Reference) -> Result<String, E>,
) -> Result<String, E> {
    Ok(markdown::to_html(&archive.article(id).body, &marks(archive, id, title)?, archive.config.raw_html))
}

/// The article's located quotes as marks that link to their claim or note in the side panel.
fn marks<E>(
    archive: &Archive,
    id: ArticleId,
    title: &dyn Fn(&Reference) -> Result<String, E>,
) -> Result<Vec<markdown::Mark>, E> {
    archive
        .article(id)
        .marks
        .iter()
        .map(|mark| {
            let (target, reference) = match mark.anchor {
                Anchor::Claim(claim) => {
                    let claim = archive.claim(claim);
                    (claim.anchor.clone(), Reference { kind: "claim", label: claim.number.to_string() })
                }
                Anchor::Note(index) => {
                    (urls::note_anchor(index + 1), Reference { kind: "note", label: note_label(index) })
                }
            };
            let title = title(&reference)?;
            Ok(markdown::Mark { range: mark.range.clone(), target, label: reference.label, title })
        })
        .collect()
}

/// A tag chip of an article, linking to the tag's page if it has one.
#[derive(Serialize)]
pub struct TagLink {
    name: String,
    url: Option<String>,
}

pub fn tags(article: &Article) -> Vec<TagLink> {
    article
        .tags
        .iter()
        .map(|name| TagLink { name: name.clone(), url: tag_slug(name).map(|slug| urls::tag(&slug)) })
        .collect()
}

/// Notes are labelled a, b, c... so they do not read as claim numbers.
fn note_label(index: usize) -> String {
    match u8::try_from(index).ok().filter(|index| *index < 26) {
        Some(index) => char::from(b'a' + index).to_string(),
        None => format!("n{}", index + 1),
    }
}

pub fn notes(archive: &Archive, id: ArticleId) -> Vec<NoteView> {
    archive
        .article(id)
        .notes
        .iter()
        .enumerate()
        .map(|(index, note)| NoteView {
            anchor: urls::note_anchor(index + 1),
            mark: urls::mark_id(&urls::note_anchor(index + 1)),
            label: note_label(index),
            quote: note.quote.clone(),
            note_html: markdown::to_html(&note.note, &[], archive.config.raw_html),
        })
        .collect()
}
