//! Scaffolding for `dossier new`: a new article and its annotations, from a template, never over
//! an existing file; and, in [`init`], a whole new archive for `dossier init`.
//!
//! The article gets front matter with the title, the date and the source; what the editor did not
//! give is left as an empty string, so that `dossier check` points at the line to fill in. The
//! sidecar is a commented skeleton of the annotation format (see `docs/content-format.md`), so
//! the article counts as not yet annotated until the editor uncomments something.

use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::load::ARTICLES_DIR;
use crate::model::{BASES, ClaimKind};
use crate::text::{is_valid_slug, slugify};

pub mod init;

/// What `dossier new` was asked for.
#[derive(Clone, Debug)]
pub struct NewArticle<'a> {
    pub slug: &'a str,
    pub title: Option<&'a str>,
    pub source: Option<&'a str>,
    /// The article's date, today's by default in the command.
    pub date: jiff::civil::Date,
}

/// The files `new_article` created, relative to the site root.
#[derive(Debug, PartialEq, Eq)]
pub struct Created {
    pub article: PathBuf,
    pub sidecar: PathBuf,
}

#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error("`{slug}` is not a valid slug: use lowercase ASCII letters, digits and `-`{hint}")]
    InvalidSlug { slug: String, hint: String },
    #[error("{} is not a site folder: it has no {CONFIG_FILE} (pass --root DIR)", .0.display())]
    NotASite(PathBuf),
    #[error("{}; nothing was written", already_exist(.0))]
    Exists(Vec<PathBuf>),
    #[error("{} is not empty; nothing was written (--force adds only the missing files)", .0.display())]
    NotEmpty(PathBuf),
    #[error("cannot write {}: {source}", path.display())]
    Write { path: PathBuf, source: std::io::Error },
}

/// Creates `content/articles/<slug>.md` and `<slug>.yaml` under `root`, or neither: it refuses
/// when either exists.
pub fn new_article(root: &Path, request: &NewArticle) -> Result<Created, NewError> {
    check_slug(request.slug)?;
    if !root.join(CONFIG_FILE).is_file() {
        return Err(NewError::NotASite(root.to_path_buf()));
    }
    let created = Created {
        article: Path::new(ARTICLES_DIR).join(format!("{}.md", request.slug)),
        sidecar: Path::new(ARTICLES_DIR).join(format!("{}.yaml", request.slug)),
    };
    let existing: Vec<PathBuf> =
        [&created.article, &created.sidecar].into_iter().filter(|path| root.join(path).exists()).cloned().collect();
    if !existing.is_empty() {
        return Err(NewError::Exists(existing));
    }
    let folder = root.join(ARTICLES_DIR);
    fs::create_dir_all(&folder).map_err(|source| NewError::Write { path: PathBuf::from(ARTICLES_DIR), source })?;
    write_new(root, &created.article, &article_text(request))?;
    if let Err(error) = write_new(root, &created.sidecar, &sidecar_text(request.slug)) {
        // Leave no half-made article behind: the two files come together or not at all.
        let _ = fs::remove_file(root.join(&created.article));
        return Err(error);
    }
    Ok(created)
}

/// `a already exists`, `a and b already exist`.
fn already_exist(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|path| path.display().to_string()).collect();
    match names.as_slice() {
        [one] => format!("{one} already exists"),
        _ => format!("{} already exist", names.join(" and ")),
    }
}

fn check_slug(slug: &str) -> Result<(), NewError> {
    if is_valid_slug(slug) {
        return Ok(());
    }
    let suggestion = slugify(slug);
    let hint = if is_valid_slug(&suggestion) { format!("; did you mean `{suggestion}`?") } else { String::new() };
    Err(NewError::InvalidSlug { slug: slug.to_owned(), hint })
}

/// Writes a file that must not exist yet; a file that appeared since the check is not replaced.
fn write_new(root: &Path, relative: &Path, text: &str) -> Result<(), NewError> {
    let error = |source| NewError::Write { path: relative.to_path_buf(), source };
    let mut file = OpenOptions::new().write(true).create_new(true).open(root.join(relative)).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            NewError::Exists(vec![relative.to_path_buf()])
        } else {
            error(source)
        }
    })?;
    file.write_all(text.as_bytes()).map_err(error)
}

/// A YAML double-quoted scalar: JSON's string syntax is valid YAML and escapes what needs it.
fn quoted(text: &str) -> String {
    serde_json::Value::String(text.to_owned()).to_string()
}

