//! `dossier-bench run`: for each size, the cached archive is built `runs` times by each tool, in
//! turns (dossier, the write floor, Hugo, Pagefind, then again), so that a slow spell of the
//! machine hits every tool alike. Every output is deleted before it is written again, outside the
//! timed part: each build writes a fresh tree, as the floor does.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, ensure};

use crate::RunArgs;
use crate::measure::{self, Sample};
use crate::peers::{self, Tools};
use crate::report::{self, Machine};
use crate::search::{self, SearchSize};
use crate::serve::{self, ServeOutcome};
use crate::workspace::{self, Dirs, Tmpfs, TreeSize};

/// Everything measured at one size.
pub struct SizeResult {
    pub articles: usize,
    pub dossier: Vec<Sample>,
    pub floor: Vec<Sample>,
    pub output: TreeSize,
    pub search: SearchSize,
    pub peers: PeersOutcome,
    pub serve: ServeOutcome,
}

pub enum PeersOutcome {
    NotRequested,
    Skipped(String),
    Ran(PeerRuns),
}

/// Hugo's runs, and Pagefind's on Hugo's output when it is installed.
pub struct PeerRuns {
    pub hugo: Vec<Sample>,
    pub hugo_output: TreeSize,
    pub pagefind: Option<(Vec<Sample>, TreeSize)>,
}

/// The files of one size's runs, all under the work folder.
struct Paths {
    out: PathBuf,
    floor: PathBuf,
    tar: PathBuf,
    hugo_out: PathBuf,
    logs: PathBuf,
}

impl Paths {
    fn new(dirs: &Dirs) -> Result<Paths> {
        let logs = dirs.bench.join("logs");
        std::fs::create_dir_all(&logs)?;
        Ok(Paths {
            out: dirs.work.join("dossier-out"),
            floor: dirs.work.join("floor"),
            tar: dirs.work.join("dossier-out.tar"),
            hugo_out: dirs.work.join("hugo-out"),
            logs,
        })
    }

    fn log(&self, tool: &str, articles: usize) -> PathBuf {
        self.logs.join(format!("{tool}-{articles}.log"))
    }

    fn clean(&self) -> Result<()> {
        for dir in [&self.out, &self.floor, &self.hugo_out] {
            workspace::remove(dir)?;
        }
        match std::fs::remove_file(&self.tar) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error.into()),
            _ => Ok(()),
        }
    }
}

pub fn run(args: &RunArgs) -> Result<()> {
    ensure!(args.runs > 0, "--runs must be at least 1");
    let dirs = Dirs::new(args.target_dir.as_deref())?;
    let dossier = workspace::dossier_binary(args.dossier.as_deref(), &dirs)?;
    let tmpfs = args.tmpfs.then(|| Tmpfs::mount(&dirs.work)).transpose()?;
    let tools = args.peers.then(|| Tools::find(&dirs));
    let machine = Machine::describe(&dossier, tools.as_ref(), args.tmpfs);
    let path = dirs.bench.join("results.md");
    let mut results = Vec::new();
    for &articles in &args.sizes {
        let result = bench_size(args, &dirs, &dossier, tools.as_ref(), articles)?;
        println!("{}", report::size_section(&result, args.runs));
        results.push(result);
        // Written after each size, so that a failure at a larger size keeps the smaller ones.
        let document = report::document(&machine, args, &results);
        std::fs::write(&path, &document).with_context(|| format!("cannot write {}", path.display()))?;
    }
    println!("{}", report::summary_table(&results));
    println!("written to {}", path.display());
    drop(tmpfs);
    Ok(())
}

/// The samples of one size's runs, tool by tool.
#[derive(Default)]
struct Runs {
    builds: Vec<Sample>,
    floors: Vec<Sample>,
    hugos: Vec<Sample>,
    pagefinds: Vec<Sample>,
}

