//! Request paths to what the preview serves. Only files of the built site are served, and they are
//! served from memory: a path is a key into the map of built files, never a path on disk, so no
//! symlink or `..` can reach outside the site. Paths that try anyway (`..` or `.` segments, plain
//! or percent-encoded, backslashes, NUL, empty segments such as `//etc/passwd`, invalid escapes or
//! UTF-8) are refused outright rather than normalised, so nothing that looks like an escape is ever
//! looked up.

use crate::urls;

/// The server's own endpoints live under this prefix, which no page path can take: slugs and ids
/// start with a letter or a digit.
pub const PREFIX: &str = "/__dossier/";
pub const EVENTS: &str = "/__dossier/events";
pub const LIVE_SCRIPT: &str = "/__dossier/live.js";

#[derive(Debug, PartialEq, Eq)]
pub enum Route {
    /// The server-sent events stream; `since` is the token of the state the page was served in.
    Events {
        since: Option<String>,
    },
    LiveScript,
    /// A file of the site by its key (`articles/x/index.html`); `path` is the request path as
    /// sent, for a redirect that adds a missing trailing slash.
    File {
        key: String,
        path: String,
    },
    /// A path that is malformed or tries to leave the site.
    Refused,
}

pub fn route(url: &str) -> Route {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    match path {
        EVENTS => return Route::Events { since: query_value(query, "since") },
        LIVE_SCRIPT => return Route::LiveScript,
        _ => {}
    }
    match site_key(path) {
        Some(key) => Route::File { key, path: path.to_owned() },
        None => Route::Refused,
    }
}

/// The key of the site file that `path` names, or `None` when the path is not a clean absolute
/// path inside the site. A folder (`/`, `/actors/`) names its `index.html`.
fn site_key(path: &str) -> Option<String> {
    let relative = path.strip_prefix('/')?;
    let decoded = String::from_utf8(percent_decode(relative)?).ok()?;
    if decoded.contains(['\\', '\0']) || decoded.starts_with(PREFIX.trim_start_matches('/')) {
        return None;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let (last, folders) = segments.split_last()?;
    if folders.iter().any(|segment| segment.is_empty() || *segment == "." || *segment == "..") {
        return None;
    }
    if *last == "." || *last == ".." {
        return None;
    }
    if last.is_empty() { Some(urls::file(&decoded)) } else { Some(decoded) }
}

/// `%XX` escapes decoded to bytes; `None` for a `%` not followed by two hex digits.
fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = std::str::from_utf8(bytes.get(index + 1..index + 3)?).ok()?;
            decoded.push(u8::from_str_radix(hex, 16).ok()?);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    Some(decoded)
}

/// The value of `name` in a query string, undecoded: tokens are plain ASCII.
fn query_value(query: &str, name: &str) -> Option<String> {
    query.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('=')).map(str::to_owned)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(url: &str) -> Option<String> {
        match route(url) {
            Route::File { key, .. } => Some(key),
            _ => None,
        }
    }

    #[test]
    fn folders_name_their_index_and_queries_are_ignored() {
        assert_eq!(key("/").as_deref(), Some("index.html"));
        assert_eq!(key("/actors/apt32/?x=1").as_deref(), Some("actors/apt32/index.html"));
        assert_eq!(key("/assets/style.1f2e3d4c.css").as_deref(), Some("assets/style.1f2e3d4c.css"));
        assert_eq!(key("/articles/vi%E1%BB%87t/").as_deref(), Some("articles/việt/index.html"));
    }

    #[test]
    fn escapes_are_refused_in_every_spelling() {
        for url in [
            "/../site.toml",
            "/%2e%2e/site.toml",
            "/%2E%2E/site.toml",
            "/..%2fsite.toml",
            "/..%2Fsite.toml",
            "/articles/../../site.toml",
            "/articles/%2e%2e%2f%2e%2e%2fsite.toml",
            "//etc/passwd",
            "/%2fetc/passwd",
            "/..\\site.toml",
            "/%5c..%5csite.toml",
            "/index.html%00.css",
            "/./index.html",
            "/articles/..",
            "/%zz",
            "/%ff",
            "etc/passwd",
            "/__dossier/../index.html",
        ] {
            assert_eq!(route(url), Route::Refused, "{url}");
        }
    }

    #[test]
    fn the_servers_own_endpoints_are_routed() {
        assert_eq!(route("/__dossier/events?since=ab-3"), Route::Events { since: Some("ab-3".into()) });
        assert_eq!(route("/__dossier/events"), Route::Events { since: None });
        assert_eq!(route("/__dossier/live.js"), Route::LiveScript);
        assert_eq!(route("/__dossier/other"), Route::Refused);
    }
}
