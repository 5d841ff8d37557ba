//! What dossier's search index weighs in a built site (every file under `search/` but the search
//! page, plus `search-index.json`), and what a query downloads: the manifest, the term shards its
//! words are in and the document shards of its first page of results.
//!
//! Which shards a query loads is decided by `dossier::search::query`, the reference of the
//! client's lookups, on an index rebuilt here from the same archive (the build is deterministic,
//! so it is the index in the output); the bytes are those of the files in the output.

use std::path::Path;
use std::sync::Arc;

use anyhow::{Context, Result};

use crate::workspace::{self, TreeSize};
use dossier::render::Site;
use dossier::search::{FIRST_PAGE, Index, query};
use dossier::theme::Theme;

/// What readers of this archive would type: common words of the press about cyber attacks, with
/// and without diacritics, a country and a group.
const COMMON_QUERIES: &[&str] =
    &["tấn công mạng", "tin tặc", "ma doc tong tien", "trung quốc", "apt28", "cáo buộc", "lừa đảo trực tuyến"];

pub struct SearchSize {
    pub index: TreeSize,
    /// `None` when the site has no sharded index.
    pub queries: Option<QuerySizes>,
}

pub struct QuerySizes {
    /// The build's own estimate: the median of its sample queries (two words of titles).
    pub typical: u64,
    /// The same with a slip in the longest word of each, which typo correction answers.
    pub typical_typo: u64,
    /// Bytes downloaded by each of [`COMMON_QUERIES`].
    pub common: Vec<(&'static str, u64)>,
}

impl QuerySizes {
    /// The median over the common queries.
    pub fn common_median(&self) -> f64 {
        let bytes: Vec<f64> = self.common.iter().map(|(_, bytes)| *bytes as f64).collect();
        crate::measure::Stats::of(&bytes).map_or(0.0, |stats| stats.median)
    }
}

pub fn measure(site: &Path, out: &Path) -> Result<SearchSize> {
    let mut index = match out.join("search").is_dir() {
        true => workspace::tree_size(&out.join("search"))?,
        false => TreeSize::default(),
    };
    if let Ok(page) = std::fs::metadata(out.join("search/index.html")) {
        index.files -= 1;
        index.bytes -= page.len();
    }
    if let Ok(json) = std::fs::metadata(out.join("search-index.json")) {
        index.files += 1;
        index.bytes += json.len();
    }
    let queries = match out.join("search/index.js").is_file() {
        true => Some(query_sizes(site, out)?),
        false => None,
    };
    Ok(SearchSize { index, queries })
}

fn query_sizes(site: &Path, out: &Path) -> Result<QuerySizes> {
    let archive = workspace::archive(site)?;
    // The generated sites use the built-in theme, whose `date` component the manifest carries.
    let rendered = Site::new(Arc::new(archive), Arc::new(Theme::builtin()))
        .map_err(|errors| anyhow::anyhow!("the built-in theme does not compile: {} error(s)", errors.len()))?;
    let index = Index::build(rendered.archive());
    let sizes = index.sizes(&index.write(rendered.date_formats(), &|_| {}));
    let (typical, typical_typo) = (sizes.typical_query, sizes.typical_typo_query);
    let size = |path: String| -> Result<u64> {
        let file = out.join(&path);
        let metadata =
            std::fs::metadata(&file).with_context(|| format!("the index has no {path} (format changed?)"))?;
        Ok(metadata.len())
    };
    let mut common = Vec::new();
    for text in COMMON_QUERIES {
        let downloads = query::downloads(&index, text, FIRST_PAGE);
        let mut bytes = size("search/index.js".into())?;
        for shard in &downloads.term_shards {
            bytes += size(format!("search/terms/{shard}.js"))?;
        }
        for shard in &downloads.doc_shards {
            bytes += size(format!("search/docs/{shard}.js"))?;
        }
        common.push((*text, bytes));
    }
    Ok(QuerySizes { typical, typical_typo, common })
}
