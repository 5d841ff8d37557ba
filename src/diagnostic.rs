//! Diagnostics: what dossier tells an editor about their content.
//!
//! Every problem found in a site (a YAML syntax error, an unknown actor, a quote that is not in the
//! text, a template error) becomes a [`Diagnostic`] that names the file, the line and the column,
//! and carries the offending source line so it can be shown with a caret under the culprit. Stages
//! collect diagnostics instead of stopping at the first one; the command layer prints them all.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};

/// How bad a diagnostic is: errors fail the build, warnings do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A position in a source file, 1-based, in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One problem in one file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the site root where possible.
    pub path: PathBuf,
    pub position: Option<Position>,
    pub message: String,
    /// A cheap suggestion for the fix, such as the closest actor id.
    pub help: Option<String>,
    /// The source line at `position`, kept so the diagnostic can be shown without the file.
    pub source_line: Option<String>,
    /// How many characters the caret underlines, at least one.
    pub underline: usize,
}

impl Diagnostic {
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            position: None,
            message: message.into(),
            help: None,
            source_line: None,
            underline: 1,
        }
    }

    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, message) }
    }

    /// Places the diagnostic at `position` of `source`, copying the line for display.
    pub fn at(mut self, source: &str, position: Position) -> Self {
        self.source_line = source.lines().nth(position.line.saturating_sub(1)).map(str::to_owned);
        self.position = Some(position);
        self
    }

    /// Places the diagnostic at `position` and underlines `width` characters from there.
    pub fn spanning(self, source: &str, position: Position, width: usize) -> Self {
        let mut diagnostic = self.at(source, position);
        diagnostic.underline = width.max(1);
        diagnostic
    }

    /// The same diagnostic as a warning: legal, but likely a mistake.
    pub fn as_warning(mut self) -> Self {
        self.severity = Severity::Warning;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Orders diagnostics by file and position so reports read top to bottom.
    fn sort_key(&self) -> (&Path, Option<Position>, Severity, &str) {
        (&self.path, self.position, self.severity, &self.message)
    }
}

/// Sorts diagnostics for display: by file, then position.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
}

/// Diagnostics gathered from many threads, each kept once: a template error shows on every page
/// that uses the template, and is reported once.
#[derive(Default)]
pub struct Distinct(Mutex<Vec<Diagnostic>>);

impl Distinct {
    pub fn add(&self, diagnostic: Diagnostic) {
        let mut diagnostics = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if !diagnostics.contains(&diagnostic) {
            diagnostics.push(diagnostic);
        }
    }

    /// Every diagnostic added, once each, sorted.
    pub fn into_sorted(self) -> Vec<Diagnostic> {
        let mut diagnostics = self.0.into_inner().unwrap_or_else(PoisonError::into_inner);
        sort(&mut diagnostics);
        diagnostics
    }
}

impl fmt::Display for Diagnostic {
    /// `path:line:col: error: message`, then the source line with a caret, then the help.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}", self.path.display())?;
        if let Some(position) = self.position {
            write!(f, ":{}:{}", position.line, position.column)?;
        }
        writeln!(f, ": {severity}: {}", self.message)?;
        if let (Some(position), Some(line)) = (self.position, &self.source_line) {
            let number = position.line.to_string();
            let gutter = " ".repeat(number.len());
            let indent: String = line
                .chars()
                .take(position.column.saturating_sub(1))
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            writeln!(f, " {number} | {line}")?;
            writeln!(f, " {gutter} | {indent}{}", "^".repeat(self.underline))?;
        }
        if let Some(help) = &self.help {
            writeln!(f, "  = help: {help}")?;
        }
        Ok(())
    }
}

/// A collector that stages push diagnostics into while they keep going.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// All diagnostics, sorted by file and position.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        sort(&mut self.items);
        self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_shows_location_line_caret_and_help() {
        let source = "actors:\n  - apt-32\n";
        let diagnostic = Diagnostic::error("content/articles/a.yaml", "unknown actor `apt-32`")
            .spanning(source, Position { line: 2, column: 5 }, 6)
            .with_help("did you mean `apt32` (APT32)?");
        assert_eq!(
            diagnostic.to_string(),
            "content/articles/a.yaml:2:5: error: unknown actor `apt-32`\n \
             2 |   - apt-32\n   |     ^^^^^^\n  = help: did you mean `apt32` (APT32)?\n"
        );
    }

    #[test]
    fn display_without_position_names_only_the_file() {
        let diagnostic = Diagnostic::error("site.toml", "cannot read the file");
        assert_eq!(diagnostic.to_string(), "site.toml: error: cannot read the file\n");
    }
}
