//! The `dossier` command: parses arguments and prints what the library reports. Each subcommand
//! is a thin layer over one library function: `build`, `check` (`validate`), `serve`,
//! `new` (`scaffold`) and `import-actors` (`import`); `completions` and `man` are generated from
//! these clap definitions, so they cannot drift from the flags.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use dossier::config::Overrides;
use dossier::diagnostic::Diagnostic;
use dossier::import::{ImportError, ImportOptions, ImportReport};
use dossier::{BuildError, BuildOptions, CacheUse};

// A build allocates and frees millions of small strings from two threads; mimalloc does this
// markedly faster than glibc's malloc (see docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay`: its place in `mi_option_e` (v2 and v3 alike), which
/// libmimalloc-sys gives no name.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Keeps the memory a build frees for its own next allocations instead of handing it back to the
/// OS a second later: a build is a batch of seconds or minutes, and memory handed back is zeroed
/// again by the kernel when it is touched anew (6-14% of a 10k build's CPU went to zeroing pages;
/// docs/performance.md, "Session 7"). `dossier serve`, which runs for hours, keeps the default.
fn keep_freed_memory() {
    // SAFETY: sets an integer option, before any other thread exists; mimalloc reads it when
    // it next purges.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

#[derive(Parser)]
#[command(name = "dossier", version, about = "Build an annotated news archive into a static website")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced whole, only on success, and only if an
    /// earlier build made it).
    Build {
        /// The site folder (with site.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; default: `output_dir` of site.toml, or `public/`. A folder
        /// outside the site must be new, empty, or made by an earlier build.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also write a zip of the site that works opened from disk (file://).
        #[arg(long)]
        zip: Option<PathBuf>,
        #[command(flatten)]
        overrides: ConfigOverrides,
        /// Also publish the articles marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Build from scratch: neither use nor keep the build cache (`.dossier-cache/` in the
        /// site folder), and forget it. With the cache, a build of an unchanged site does
        /// nothing, and a build after an edit renders only the pages it changed.
        #[arg(long)]
        no_cache: bool,
        /// Also print how long each stage took.
        #[arg(long, short, visible_alias = "timings", conflicts_with = "quiet")]
        verbose: bool,
        /// Print errors only: no warnings, no summary.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Check the site as a build would, writing nothing; exit 1 when there are errors.
    Check {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `json` prints one JSON object (counts and every diagnostic) for CI and editors;
        /// `github` one GitHub Actions command per diagnostic, shown on a pull request's lines.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Print errors only: no warnings, no summary.
        #[arg(long, short, conflicts_with = "verbose")]
        quiet: bool,
        /// Also print what was checked (articles, drafts, actors, countries, claims) and how long
        /// each stage took.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Serve the site from memory, rebuild it on every save and reload open pages.
    Serve {
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The port; default: the first free one from 8000. `0` asks the system for any.
        #[arg(long)]
        port: Option<u16>,
        /// The address to listen on; anything but a loopback address shares the preview.
        #[arg(long, default_value = "127.0.0.1")]
        bind: IpAddr,
        #[command(flatten)]
        overrides: ConfigOverrides,
        /// Leave out the articles marked `draft: true`, as a build without `--drafts` does
        /// (serve shows them by default, with a banner).
        #[arg(long)]
        no_drafts: bool,
    },
    /// Start a new archive in DIR (default: here): settings, an example article with its
    /// annotations, its actors and country, a .gitignore and a README. Never overwrites a file.
    Init {
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Also in a folder that is not empty: write only the files that are missing.
        #[arg(long)]
        force: bool,
    },
    /// Create an article and its annotation file from a template, with today's date.
    New {
        /// The file name: lowercase ASCII letters, digits and `-` (`viet-nam-bac-cao-buoc-apt32`).
        slug: String,
        #[arg(long)]
        title: Option<String>,
        /// The publication (`VOV`, `Tuổi Trẻ`, ...).
        #[arg(long)]
        source: Option<String>,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Import actors (names, aliases, countries, descriptions, links) from a MISP galaxy file.
    ImportActors {
        /// The MISP galaxy cluster file, e.g. `threat-actor.json` of the `pymispgalaxies` package.
        #[arg(long)]
        misp: PathBuf,
        /// Import only actors that an article refers to, or that already have a file.
        #[arg(long)]
        only_referenced: bool,
        /// Print what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Print the shell completion script for SHELL (`dossier completions bash > dossier.bash`).
    Completions { shell: clap_complete::Shell },
    /// Print the manual page, in roff (`dossier man > dossier.1`).
    Man,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
    Github,
}

/// Settings of `site.toml` that `build` and `serve` take from the command line.
#[derive(Args)]
struct ConfigOverrides {
    /// The public address, over `base_url` of site.toml: for a preview deployment elsewhere.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

impl ConfigOverrides {
    /// The settings over `site.toml`'s, drafts in or out.
    fn with_drafts(self, drafts: bool) -> Overrides {
        Overrides { base_url: self.base_url, drafts }
    }
}

/// How much a command prints besides its errors.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Verbosity {
    /// Errors only.
    Quiet,
    /// Errors, warnings and a summary line.
    Normal,
    /// Also how long each stage took (and for `check`, what it checked).
    Verbose,
}

impl Verbosity {
    /// From the `--quiet` and `--verbose` flags, which clap keeps from being given together.
    fn of(quiet: bool, verbose: bool) -> Verbosity {
        match (quiet, verbose) {
            (true, _) => Verbosity::Quiet,
            (false, true) => Verbosity::Verbose,
            (false, false) => Verbosity::Normal,
        }
    }
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build { root, out, zip, overrides, drafts, no_cache, verbose, quiet } => {
            keep_freed_memory();
            let verbosity = Verbosity::of(quiet, verbose);
            build(
                &root,
                BuildOptions {
                    out,
                    zip,
                    on_wait: Some(say_waiting),
                    overrides: overrides.with_drafts(drafts),
                    cache: !no_cache,
                    ..BuildOptions::default()
                },
                verbosity,
            )
        }
        Command::Check { root, format, quiet, verbose } => {
            keep_freed_memory();
            check(&root, format, Verbosity::of(quiet, verbose))
        }
        Command::Serve { root, port, bind, overrides, no_drafts } => {
            serve(dossier::serve::ServeOptions { root, port, bind, overrides: overrides.with_drafts(!no_drafts) })
        }
        Command::Init { dir, force } => init(&dir, force),
        Command::New { slug, title, source, root } => new(&root, &slug, title.as_deref(), source.as_deref()),
        Command::ImportActors { misp, only_referenced, dry_run, root } => {
            import_actors(&root, &misp, ImportOptions { only_referenced, dry_run })
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "dossier", &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Command::Man => man(),
    }
}

fn man() -> ExitCode {
    match clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: cannot write the manual page: {error}");
            ExitCode::FAILURE
        }
    }
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{diagnostic}");
    }
}

fn print_diagnostics_to_stdout(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        println!("{diagnostic}");
    }
}