fn bench_size(
    args: &RunArgs,
    dirs: &Dirs,
    dossier: &Path,
    tools: Option<&Tools>,
    articles: usize,
) -> Result<SizeResult> {
    let site = workspace::corpus_site(dirs, articles, args.seed)?;
    let paths = Paths::new(dirs)?;
    paths.clean()?;
    let peers = peers_plan(args, tools, articles);
    let peers = match peers {
        Ok(tools) => Ok((tools, peers::hugo_site(dirs, &site, articles, args.seed)?)),
        Err(outcome) => Err(outcome),
    };
    let mut runs = Runs::default();
    for run in 0..args.runs {
        one_run(dossier, &site, &paths, articles, run, &mut runs)?;
        if let Ok((tools, hugo_site)) = &peers {
            run_peers(tools, hugo_site, &paths, articles, &mut runs)?;
        }
        eprintln!(
            "  {articles} articles, run {}/{}: dossier {:.2} s",
            run + 1,
            args.runs,
            runs.builds[run].wall.as_secs_f64()
        );
    }
    let output = workspace::tree_size(&paths.out)?;
    let search = search::measure(&site, &paths.out)?;
    let peers = match peers {
        Err(outcome) => outcome,
        Ok(_) => PeersOutcome::Ran(peer_runs(runs.hugos, runs.pagefinds, &paths.hugo_out)?),
    };
    paths.clean()?;
    let serve = match articles == args.serve_at {
        true => serve::measure(dossier, &site, &dirs.work, args.runs),
        false => ServeOutcome::NotAtThisSize,
    };
    Ok(SizeResult { articles, dossier: runs.builds, floor: runs.floors, output, search, peers, serve })
}

/// One dossier build and one write floor; the first run also makes the floor's tar.
fn one_run(dossier: &Path, site: &Path, paths: &Paths, articles: usize, run: usize, runs: &mut Runs) -> Result<()> {
    workspace::remove(&paths.out)?;
    // A cold build: what a first build does, the build cache on as by default but empty.
    workspace::remove(&site.join(dossier::cache::FOLDER))?;
    let mut build = Command::new(dossier);
    build.arg("build").arg("--root").arg(site).arg("--out").arg(&paths.out);
    runs.builds.push(measure::run(&mut build, &paths.log("dossier", articles))?);
    if run == 0 {
        make_tar(paths)?;
    }
    runs.floors.push(write_floor(paths, articles)?);
    Ok(())
}

fn run_peers(tools: &Tools, hugo_site: &Path, paths: &Paths, articles: usize, runs: &mut Runs) -> Result<()> {
    workspace::remove(&paths.hugo_out)?;
    runs.hugos.push(peers::run_hugo(tools, hugo_site, &paths.hugo_out, &paths.log("hugo", articles))?);
    if tools.pagefind.is_some() {
        runs.pagefinds.push(peers::run_pagefind(tools, &paths.hugo_out, &paths.log("pagefind", articles))?);
    }
    Ok(())
}

fn peer_runs(hugo: Vec<Sample>, pagefind: Vec<Sample>, hugo_out: &Path) -> Result<PeerRuns> {
    let pagefind = match pagefind.is_empty() {
        true => None,
        false => Some((pagefind, workspace::tree_size(&hugo_out.join("pagefind"))?)),
    };
    Ok(PeerRuns { hugo, hugo_output: workspace::tree_size(hugo_out)?, pagefind })
}

/// The peers to run at this size, or why none are.
fn peers_plan<'t>(args: &RunArgs, tools: Option<&'t Tools>, articles: usize) -> Result<&'t Tools, PeersOutcome> {
    let tools = tools.ok_or(PeersOutcome::NotRequested)?;
    if tools.hugo.is_none() {
        return Err(PeersOutcome::Skipped(format!("hugo is not installed: {}", peers::INSTALL_HINT)));
    }
    if articles > args.peers_up_to {
        return Err(PeersOutcome::Skipped(format!("above --peers-up-to {}", args.peers_up_to)));
    }
    Ok(tools)
}

/// A tar of dossier's output, made once per size (untimed), for the write floor.
fn make_tar(paths: &Paths) -> Result<()> {
    let status = Command::new("tar").arg("-cf").arg(&paths.tar).arg("-C").arg(&paths.out).arg(".").status()?;
    ensure!(status.success(), "tar -cf {} failed", paths.tar.display());
    Ok(())
}

/// The write floor: the time to extract the same tree with `tar -xf` into an empty folder.
fn write_floor(paths: &Paths, articles: usize) -> Result<Sample> {
    workspace::remove(&paths.floor)?;
    std::fs::create_dir_all(&paths.floor)?;
    let mut extract = Command::new("tar");
    extract.arg("-xf").arg(&paths.tar).arg("-C").arg(&paths.floor);
    let sample = measure::run(&mut extract, &paths.log("floor", articles))?;
    workspace::remove(&paths.floor)?;
    Ok(sample)
}
