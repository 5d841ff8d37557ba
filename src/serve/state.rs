//! What the server shows, shared between the builder and the request threads: the last good site
//! (files in memory) and the errors of the last build, as one immutable [`Snapshot`] swapped whole
//! on every rebuild, and the subscribers (open pages, through server-sent events) told of each new
//! one. The search index is kept apart from the pages, so that new pages can be served with the
//! previous index while the new one is made.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use crate::diagnostic::Diagnostic;
use crate::render::OutputFile;

/// Files by their `/`-separated path.
pub type Files = HashMap<String, Vec<u8>>;

pub fn files(files: Vec<OutputFile>) -> Files {
    files.into_iter().map(|file| (file.path, file.bytes)).collect()
}

/// The files of a built site, and the public address its pages may name (which the preview maps
/// back to itself).
#[derive(Debug)]
pub struct SiteFiles {
    /// Pages and the theme's assets.
    pub pages: Arc<Files>,
    /// The search index's files.
    pub search: Arc<Files>,
    pub base_url: Option<String>,
}

impl SiteFiles {
    pub fn get(&self, key: &str) -> Option<&Vec<u8>> {
        self.pages.get(key).or_else(|| self.search.get(key))
    }
}

/// One state of the preview.
#[derive(Debug)]
pub struct Snapshot {
    /// Names this state: the server instance and the build number. A page carries the token of
    /// the state it was served in, so that on connecting it learns of anything it missed.
    pub token: String,
    /// The last site that built without errors; `None` until one has.
    pub site: Option<Arc<SiteFiles>>,
    /// The errors of the last build; empty when it succeeded.
    pub errors: Arc<Vec<Diagnostic>>,
}

impl Snapshot {
    /// Before the first build has finished.
    pub fn is_building(&self) -> bool {
        self.site.is_none() && self.errors.is_empty()
    }
}

/// The current snapshot and who wants to hear of the next.
pub struct Live {
    instance: String,
    current: RwLock<Arc<Snapshot>>,
    generation: Mutex<u64>,
    subscribers: Mutex<Vec<Sender<Arc<Snapshot>>>>,
}

impl Live {
    pub fn new() -> Live {
        // Distinguishes this server from an earlier one on the same port, whose pages reconnect.
        let instance = format!("{:x}", jiff::Timestamp::now().as_millisecond());
        let token = format!("{instance}-0");
        let initial = Snapshot { token, site: None, errors: Arc::new(Vec::new()) };
        Live {
            instance,
            current: RwLock::new(Arc::new(initial)),
            generation: Mutex::new(0),
            subscribers: Mutex::new(Vec::new()),
        }
    }

    pub fn current(&self) -> Arc<Snapshot> {
        self.current.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Makes a new state current and tells every subscriber; subscribers that left are dropped.
    pub fn publish(&self, site: Option<Arc<SiteFiles>>, errors: Vec<Diagnostic>) {
        let mut generation = self.generation.lock().unwrap_or_else(PoisonError::into_inner);
        *generation += 1;
        let snapshot =
            Arc::new(Snapshot { token: format!("{}-{generation}", self.instance), site, errors: Arc::new(errors) });
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = snapshot.clone();
        let mut subscribers = self.subscribers.lock().unwrap_or_else(PoisonError::into_inner);
        subscribers.retain(|subscriber| subscriber.send(snapshot.clone()).is_ok());
    }

    /// Replaces the site of the current state without telling anyone: for the search index, which
    /// open pages need not reload for.
    pub fn replace_site_quietly(&self, site: Arc<SiteFiles>) {
        let _generation = self.generation.lock().unwrap_or_else(PoisonError::into_inner);
        let mut current = self.current.write().unwrap_or_else(PoisonError::into_inner);
        let replaced = Snapshot { token: current.token.clone(), site: Some(site), errors: current.errors.clone() };
        *current = Arc::new(replaced);
    }

    /// A receiver of every snapshot published from now on.
    pub fn subscribe(&self) -> Receiver<Arc<Snapshot>> {
        let (sender, receiver) = channel();
        self.subscribers.lock().unwrap_or_else(PoisonError::into_inner).push(sender);
        receiver
    }
}