fn article_text(request: &NewArticle) -> String {
    let title = quoted(request.title.unwrap_or_default());
    let source = quoted(request.source.unwrap_or_default());
    format!(
        "---\n\
         title: {title}  # the headline, as published\n\
         date: {}  # the publication date: YYYY-MM-DD, or YYYY-MM, or YYYY\n\
         source: {source}  # the publication: VOV, Tuổi Trẻ, Kinh tế & Đô thị, ...\n\
         # url: https://...  # the original address\n\
         # author: ...\n\
         # summary: One or two sentences for lists; by default the first paragraph.\n\
         ---\n\
         Paste the article text here, verbatim from the publication, in Markdown.\n",
        request.date
    )
}

fn sidecar_text(slug: &str) -> String {
    let kinds: Vec<&str> = ClaimKind::all().map(ClaimKind::as_str).collect();
    let bases: Vec<&str> = BASES.iter().map(|row| row.word).collect();
    format!(
        "# Annotations of content/articles/{slug}.md (see docs/content-format.md).\n\
         # Uncomment what the article supports. References are ids, names or aliases of\n\
         # content/actors/*.yaml and content/countries/*.yaml; every quote is copied from the text.\n\
         \n\
         # actors: [apt32, fireeye]\n\
         # countries: [vn]\n\
         # tags: [APT32, phản bác]\n\
         # claims:\n\
         #   - by: fireeye          # who makes the claim: an actor or a country, or a list [us, gb]\n\
         #     kind: accuses        # {}\n\
         #     target: vn           # whom the claim is about: one or a list of actors or countries\n\
         #     about: apt32         # optional: the actor or actors the claim concerns\n\
         #     basis: technical     # optional: {}\n\
         #     hedged: true         # optional: the article reports it with reservation\n\
         #     id: fireeye-bao-cao  # optional: a name for answers; by default claim-1, claim-2...\n\
         #     responds_to: other-slug#claim-2  # optional: the claim this one answers\n\
         #     date: 2020-04-22     # optional: when the claim was made\n\
         #     quote: a passage copied from the article text\n\
         #     note: Optional *Markdown* commentary by the editor.\n\
         # notes:\n\
         #   - quote: a passage copied from the article text\n\
         #     note: An editorial note in Markdown, anchored to the passage.\n",
        kinds.join(", "),
        bases.join(" | ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(slug: &str) -> NewArticle<'_> {
        NewArticle {
            slug, title: Some("Tin tặc: “APT32”"), source: Some("VOV"), date: jiff::civil::date(2025, 6, 1)
        }
    }

    fn site() -> tempfile::TempDir {
        let temp = tempfile::tempdir().unwrap();
        fs::write(temp.path().join(CONFIG_FILE), "title = \"x\"\n").unwrap();
        temp
    }

    #[test]
    fn both_files_are_created_and_read_back_as_an_unannotated_article() {
        let temp = site();
        let created = new_article(temp.path(), &request("tin-tac-apt32")).unwrap();
        assert_eq!(created.article, Path::new("content/articles/tin-tac-apt32.md"));
        let checked = crate::check(temp.path());
        let messages: Vec<&str> = checked.diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["the article has no annotations"]);
        let archive = checked.archive.unwrap();
        assert_eq!(archive.articles[0].title, "Tin tặc: “APT32”");
        assert_eq!(archive.articles[0].date.iso(), "2025-06-01");
    }

    #[test]
    fn missing_title_and_source_are_left_for_check_to_point_at() {
        let temp = site();
        let bare = NewArticle { title: None, source: None, ..request("bai-moi") };
        new_article(temp.path(), &bare).unwrap();
        let checked = crate::check(temp.path());
        let errors: Vec<(usize, &str)> = checked
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| (d.position.map_or(0, |p| p.line), d.message.as_str()))
            .collect();
        assert_eq!(errors, [(2, "`title` is empty"), (4, "`source` is empty")]);
    }

    #[test]
    fn an_existing_sidecar_is_not_overwritten_and_no_article_is_made() {
        let temp = site();
        let folder = temp.path().join(ARTICLES_DIR);
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join("bai.yaml"), "tags: [x]\n").unwrap();
        let error = new_article(temp.path(), &request("bai")).unwrap_err();
        assert!(matches!(&error, NewError::Exists(paths) if paths == &[Path::new("content/articles/bai.yaml")]));
        assert_eq!(fs::read_to_string(folder.join("bai.yaml")).unwrap(), "tags: [x]\n");
        assert!(!folder.join("bai.md").exists());
    }

    #[test]
    fn an_invalid_slug_suggests_its_slugified_form() {
        let error = new_article(Path::new("."), &request("Tin tặc APT32")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "`Tin tặc APT32` is not a valid slug: use lowercase ASCII letters, digits and `-`; \
             did you mean `tin-tac-apt32`?"
        );
    }
}
