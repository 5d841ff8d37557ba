//! What the server shows, shared between the builder, the background thread and the request
//! threads: the last good site and the errors of the last build, as one immutable [`Snapshot`]
//! swapped whole on every rebuild, and the subscribers (open pages, through server-sent events)
//! told of each new one.
//!
//! A site's pages are rendered when a browser first asks for them and kept with the site
//! ([`Served`]), so a rebuild costs the model and the pages viewed, not every page. The search
//! index is kept apart from the pages, so that new pages can be served with the previous index
//! while the new one is made.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError, RwLock};

use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use crate::diagnostic::Diagnostic;
use crate::file::OutputFile;
use crate::model::Archive;
use crate::render::Site;

/// Files by their `/`-separated path.
pub type Files = HashMap<String, Vec<u8>>;

pub fn files(files: Vec<OutputFile>) -> Files {
    files.into_iter().map(|file| (file.path, file.bytes)).collect()
}

/// A page as rendered: its bytes, or the template error that stopped it.
type Rendered = Result<Vec<u8>, Diagnostic>;

/// One build of the site: its pages, each rendered once when first asked for, and the theme's
/// assets.
pub struct Pages {
    site: Site,
    /// Each page's index in `site.pages()`, by output path.
    paths: HashMap<String, usize>,
    rendered: Vec<OnceLock<Rendered>>,
    assets: Files,
}

impl Pages {
    pub fn new(site: Site) -> Pages {
        let paths = site.pages().iter().enumerate().map(|(index, page)| (page.path.clone(), index)).collect();
        let rendered = site.pages().iter().map(|_| OnceLock::new()).collect();
        let mut assets = files(site.assets());
        // The preview reads no git history: its sitemap dates only the articles.
        assets.extend(files(crate::export::web_files(&site, &Default::default())));
        Pages { site, paths, rendered, assets }
    }

    pub fn archive(&self) -> &Arc<Archive> {
        self.site.archive()
    }

    pub fn site(&self) -> &Site {
        &self.site
    }

    /// Whether the page at `index` renders, without keeping it unless it fails: `None` if there is
    /// no such page.
    pub fn check(&self, index: usize) -> Option<Result<(), Diagnostic>> {
        let cell = self.rendered.get(index)?;
        let rendered = match cell.get() {
            Some(rendered) => rendered.as_ref().map(|_| ()).map_err(Diagnostic::clone),
            None => self.site.render(&self.site.pages()[index]).map(|_| ()),
        };
        if let Err(error) = &rendered {
            // A request may have rendered the page meanwhile; then that stays.
            let _ = cell.set(Err(error.clone()));
        }
        Some(rendered)
    }

    /// The page at `index` of `site().pages()`, rendered now if it has not been yet.
    pub fn render(&self, index: usize) -> Option<Result<&[u8], &Diagnostic>> {
        let cell = self.rendered.get(index)?;
        let rendered = cell.get_or_init(|| self.site.render(&self.site.pages()[index]).map(|file| file.bytes));
        Some(rendered.as_ref().map(Vec::as_slice))
    }
}

/// A site as the preview serves it: one build's pages and assets, with the newest search index
/// and data exports (and the data page listing them) made so far.
pub struct Served {
    pub pages: Arc<Pages>,
    pub search: Arc<Files>,
}

impl Served {
    /// The file at `key`: a page (rendered if need be, or its template error), an asset, or a file
    /// of the search index or the data exports.
    pub fn get(&self, key: &str) -> Option<Result<&[u8], &Diagnostic>> {
        if let Some(&index) = self.pages.paths.get(key) {
            return self.pages.render(index);
        }
        let file = self.pages.assets.get(key).or_else(|| self.search.get(key));
        file.map(|bytes| Ok(bytes.as_slice()))
    }

    /// Whether there is a file at `key`, without rendering it.
    pub fn contains(&self, key: &str) -> bool {
        self.pages.paths.contains_key(key) || self.pages.assets.contains_key(key) || self.search.contains_key(key)
    }

    /// The public address the site's pages may name (which the preview maps back to itself).
    pub fn base_url(&self) -> Option<&str> {
        self.pages.site.archive().config.base_url.as_deref()
    }

