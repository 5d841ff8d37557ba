//! A page's tera context, and when a build cache asks for it, the digest of everything the
//! context holds: a page rendered with the same theme by the same binary from the same template
//! and a context of the same digest is the same bytes, so a build may reuse what an earlier one
//! made of it rather than render it again ([`crate::cache`] keeps the rest of the key).

use serde::Serialize;
use tera::value::ValueKind;
use tera::{Context, Value};

/// A blake3 digest.
pub type Digest = [u8; 32];

/// A context being filled, its values digested as they come when a digest is wanted.
pub struct PageContext {
    context: Context,
    /// Every key and value so far, each part tagged and measured so that no two contexts write
    /// the same bytes; `None` when no digest is wanted.
    digest: Option<Writer>,
}

impl PageContext {
    pub fn new(digested: bool) -> PageContext {
        PageContext { context: Context::new(), digest: digested.then(Writer::default) }
    }

    pub fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        self.insert_value(key, Value::from_serializable(value));
    }

    pub fn insert_value(&mut self, key: &'static str, value: Value) {
        if let Some(digest) = &mut self.digest {
            digest.text(key);
            digest.value(&value);
        }
        self.context.insert_value(key, value);
    }

    /// The context, and the digest of `template` with it if one was asked for.
    pub fn finish(self, template: &str) -> (Context, Option<Digest>) {
        let digest = self.digest.map(|mut digest| {
            digest.text(template);
            digest.finish()
        });
        (self.context, digest)
    }
}

/// Bytes gathered into a small buffer, hashed a buffer at a time: contexts run to megabytes, and
/// blake3 is fastest on long runs.
struct Writer {
    buffer: Vec<u8>,
    hasher: blake3::Hasher,
}

const BUFFER: usize = 64 * 1024;

thread_local! {
    /// Each thread's buffer, taken by the page it renders and given back: a buffer made anew for
    /// each of 13,540 pages at 10k cost more than the digests.
    static BUFFERS: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

impl Default for Writer {
    fn default() -> Writer {
        let mut buffer = BUFFERS.take();
        buffer.clear();
        buffer.reserve(BUFFER);
        Writer { buffer, hasher: blake3::Hasher::new() }
    }
}

impl Writer {
    fn put(&mut self, bytes: &[u8]) {
        if self.buffer.len() + bytes.len() > BUFFER {
            self.hasher.update(&self.buffer);
            self.buffer.clear();
            if bytes.len() > BUFFER {
                self.hasher.update(bytes);
                return;
            }
        }
        self.buffer.extend_from_slice(bytes);
    }

    fn tag(&mut self, tag: u8) {
        self.put(&[tag]);
    }

    fn length(&mut self, length: usize) {
        self.put(&(length as u64).to_le_bytes());
    }

    fn text(&mut self, text: &str) {
        self.length(text.len());
        self.put(text.as_bytes());
    }

    /// `value` as a template sees it: its kind, its parts, and whether a string is marked safe.
    fn value(&mut self, value: &Value) {
        match value.kind() {
            ValueKind::Undefined => self.tag(b'u'),
            ValueKind::None => self.tag(b'0'),
            ValueKind::Bool => self.put(&[b'b', u8::from(value.as_bool() == Some(true))]),
            ValueKind::U64 | ValueKind::U128 => {
                self.tag(b'+');
                self.put(&value.as_u128().unwrap_or_default().to_le_bytes());
            }
            ValueKind::I64 | ValueKind::I128 => {
                self.tag(b'-');
                self.put(&value.as_i128().unwrap_or_default().to_le_bytes());
            }
            ValueKind::F64 => {
                self.tag(b'f');
                self.put(&value.as_f64().unwrap_or_default().to_bits().to_le_bytes());
            }
            ValueKind::String => {
                self.tag(if value.is_safe() { b's' } else { b'n' });
                self.text(value.as_str().unwrap_or_default());
            }
            ValueKind::Bytes => {
                let bytes = value.as_bytes().unwrap_or_default();
                self.tag(b'y');
                self.length(bytes.len());
                self.put(bytes);
            }
            ValueKind::Array => {
                let items = value.as_array().unwrap_or_default();
                self.tag(b'[');
                self.length(items.len());
                items.iter().for_each(|item| self.value(item));
            }
            ValueKind::Map => {
                let map = value.as_map();
                self.tag(b'{');
                self.length(map.map_or(0, |map| map.len()));
                for (key, value) in map.into_iter().flatten() {
                    match key.as_str() {
                        Some(key) => self.text(key),
                        None => {
                            self.tag(b'k');
                            self.text(&key.to_string());
                        }
                    }
                    self.value(value);
                }
            }
            // A kind a later tera adds: its JSON text, which names its every part.
            _ => {
                let json = serde_json::to_vec(value).unwrap_or_default();
                self.tag(b'j');
                self.length(json.len());
                self.put(&json);
            }
        }
    }

    fn finish(mut self) -> Digest {
        self.hasher.update(&self.buffer);
        BUFFERS.set(std::mem::take(&mut self.buffer));
        *self.hasher.finalize().as_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(fill: impl FnOnce(&mut PageContext), template: &str) -> Digest {
        let mut context = PageContext::new(true);
        fill(&mut context);
        context.finish(template).1.expect("digested")
    }

    #[test]
    fn the_digest_changes_with_any_value_key_or_template_and_only_then() {
        let base = digest(|c| c.insert("title", "Tin tặc"), "article.html");
        assert_eq!(base, digest(|c| c.insert("title", "Tin tặc"), "article.html"));
        assert_ne!(base, digest(|c| c.insert("title", "Tin tac"), "article.html"));
        assert_ne!(base, digest(|c| c.insert("name", "Tin tặc"), "article.html"));
        assert_ne!(base, digest(|c| c.insert("title", "Tin tặc"), "actor.html"));
        assert_ne!(digest(|c| c.insert("n", &1), "a"), digest(|c| c.insert("n", "1"), "a"));
        let safe = |c: &mut PageContext| c.insert_value("html", Value::safe_string("<b>"));
        assert_ne!(digest(safe, "a"), digest(|c| c.insert("html", "<b>"), "a"), "safe or escaped");
        let nested = |c: &mut PageContext| c.insert("list", &[vec!["a", "b"], vec![]]);
        assert_ne!(digest(nested, "a"), digest(|c| c.insert("list", &[vec!["a"], vec!["b"]]), "a"));
        // A key and value cannot run into the next pair's.
        let split = digest(
            |c| {
                c.insert("a", "bc");
                c.insert("d", "")
            },
            "t",
        );
        assert_ne!(
            split,
            digest(
                |c| {
                    c.insert("a", "b");
                    c.insert("cd", "")
                },
                "t"
            )
        );
    }

    #[test]
    fn no_digest_is_made_unless_asked() {
        let mut context = PageContext::new(false);
        context.insert("title", "x");
        let (context, digest) = context.finish("t");
        assert_eq!(digest, None);
        assert_eq!(context.get("title").and_then(Value::as_str), Some("x"));
    }
}
