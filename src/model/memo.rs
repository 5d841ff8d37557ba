//! What building the model found in each article's text, kept from one build to the next by
//! `dossier serve`, so that a save rebuilds the model without parsing the Markdown of every
//! article and searching it for every quote again.
//!
//! An entry is keyed by the article's Markdown file as loaded ([`Markdown`], shared through an
//! `Arc` with the loader's [`crate::load::Content`]): a file read again is a new allocation, so
//! an entry is used only for the very file it was made from. The entry holds that `Arc`, so the
//! allocation cannot be freed and its address taken by another file while the entry lives. Quote
//! lookups are keyed by the quote as written, and depend on nothing but it and the text.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use crate::load::Markdown;
use crate::markdown;
use crate::quote::Haystack;

/// Where a quote is in the text, or else the passage most like it, if any.
pub type Located = Result<Range<usize>, Option<String>>;

/// The findings of the last build, by article slug.
#[derive(Default)]
pub struct Memo {
    articles: HashMap<String, Arc<Findings>>,
}

/// What was found in one article's Markdown file.
pub struct Findings {
    markdown: Arc<Markdown>,
    /// The text as a reader sees it.
    text: String,
    quotes: HashMap<String, Located>,
}

impl Memo {
    /// What was found in `markdown` if it is the file the last build read.
    pub fn findings(&self, markdown: &Arc<Markdown>) -> Option<&Arc<Findings>> {
        let findings = self.articles.get(&markdown.record.id)?;
        Arc::ptr_eq(&findings.markdown, markdown).then_some(findings)
    }

    /// Keeps `findings` (by article slug) for the next build, and forgets everything else.
    pub fn replace(&mut self, findings: impl Iterator<Item = Arc<Findings>>) {
        self.articles = findings.map(|findings| (findings.markdown.record.id.clone(), findings)).collect();
    }
}

/// The quotes of one article, looked up in its text as the build asks for them: recalled from the
/// last build's findings where it has them, found in the text (folded once, when first needed)
/// where it does not.
pub struct Quotes<'a> {
    text: &'a str,
    haystack: Option<Haystack<'a>>,
    previous: Option<&'a HashMap<String, Located>>,
    /// Every quote asked for, with what was found, when the findings are to be kept.
    asked: Option<HashMap<String, Located>>,
    /// Whether a quote was not among the previous findings.
    missed: bool,
}

impl<'a> Quotes<'a> {
    /// Looks quotes up in `text`; `previous` are the findings of the last build in the same file,
    /// if they are to be used; `keep` says whether to collect the findings for the next build.
    pub fn new(text: &'a str, previous: Option<&'a Findings>, keep: bool) -> Quotes<'a> {
        Quotes {
            text,
            haystack: None,
            previous: previous.map(|findings| &findings.quotes),
            asked: keep.then(HashMap::new),
            missed: previous.is_none(),
        }
    }

    pub fn locate(&mut self, quote: &str) -> Located {
        let recalled = self.previous.and_then(|previous| previous.get(quote));
        let located = match recalled {
            Some(located) => located.clone(),
            None => {
                self.missed = true;
                let haystack = self.haystack.get_or_insert_with(|| Haystack::new(self.text));
                haystack.find(quote).ok_or_else(|| {
                    haystack
                        .closest_passage(quote)
                        .map(|passage| passage.split_whitespace().collect::<Vec<_>>().join(" "))
                })
            }
        };
        if let Some(asked) = &mut self.asked {
            asked.insert(quote.to_owned(), located.clone());
        }
        located
    }

    /// The findings to keep for the next build: the previous ones if nothing new was looked up
    /// (the same quotes, or fewer), else new ones. `None` when they are not kept.
    pub fn findings(self, markdown: &Arc<Markdown>, previous: Option<&Arc<Findings>>) -> Option<Arc<Findings>> {
        let asked = self.asked?;
        match previous {
            Some(previous) if !self.missed && asked.len() == previous.quotes.len() => Some(previous.clone()),
            _ => Some(Arc::new(Findings { markdown: markdown.clone(), text: self.text.to_owned(), quotes: asked })),
        }
    }
}

/// The text of an article as a reader sees it: recalled, or made from the Markdown.
pub fn plain_text(markdown: &Markdown, previous: Option<&Findings>) -> String {
    match previous {
        Some(findings) => findings.text.clone(),
        None => markdown::plain_text(markdown.body()),
    }
}
