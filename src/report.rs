//! Diagnostics for machines: the JSON that `dossier check --format json` prints, for CI jobs and
//! editor integrations. The shape is flat and stable (one object per problem, positions as plain
//! numbers) so that a problem matcher or a `jq` filter does not depend on how [`Diagnostic`] is
//! laid out inside.

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
        let path = diagnostic.path.components().map(|part| part.as_os_str().to_string_lossy()).collect::<Vec<_>>();
        JsonDiagnostic {
            path: path.join("/"),
            line: diagnostic.position.map(|position| position.line),
            column: diagnostic.position.map(|position| position.column),
            severity: diagnostic.severity,
            message: &diagnostic.message,
            help: diagnostic.help.as_deref(),
            source_line: diagnostic.source_line.as_deref(),
        }
    }
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
}