fn say_waiting(out: &Path) {
    eprintln!("waiting for another build into {} to finish", out.display());
}

fn build(root: &Path, options: BuildOptions, verbosity: Verbosity) -> ExitCode {
    let started = std::time::Instant::now();
    let zip = options.zip.clone();
    let display = match verbosity {
        Verbosity::Quiet => None,
        _ => dossier::progress::show_on_terminal(options.progress.clone()),
    };
    let built = dossier::build(root, &options);
    drop(display);
    match built {
        Ok(_) if verbosity == Verbosity::Quiet => ExitCode::SUCCESS,
        Ok(report) => {
            print_diagnostics(&report.made.warnings);
            for note in &report.made.notes {
                eprintln!("note: {note}");
            }
            if verbosity == Verbosity::Verbose {
                print_timings(&report.timings, &mut std::io::stderr());
            }
            let (done, cached) = match report.cache {
                CacheUse::UpToDate => ("up to date:", "; nothing changed since the last build".to_owned()),
                CacheUse::Reused(reused) => {
                    ("built", format!("; {reused} of {} pages from the cache", report.made.pages))
                }
                CacheUse::Off => ("built", String::new()),
            };
            println!(
                "{done} {} pages ({} files, {:.1} KiB, search index {:.1} KiB) into {} in {} ms{}{cached}",
                report.made.pages,
                report.made.files,
                report.made.bytes as f64 / 1024.0,
                report.made.search_bytes as f64 / 1024.0,
                report.out.display(),
                started.elapsed().as_millis(),
                zip.map(|zip| format!("; offline zip: {}", zip.display())).unwrap_or_default()
            );
            ExitCode::SUCCESS
        }
        Err(BuildError::Content(diagnostics)) => {
            print_diagnostics(&diagnostics);
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            eprintln!("build failed: {errors} error(s); the previous output was left as it was");
            ExitCode::FAILURE
        }
        Err(BuildError::Output(error)) => {
            eprintln!("error: {error}");
            eprintln!("build failed; the previous output was left as it was");
            ExitCode::FAILURE
        }
    }
}

