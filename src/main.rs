//! The `dossier` command: parses arguments and prints what the library reports. Each subcommand
//! is a thin layer over `dossier::check` or `dossier::build`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use dossier::diagnostic::Diagnostic;
use dossier::{BuildError, BuildOptions};

#[derive(Parser)]
#[command(name = "dossier", version, about = "Build an annotated news archive into a static website")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (replaced atomically, only on success).
    Build {
        /// The site folder (with site.toml and content/).
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site; default: `output_dir` of site.toml, or `public/`.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Also write a zip of the site that works opened from disk (file://).
        #[arg(long)]
        zip: Option<PathBuf>,
    },
}

fn print_diagnostics(diagnostics: &[Diagnostic]) {
    for diagnostic in diagnostics {
        eprintln!("{diagnostic}");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, out, zip } => {
            let started = std::time::Instant::now();
            match dossier::build(&root, &BuildOptions { out, zip: zip.clone() }) {
                Ok(report) => {
                    print_diagnostics(&report.warnings);
                    println!(
                        "built {} pages ({} files, {:.1} KiB) into {} in {} ms{}",
                        report.pages,
                        report.files,
                        report.bytes as f64 / 1024.0,
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
                Err(error) => {
                    eprintln!("error: {error}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
