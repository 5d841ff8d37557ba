//! `dossier-bench`: the performance harness of dossier (see `docs/performance.md`).
//!
//! `generate` writes a deterministic test archive (`dossier-corpus`). `run` generates archives
//! of the requested sizes once (cached under `target/bench-corpus/`), then builds each several
//! times with the real `dossier` binary and reports medians and ranges of wall time, CPU time and
//! peak RSS, the output's size, the search index's, a write floor (extracting a tar of the same
//! output), optionally Hugo + Pagefind on the same corpus, and the edit-to-event time of
//! `dossier serve`. The report goes to stdout and to `target/bench/results.md`.

mod measure;
mod peers;
mod quality;
mod report;
mod runner;
mod search;
mod serve;
mod workspace;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "dossier-bench", about = "Generate test archives and benchmark dossier on them")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write a generated site folder (site.toml and content/); the same seed gives the same bytes.
    Generate {
        /// How many articles.
        #[arg(long)]
        articles: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// A folder that does not exist yet, or is empty.
        #[arg(long)]
        out: PathBuf,
    },
    /// Run the benchmark and print a Markdown report (also written to target/bench/results.md).
    Run(RunArgs),
    /// Measure search quality: MRR@10 of known-item queries, clean, with one typo and with mixed
    /// diacritics, over Vietnamese translations that Debian installs.
    Quality {
        /// Where the Vietnamese `.mo` files are.
        #[arg(long, default_value = "/usr/share/locale/vi/LC_MESSAGES")]
        locale_dir: PathBuf,
        /// How many documents, at most.
        #[arg(long, default_value_t = 2000)]
        documents: usize,
    },
}

#[derive(Args, Clone, Debug)]
pub struct RunArgs {
    /// Archive sizes, in articles.
    #[arg(long, value_delimiter = ',', default_values_t = [1000, 10000, 100000])]
    pub sizes: Vec<usize>,
    /// Measured runs per size and tool; medians and ranges are over these.
    #[arg(long, default_value_t = 5)]
    pub runs: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Write all outputs to a tmpfs mounted for the run (needs root): disk writeback makes
    /// repeated builds slower run after run and hides real differences.
    #[arg(long)]
    pub tmpfs: bool,
    /// Also build the same corpus with Hugo and index it with Pagefind, when both are installed
    /// (`apt-get install -y hugo`; `bash bench/install-peers.sh` for Pagefind).
    #[arg(long)]
    pub peers: bool,
    /// The largest size the peers are run at: Pagefind needs several GiB of memory beyond 10k.
    #[arg(long, default_value_t = 10_000)]
    pub peers_up_to: usize,
    /// The size at which `dossier serve`'s edit-to-update time is measured.
    #[arg(long, default_value_t = 10_000)]
    pub serve_at: usize,
    /// The dossier binary to measure; default: the one next to this binary, built first by cargo.
    #[arg(long)]
    pub dossier: Option<PathBuf>,
    /// Where `bench-corpus/` (cached archives) and `bench/` (work, results) go; default: cargo's
    /// target folder.
    #[arg(long)]
    pub target_dir: Option<PathBuf>,
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Generate { articles, seed, out } => workspace::generate_into(&out, articles, seed),
        Command::Run(args) => runner::run(&args),
        Command::Quality { locale_dir, documents } => quality::run(&locale_dir, documents),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("dossier-bench: {error:#}");
            ExitCode::FAILURE
        }
    }
}
