//! What building the model made of each article, kept from one build to the next by
//! `dossier serve`, so that a save rebuilds the model without checking every article again.
//!
//! Checking an article depends on nothing but its two files and the table of names that
//! references resolve against. So when both files are the ones the last build read and the names
//! are the same, the last outcome (the checked article and its diagnostics) is the outcome. When only the Markdown
//! file is the same, its plain text and the positions of the quotes asked for last time are still
//! good, and only the rest is done again.
//!
//! A file is recognised by its allocation: the loader shares each file it read through an `Arc`
//! with every [`ArticleFile`] made from it until it reads the file again, and the memo holds those
//! `Arc`s, so an address cannot be freed and taken by another file while an entry names it.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::SharedText;
use super::build::Outcome;
use super::resolve::Names;
use crate::load::{ArticleFile, Markdown};
use crate::markdown;
use crate::quote::Haystack;

/// Where a quote is in the text, or else the passage most like it, if any.
pub(super) type Located = Result<Range<usize>, Option<String>>;

/// What the last build made of each article.
#[derive(Default)]
pub struct Memo {
    /// The names the last build resolved references against.
    names: Option<Names>,
    /// By the address of the Markdown file they were made from (see [`address`]).
    articles: HashMap<usize, Arc<Remembered>>,
}

/// What one build made of one article.
pub(super) struct Remembered {
    file: ArticleFile,
    outcome: Outcome,
    findings: Option<Arc<Findings>>,
}

/// What was found in one article's Markdown file: its plain text, and where the quotes asked for
/// are in it.
pub(super) struct Findings {
    text: SharedText,
    quotes: HashMap<String, Located>,
}

impl Memo {
    /// What can be recalled in a build that resolves references against `names`.
    pub(super) fn recall<'m>(&'m self, names: &Names) -> Recall<'m> {
        Recall { memo: self, same_names: self.names.as_ref() == Some(names) }
    }

    /// Keeps what this build made (and its names) for the next one, and forgets the rest.
    pub(super) fn replace(&mut self, names: Names, articles: impl Iterator<Item = Arc<Remembered>>) {
        self.names = Some(names);
        self.articles = articles.map(|remembered| (address(&remembered.file), remembered)).collect();
    }
}

/// What the memo holds, for one build.
#[derive(Clone, Copy)]
pub(super) struct Recall<'m> {
    memo: &'m Memo,
    same_names: bool,
}

impl<'m> Recall<'m> {
    /// What the last build made of the article in `file`, if it read the same files.
    fn remembered(&self, file: &ArticleFile) -> Option<&'m Arc<Remembered>> {
        self.memo.articles.get(&address(file))
    }

    /// The last outcome of checking `file`, if it must be the same: same files, same names.
    pub(super) fn unchanged(&self, file: &ArticleFile) -> Option<&'m Arc<Remembered>> {
        let remembered = self.remembered(file).filter(|_| self.same_names)?;
        let same_sidecar = match (&remembered.file.sidecar, &file.sidecar) {
            (Some(before), Some(now)) => Arc::ptr_eq(before, now),
            (before, now) => before.is_none() && now.is_none(),
        };
        same_sidecar.then_some(remembered)
    }

    /// What was found in the Markdown of `file`, if it is the file the last build read.
    pub(super) fn findings(&self, file: &ArticleFile) -> Option<&'m Arc<Findings>> {
        self.remembered(file)?.findings.as_ref()
    }
}

/// The address of the article's Markdown file as loaded: the same for the same file read once,
/// and never another file's while the memo holds it.
fn address(file: &ArticleFile) -> usize {
    Arc::as_ptr(&file.markdown) as usize
}

impl Remembered {
    pub(super) fn new(file: &ArticleFile, outcome: Outcome, findings: Option<Arc<Findings>>) -> Arc<Remembered> {
        Arc::new(Remembered { file: file.clone(), outcome, findings })
    }

    pub(super) fn outcome(&self) -> &Outcome {
        &self.outcome
    }
}

/// The quotes of one article, looked up in its text as the build asks for them: recalled from the
/// last build's findings where it has them, found in the text (folded once, when first needed)
/// where it does not.
pub(super) struct Quotes<'a> {
    text: &'a SharedText,
    haystack: Option<Haystack<'a>>,
    previous: Option<&'a HashMap<String, Located>>,
    /// Every quote asked for, with what was found, when the findings are to be kept.
    asked: Option<HashMap<String, Located>>,
    /// Whether a quote was not among the previous findings.
    missed: bool,
}

impl<'a> Quotes<'a> {
    /// Looks quotes up in `text`; `previous` are the findings of the last build in the same file,
    /// if any; `keep` says whether to collect the findings for the next build.
    pub(super) fn new(text: &'a SharedText, previous: Option<&'a Findings>, keep: bool) -> Quotes<'a> {
        Quotes {
            text,
            haystack: None,
            previous: previous.map(|findings| &findings.quotes),
            asked: keep.then(HashMap::new),
            missed: previous.is_none(),
        }
    }

    pub(super) fn locate(&mut self, quote: &str) -> Located {
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
    pub(super) fn findings(self, previous: Option<&Arc<Findings>>) -> Option<Arc<Findings>> {
        let asked = self.asked?;
        match previous {
            Some(previous) if !self.missed && asked.len() == previous.quotes.len() => Some(previous.clone()),
            _ => Some(Arc::new(Findings { text: self.text.clone(), quotes: asked })),
        }
    }
}

/// The text of an article as a reader sees it: recalled, or made from the Markdown.
pub(super) fn plain_text(markdown: &Markdown, previous: Option<&Findings>) -> SharedText {
    match previous {
        Some(findings) => findings.text.clone(),
        None => SharedText::from(markdown::plain_text(markdown.body()).as_str()),
    }
}