    /// Whether `other` serves the same build (with this index or another).
    pub fn is_build_of(&self, other: &Served) -> bool {
        Arc::ptr_eq(&self.pages, &other.pages)
    }
}

/// One state of the preview.
pub struct Snapshot {
    /// Names this state: the server instance and the build number. A page carries the token of
    /// the state it was served in, so that on connecting it learns of anything it missed.
    pub token: String,
    /// The last site that built without errors; `None` until one has.
    pub site: Option<Arc<Served>>,
    /// The errors of the last build; empty when it succeeded.
    pub errors: Arc<Vec<Diagnostic>>,
}

impl Snapshot {
    /// Before the first build has finished.
    pub fn is_building(&self) -> bool {
        self.site.is_none() && self.errors.is_empty()
    }

    /// Whether this state serves the build of `served` without errors.
    fn serves(&self, served: &Served) -> bool {
        self.errors.is_empty() && self.site.as_ref().is_some_and(|site| site.is_build_of(served))
    }
}

/// The current snapshot and who wants to hear of the next.
pub struct Live {
    instance: String,
    current: RwLock<Arc<Snapshot>>,
    generation: Mutex<u64>,
    subscribers: Mutex<Vec<UnboundedSender<Arc<Snapshot>>>>,
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
    pub fn publish(&self, site: Option<Arc<Served>>, errors: Vec<Diagnostic>) {
        let mut generation = self.generation.lock().unwrap_or_else(PoisonError::into_inner);
        let previous = self.publish_holding(&mut generation, site, errors);
        drop(generation);
        // The previous site may be the last reference to a whole archive: it is freed here, with
        // no lock held, rather than while others wait.
        drop(previous);
    }

    /// Publishes `errors` found in the build of `built` after it was published, with `site` to
    /// serve instead, if that build is still current; returns whether it was.
    pub fn publish_errors_in(&self, built: &Served, site: Option<Arc<Served>>, errors: Vec<Diagnostic>) -> bool {
        let mut generation = self.generation.lock().unwrap_or_else(PoisonError::into_inner);
        if !self.current().serves(built) {
            return false;
        }
        let previous = self.publish_holding(&mut generation, site, errors);
        drop(generation);
        drop(previous);
        true
    }

    /// Publishes a state while the caller holds the generation lock; returns the state replaced.
    fn publish_holding(
        &self,
        generation: &mut u64,
        site: Option<Arc<Served>>,
        errors: Vec<Diagnostic>,
    ) -> Arc<Snapshot> {
        *generation += 1;
        let snapshot =
            Arc::new(Snapshot { token: format!("{}-{generation}", self.instance), site, errors: Arc::new(errors) });
        let previous = self.swap(snapshot.clone());
        let mut subscribers = self.subscribers.lock().unwrap_or_else(PoisonError::into_inner);
        subscribers.retain(|subscriber| subscriber.send(snapshot.clone()).is_ok());
        previous
    }

    /// Whether the current state serves the build of `served` without errors.
    pub fn serves(&self, served: &Served) -> bool {
        self.current().serves(served)
    }

    /// Serves `search` with the current state's pages without telling anyone, if they are the
    /// build of `built`: open pages need not reload for a new index.
    pub fn replace_search_quietly(&self, built: &Served, search: Arc<Files>) {
        let generation = self.generation.lock().unwrap_or_else(PoisonError::into_inner);
        let current = self.current();
        let Some(site) = current.site.as_ref().filter(|site| site.is_build_of(built)) else { return };
        let site = Arc::new(Served { pages: site.pages.clone(), search });
        let replaced = Snapshot { token: current.token.clone(), site: Some(site), errors: current.errors.clone() };
        let previous = self.swap(Arc::new(replaced));
        drop(generation);
        drop((previous, current));
    }

    fn swap(&self, snapshot: Arc<Snapshot>) -> Arc<Snapshot> {
        std::mem::replace(&mut *self.current.write().unwrap_or_else(PoisonError::into_inner), snapshot)
    }

    /// A receiver of every snapshot published from now on, for an events stream's task; the
    /// builder that publishes sends without waiting.
    pub fn subscribe(&self) -> UnboundedReceiver<Arc<Snapshot>> {
        let (sender, receiver) = unbounded_channel();
        self.subscribers.lock().unwrap_or_else(PoisonError::into_inner).push(sender);
        receiver
    }
}
