//! The view of an article's own page, beyond the summary every list shows
//! ([`super::Views::article`]): its body as HTML with each located quote marked and linked to its
//! claim or note in the side panel, and its notes.

use serde::Serialize;

use crate::markdown;
use crate::model::{Anchor, Archive, ArticleId};

#[derive(Serialize)]
pub struct NoteView {
    anchor: String,
    label: String,
    quote: String,
    note_html: String,
}

/// The article's body as HTML, its located quotes marked.
pub fn body_html(archive: &Archive, id: ArticleId) -> String {
    markdown::to_html(&archive.article(id).body, &marks(archive, id), archive.config.raw_html)
}

/// The article's located quotes as marks that link to their claim or note in the side panel.
fn marks(archive: &Archive, id: ArticleId) -> Vec<markdown::Mark> {
    archive
        .article(id)
        .marks
        .iter()
        .map(|mark| {
            let (target, label, title) = match mark.anchor {
                Anchor::Claim(claim) => {
                    let claim = archive.claim(claim);
                    (claim.anchor.clone(), claim.number.to_string(), format!("Nhận định {}", claim.number))
                }
                Anchor::Note(index) => {
                    let label = note_label(index);
                    (format!("note-{}", index + 1), label.clone(), format!("Ghi chú {label}"))
                }
            };
            markdown::Mark { range: mark.range.clone(), target, label, title }
        })
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
            anchor: format!("note-{}", index + 1),
            label: note_label(index),
            quote: note.quote.clone(),
            note_html: markdown::to_html(&note.note, &[], archive.config.raw_html),
        })
        .collect()
}