/// Everything a build would report, on stdout: the diagnostics are what the command is for.
fn check(root: &Path, format: Format, verbosity: Verbosity) -> ExitCode {
    let started = std::time::Instant::now();
    let (mut diagnostics, validated) = match dossier::validate(root) {
        Ok(validated) => (validated.warnings.clone(), Some(validated)),
        Err(diagnostics) => (diagnostics, None),
    };
    let quiet = verbosity == Verbosity::Quiet;
    if quiet {
        diagnostics.retain(Diagnostic::is_error);
    }
    match format {
        Format::Json => {
            if let Err(error) = print_json(&diagnostics) {
                eprintln!("error: cannot write the report as JSON: {error}");
                return ExitCode::FAILURE;
            }
        }
        Format::Github => {
            print!("{}", dossier::report::github_commands(&diagnostics, &dossier::report::repository_prefix(root)))
        }
        Format::Text if quiet => print_diagnostics_to_stdout(&diagnostics),
        Format::Text => {
            if let (Verbosity::Verbose, Some(validated)) = (verbosity, &validated) {
                print_checked(validated);
            }
            print_text(&diagnostics, validated.as_ref().map(|validated| validated.pages), started.elapsed().as_millis())
        }
    }
    if diagnostics.iter().any(Diagnostic::is_error) { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// What `check --verbose` adds: what the archive holds, and each stage's time.
fn print_checked(validated: &dossier::Validated) {
    let archive = &validated.archive;
    let drafts = archive.articles.iter().filter(|article| article.draft).count();
    println!(
        "checked {} articles ({drafts} draft(s)), {} actors, {} countries, {} claims",
        archive.articles.len(),
        archive.actors.len(),
        archive.countries.len(),
        archive.claims.len()
    );
    print_timings(&validated.timings, &mut std::io::stdout());
}

/// Each stage's time, one line each.
fn print_timings(timings: &dossier::Timings, out: &mut impl std::io::Write) {
    for (stage, duration) in &timings.0 {
        // A closed stream leaves nothing to report to.
        let _ = writeln!(out, "{stage:>8}: {:>8.1} ms", duration.as_secs_f64() * 1000.0);
    }
}

fn print_json(diagnostics: &[Diagnostic]) -> serde_json::Result<()> {
    let json = serde_json::to_string_pretty(&dossier::report::JsonReport::new(diagnostics))?;
    println!("{json}");
    Ok(())
}

/// Each diagnostic as `path:line:col: severity: message`, its line with a caret, and its help;
/// then a summary line.
fn print_text(diagnostics: &[Diagnostic], pages: Option<usize>, milliseconds: u128) {
    print_diagnostics_to_stdout(diagnostics);
    let errors = diagnostics.iter().filter(|diagnostic| diagnostic.is_error()).count();
    let warnings = diagnostics.len() - errors;
    match pages {
        Some(pages) => println!("ok: {pages} pages, {warnings} warning(s), checked in {milliseconds} ms"),
        None => println!("{errors} error(s), {warnings} warning(s)"),
    }
}

fn serve(options: dossier::serve::ServeOptions) -> ExitCode {
    match dossier::serve::serve(options) {
        Ok(never) => match never {},
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn init(dir: &Path, force: bool) -> ExitCode {
    match dossier::scaffold::init::init_archive(dir, force) {
        Ok(done) => {
            for path in &done.created {
                println!("created {}", dir.join(path).display());
            }
            for path in &done.kept {
                println!("kept {} as it was", dir.join(path).display());
            }
            println!("next: `dossier serve --root {}` to preview the archive", dir.display());
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn new(root: &Path, slug: &str, title: Option<&str>, source: Option<&str>) -> ExitCode {
    let date = jiff::Zoned::now().date();
    match dossier::scaffold::new_article(root, &dossier::scaffold::NewArticle { slug, title, source, date }) {
        Ok(created) => {
            println!("created {} and {}", created.article.display(), created.sidecar.display());
            println!("next: paste the text, annotate it, and watch it with `dossier serve` or `dossier check`");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn import_actors(root: &Path, misp: &Path, options: ImportOptions) -> ExitCode {
    match dossier::import::import_misp(root, misp, options) {
        Ok(report) => {
            print_import(&report, options.dry_run);
            ExitCode::SUCCESS
        }
        Err(ImportError::Content(diagnostics)) => {
            print_diagnostics(&diagnostics);
            eprintln!("error: {}", ImportError::Content(diagnostics));
            ExitCode::FAILURE
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn print_import(report: &ImportReport, dry_run: bool) {
    let (created, updated) = if dry_run { ("would create", "would update") } else { ("created", "updated") };
    println!("MISP galaxy: {}", report.galaxy);
    for written in &report.created {
        println!("{created} {} ({})", written.path.display(), written.name);
    }
    for written in &report.updated {
        let mut gains = Vec::new();
        if !written.added_aliases.is_empty() {
            gains.push(format!("aliases {}", written.added_aliases.join(", ")));
        }
        gains.extend(written.filled.iter().map(|field| field.to_string()));
        println!("{updated} {}: + {}", written.path.display(), gains.join("; "));
    }
    let skipped = match report.not_referenced {
        0 => String::new(),
        count => format!(", {count} not referenced by any article"),
    };
    let (created, updated) = (report.created.len(), report.updated.len());
    println!("{created} created, {updated} updated, {} unchanged{skipped}", report.unchanged);
    if !report.problems.is_empty() {
        println!("left out, not guessed ({}):", report.problems.len());
        for problem in &report.problems {
            println!("  - {problem}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `PURGE_DELAY` names mimalloc's purge delay: the option in that place has the purge delay's
    /// default (1000 ms in mimalloc v3), so a libmimalloc-sys whose options moved fails here
    /// rather than setting another option.
    #[test]
    fn the_option_set_for_builds_is_the_purge_delay() {
        // SAFETY: reads an integer option.
        assert_eq!(unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) }, 1000);
    }
}
