//! Diagnostics for machines: the JSON that `dossier check --format json` prints, for CI jobs and
//! editor integrations, and the workflow commands of `--format github`, which GitHub Actions
//! shows on the changed lines of a pull request. The JSON shape is flat and stable (one object per
//! problem, positions as plain numbers) so that a problem matcher or a `jq` filter does not depend
//! on how [`Diagnostic`] is laid out inside.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};

/// Every diagnostic of a run, with the counts a CI job looks at first.
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    pub errors: usize,
    pub warnings: usize,
    pub diagnostics: Vec<JsonDiagnostic<'a>>,
}

/// One diagnostic. `line` and `column` are 1-based (the column in characters) and `null` when
/// the problem concerns a file as a whole.
#[derive(Debug, Serialize)]
pub struct JsonDiagnostic<'a> {
    /// Relative to the site root, `/`-separated.
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub severity: Severity,
    pub message: &'a str,
    pub help: Option<&'a str>,
    pub source_line: Option<&'a str>,
}

impl<'a> JsonReport<'a> {
    pub fn new(diagnostics: &'a [Diagnostic]) -> Self {
        let errors = diagnostics.iter().filter(|diagnostic| diagnostic.is_error()).count();
        JsonReport {
            errors,
            warnings: diagnostics.len() - errors,
            diagnostics: diagnostics.iter().map(JsonDiagnostic::new).collect(),
        }
    }
}

impl<'a> JsonDiagnostic<'a> {
    fn new(diagnostic: &'a Diagnostic) -> Self {
        JsonDiagnostic {
            path: slash_path(&diagnostic.path),
            line: diagnostic.position.map(|position| position.line),
            column: diagnostic.position.map(|position| position.column),
            severity: diagnostic.severity,
            message: &diagnostic.message,
            help: diagnostic.help.as_deref(),
            source_line: diagnostic.source_line.as_deref(),
        }
    }
}

/// A path with `/` between its parts, as CI systems and JSON readers expect on any platform.
fn slash_path(path: &Path) -> String {
    let parts: Vec<_> = path.components().map(|part| part.as_os_str().to_string_lossy()).collect();
    parts.join("/")
}

/// Where the site root lies inside its git repository (`archive/` when the site is a folder of the
/// repository, empty when it is the repository's top level or in none): GitHub places an
/// annotation by its path from the repository's top level. The top level is the nearest folder
/// holding `.git` (a folder, or a file in a worktree).
pub fn repository_prefix(site_root: &Path) -> PathBuf {
    let Ok(site_root) = site_root.canonicalize() else { return PathBuf::new() };
    site_root
        .ancestors()
        .find(|folder| folder.join(".git").exists())
        .and_then(|top| site_root.strip_prefix(top).ok())
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// One GitHub workflow command per diagnostic (`::error file=…,line=…,col=…,title=…::message`,
/// warnings as `::warning`), each path under `prefix` (see [`repository_prefix`]).
pub fn github_commands(diagnostics: &[Diagnostic], prefix: &Path) -> String {
    diagnostics.iter().map(|diagnostic| github_command(diagnostic, prefix) + "\n").collect()
}

fn github_command(diagnostic: &Diagnostic, prefix: &Path) -> String {
    let command = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = vec![format!("file={}", escape_property(&slash_path(&prefix.join(&diagnostic.path))))];
    if let Some(position) = diagnostic.position {
        properties.push(format!("line={},col={}", position.line, position.column));
    }
    properties.push(format!("title={}", escape_property(&format!("dossier check: {command}"))));
    let message = match &diagnostic.help {
        Some(help) => format!("{}\nhelp: {help}", diagnostic.message),
        None => diagnostic.message.clone(),
    };
    format!("::{command} {}::{}", properties.join(","), escape_data(&message))
}

/// GitHub's escaping of a command's message: `%`, carriage returns and line feeds.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// GitHub's escaping of a command's property value: as a message's, and `:` and `,`, which
/// separate properties.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;

    #[test]
    fn diagnostics_become_flat_objects_with_counts() {
        let source = "actors: [apt-32]\n";
        let diagnostics = vec![
            Diagnostic::error("content/articles/a.yaml", "unknown actor `apt-32`")
                .at(source, Position { line: 1, column: 10 })
                .with_help("did you mean `apt32` (APT32)?"),
            Diagnostic::warning("content/actors/x.yaml", "no article refers to the actor `x`"),
        ];
        let json = serde_json::to_value(JsonReport::new(&diagnostics)).unwrap();
        assert_eq!(json["errors"], 1);
        assert_eq!(json["warnings"], 1);
        assert_eq!(
            json["diagnostics"][0],
            serde_json::json!({
                "path": "content/articles/a.yaml",
                "line": 1,
                "column": 10,
                "severity": "error",
                "message": "unknown actor `apt-32`",
                "help": "did you mean `apt32` (APT32)?",
                "source_line": "actors: [apt-32]",
            })
        );
        assert_eq!(json["diagnostics"][1]["line"], serde_json::Value::Null);
    }

    #[test]
    fn github_commands_escape_and_place_each_diagnostic_under_the_prefix() {
        let source = "by: a, b\n";
        let diagnostics = vec![
            Diagnostic::error("content/articles/a,b.yaml", "50% of\nthe text: gone")
                .at(source, Position { line: 1, column: 5 })
                .with_help("did you mean `x`?"),
            Diagnostic::warning("site.toml", "unused key"),
        ];
        assert_eq!(
            github_commands(&diagnostics, Path::new("archive")),
            "::error file=archive/content/articles/a%2Cb.yaml,line=1,col=5,title=dossier check%3A error\
             ::50%25 of%0Athe text: gone%0Ahelp: did you mean `x`?\n\
             ::warning file=archive/site.toml,title=dossier check%3A warning::unused key\n"
        );
    }
}
