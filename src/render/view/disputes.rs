//! The disputes (`disputes/`): every exchange of the archive, a claim that opens it (answering
//! none) and the claims that answer it, followed through `responds_to` to any depth (accusation,
//! then denial, then counter-accusation), in numbered pages, the newest opening first. The same
//! thread is shown on the article page beside each claim in it. Computed once per build.

use serde::Serialize;
use tera::Value;

use super::claims::{claim_date, newest_first};
use super::{ClaimLink, DateView, Views, claim_link};
use crate::model::{Archive, ClaimId};
use crate::render::pages;
use crate::urls;

/// One exchange: the claim that opens it and every claim that answers it, directly or not.
#[derive(Debug)]
pub struct Thread {
    pub opening: ClaimId,
    /// The answers in reading order: each answer right after the claim it answers, answers to
    /// one claim in claim order; with their depth (1 for an answer to the opening).
    pub answers: Vec<(ClaimId, usize)>,
}

impl Thread {
    fn of(archive: &Archive, opening: ClaimId) -> Thread {
        let mut answers = Vec::new();
        let mut stack: Vec<(ClaimId, usize)> =
            archive.claim(opening).responses.iter().rev().map(|answer| (*answer, 1)).collect();
        while let Some((claim, depth)) = stack.pop() {
            answers.push((claim, depth));
            stack.extend(archive.claim(claim).responses.iter().rev().map(|answer| (*answer, depth + 1)));
        }
        Thread { opening, answers }
    }

    /// Every claim of the thread in reading order, with its depth (0 for the opening).
    pub fn claims(&self) -> impl Iterator<Item = (ClaimId, usize)> + '_ {
        std::iter::once((self.opening, 0)).chain(self.answers.iter().copied())
    }
}

/// Every thread, and the thread each claim is in.
pub struct Disputes {
    /// Newest opening first (the claims list's order).
    threads: Vec<Thread>,
    /// For each claim, the index of its thread in `threads`.
    of_claim: Vec<Option<usize>>,
}

impl Disputes {
    pub fn new(archive: &Archive) -> Disputes {
        let threads: Vec<Thread> = newest_first(archive)
            .into_iter()
            .filter(|id| {
                let claim = archive.claim(*id);
                claim.responds_to.is_none() && !claim.responses.is_empty()
            })
            .map(|opening| Thread::of(archive, opening))
            .collect();
        let mut of_claim = vec![None; archive.claims.len()];
        for (index, thread) in threads.iter().enumerate() {
            for (claim, _) in thread.claims() {
                of_claim[claim.index()] = Some(index);
            }
        }
        Disputes { threads, of_claim }
    }

    pub fn threads(&self) -> &[Thread] {
        &self.threads
    }

    /// The thread the claim `id` is in, with its index among all threads; `None` for a claim
    /// that answers none and is answered by none.
    pub fn thread_of(&self, id: ClaimId) -> Option<(usize, &Thread)> {
        let index = self.of_claim[id.index()]?;
        Some((index, &self.threads[index]))
    }
}

/// A thread as the disputes page shows it: the opening claim beside its answers.
#[derive(Serialize)]
struct DisputeView {
    /// Its fragment id in its disputes page.
    anchor: String,
    /// Who opened it, by name, and when.
    by: Vec<String>,
    date: DateView,
    opening: Value,
    answers: Vec<AnswerView>,
}

#[derive(Serialize)]
struct AnswerView {
    claim: Value,
    depth: usize,
}

/// A thread as an article page shows it beside one of its claims: every claim of the thread as a
/// link, the one beside it marked.
#[derive(Serialize)]
struct ThreadView {
    /// The thread in the disputes pages.
    url: String,
    entries: Vec<ThreadEntry>,
}

#[derive(Serialize)]
struct ThreadEntry {
    link: ClaimLink,
    date: DateView,
    depth: usize,
    current: bool,
}

/// How many threads a disputes page holds, the site's `page_size`.
fn threads_per_page(archive: &Archive) -> usize {
    archive.config.page_size
}

/// How many numbered disputes pages there are (at least one).
pub fn page_count(archive: &Archive, disputes: &Disputes) -> usize {
    pages::page_count(disputes.threads.len(), threads_per_page(archive))
}

/// The fragment id of the thread opened by `opening`.
fn anchor(archive: &Archive, opening: ClaimId) -> String {
    let claim = archive.claim(opening);
    urls::dispute_anchor(&archive.article(claim.article).slug, &claim.anchor)
}

/// The threads numbered disputes page `number` shows.
pub fn page(archive: &Archive, views: &Views, number: usize) -> Value {
    let disputes = views.disputes();
    let range = pages::page_range(disputes.threads.len(), number, threads_per_page(archive));
    let threads: Vec<Value> = disputes.threads[range]
        .iter()
        .map(|thread| {
            Value::from_serializable(&DisputeView {
                anchor: anchor(archive, thread.opening),
                by: claim_link(archive, thread.opening).by,
                date: DateView::new(claim_date(archive, thread.opening)),
                opening: views.claim(thread.opening),
                answers: thread
                    .answers
                    .iter()
                    .map(|(claim, depth)| AnswerView { claim: views.claim(*claim), depth: *depth })
                    .collect(),
            })
        })
        .collect();
    threads.into()
}

/// The thread of each claim of `claims` (an article's), or none for a claim outside any.
pub fn threads_beside(archive: &Archive, views: &Views, claims: &[ClaimId]) -> Value {
    let disputes = views.disputes();
    let threads: Vec<Value> = claims
        .iter()
        .map(|id| match disputes.thread_of(*id) {
            None => Value::none(),
            Some((index, thread)) => Value::from_serializable(&ThreadView {
                url: urls::with_anchor(
                    &urls::numbered(urls::DISPUTES, index / threads_per_page(archive) + 1),
                    &anchor(archive, thread.opening),
                ),
                entries: thread
                    .claims()
                    .map(|(claim, depth)| ThreadEntry {
                        link: claim_link(archive, claim),
                        date: DateView::new(claim_date(archive, claim)),
                        depth,
                        current: claim == *id,
                    })
                    .collect(),
            }),
        })
        .collect();
    threads.into()
}
