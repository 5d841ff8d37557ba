//! The Markdown report: the machine, a summary over sizes, the targets with a verdict
//! each, and one section per size with medians and min-max ranges.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use crate::RunArgs;
use crate::measure::{Sample, Stats};
use crate::peers::Tools;
use crate::runner::{PeerRuns, PeersOutcome, SizeResult};
use crate::serve::ServeOutcome;
use crate::workspace::MIB;

/// Facts about the machine and the versions measured, as label and value.
pub struct Machine(Vec<(&'static str, String)>);

impl Machine {
    pub fn describe(dossier: &Path, tools: Option<&Tools>, tmpfs: bool) -> Machine {
        let cores = std::thread::available_parallelism().map_or(0, |cores| cores.get());
        let mut facts = vec![
            ("cores (nproc)", cores.to_string()),
            ("memory", meminfo_total()),
            ("CPU", cpu_model()),
            ("kernel", read_trimmed("/proc/sys/kernel/osrelease")),
            ("rustc", first_line(Command::new("rustc").arg("--version"))),
            ("dossier", first_line(Command::new(dossier).arg("--version"))),
            ("commit", git_commit()),
            ("outputs on", if tmpfs { "tmpfs (mounted for the run)" } else { "the work folder's disk" }.to_owned()),
        ];
        if let Some(tools) = tools {
            facts.push(("hugo", tools.hugo_version().unwrap_or_else(|| "not installed".into())));
            facts.push(("pagefind", tools.pagefind_version().unwrap_or_else(|| "not installed".into())));
        }
        Machine(facts)
    }
}

fn read_trimmed(path: &str) -> String {
    std::fs::read_to_string(path).map(|text| text.trim().to_owned()).unwrap_or_else(|_| "unknown".into())
}

fn meminfo_total() -> String {
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let kib = meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemTotal:"))
        .and_then(|rest| rest.split_whitespace().next().and_then(|number| number.parse::<f64>().ok()));
    kib.map_or_else(|| "unknown".into(), |kib| format!("{:.1} GiB", kib / MIB))
}

fn cpu_model() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo.lines().find_map(|line| line.strip_prefix("model name").and_then(|rest| rest.split_once(':')));
    model.map_or_else(|| "unknown".into(), |(_, name)| name.trim().to_owned())
}

fn first_line(command: &mut Command) -> String {
    let output = command.output().map(|output| String::from_utf8_lossy(&output.stdout).into_owned());
    output.ok().and_then(|text| text.lines().next().map(str::to_owned)).unwrap_or_else(|| "unknown".into())
}

fn git_commit() -> String {
    let repo = env!("CARGO_MANIFEST_DIR"); // bench/, inside the repository
    let commit = first_line(Command::new("git").args(["-C", repo, "rev-parse", "--short", "HEAD"]));
    let dirty = Command::new("git").args(["-C", repo, "status", "--porcelain"]).output();
    let dirty = dirty.is_ok_and(|output| !output.stdout.is_empty());
    if dirty { format!("{commit} with uncommitted changes") } else { commit }
}

/// How a measure is shown: a number, then its unit.
#[derive(Clone, Copy)]
enum Unit {
    Seconds,
    MiB,
    Milliseconds,
}

impl Unit {
    fn number(self, value: f64) -> String {
        match self {
            Unit::Seconds if value < 10.0 => format!("{value:.2}"),
            Unit::Seconds => format!("{value:.1}"),
            Unit::MiB => format!("{:.0}", value / MIB),
            Unit::Milliseconds => format!("{:.0}", value * 1000.0),
        }
    }

    fn symbol(self) -> &'static str {
        match self {
            Unit::Seconds => "s",
            Unit::MiB => "MiB",
            Unit::Milliseconds => "ms",
        }
    }

    fn show(self, value: f64) -> String {
        format!("{} {}", self.number(value), self.symbol())
    }
}

fn seconds(value: f64) -> String {
    Unit::Seconds.show(value)
}

fn mebibytes(value: f64) -> String {
    Unit::MiB.show(value)
}

fn milliseconds(value: f64) -> String {
    Unit::Milliseconds.show(value)
}

fn walls(samples: &[Sample]) -> Vec<f64> {
    samples.iter().map(|sample| sample.wall.as_secs_f64()).collect()
}

fn cpus(samples: &[Sample]) -> Vec<f64> {
    samples.iter().map(|sample| sample.cpu.as_secs_f64()).collect()
}

fn rsses(samples: &[Sample]) -> Vec<f64> {
    samples.iter().map(|sample| sample.peak_rss_bytes as f64).collect()
}

fn median(values: &[f64]) -> Option<f64> {
    Stats::of(values).map(|stats| stats.median)
}

/// Per-run sums of Hugo's and Pagefind's wall times, when both ran.
fn peer_totals(peers: &PeerRuns) -> Option<Vec<f64>> {
    let (pagefind, _) = peers.pagefind.as_ref()?;
    Some(peers.hugo.iter().zip(pagefind).map(|(hugo, pagefind)| (hugo.wall + pagefind.wall).as_secs_f64()).collect())
}

/// `| label | median | min–max |`, or nothing without values.
fn row(text: &mut String, label: &str, values: &[f64], unit: Unit) {
    if let Some(stats) = Stats::of(values) {
        let (min, max) = (unit.number(stats.min), unit.number(stats.max));
        let _ = writeln!(text, "| {label} | {} | {min}–{max} {} |", unit.show(stats.median), unit.symbol());
    }
}

fn measured_rows(text: &mut String, tool: &str, samples: &[Sample]) {
    row(text, &format!("{tool}: wall time"), &walls(samples), Unit::Seconds);
    row(text, &format!("{tool}: user+sys CPU"), &cpus(samples), Unit::Seconds);
    row(text, &format!("{tool}: peak RSS"), &rsses(samples), Unit::MiB);
}

/// The section of one size: timed measures, then sizes, then ratios of medians.
pub fn size_section(result: &SizeResult, runs: usize) -> String {
    let mut text = format!(
        "### {} articles ({runs} runs)\n\n| measure | median | min–max |\n| --- | ---: | ---: |\n",
        result.articles
    );
    measured_rows(&mut text, "dossier build", &result.dossier);
    row(&mut text, "write floor (tar -xf of the output): wall time", &walls(&result.floor), Unit::Seconds);
    if let PeersOutcome::Ran(peers) = &result.peers {
        measured_rows(&mut text, "hugo", &peers.hugo);
        if let Some((pagefind, _)) = &peers.pagefind {
            measured_rows(&mut text, "pagefind", pagefind);
        }
        row(&mut text, "hugo + pagefind: wall time", &peer_totals(peers).unwrap_or_default(), Unit::Seconds);
    }
    if let ServeOutcome::Measured(times) = &result.serve {
        let times: Vec<f64> = times.iter().map(|time| time.as_secs_f64()).collect();
        row(&mut text, "dossier serve: file write to reload event", &times, Unit::Milliseconds);
    }
    text += "\n| size | value |\n| --- | ---: |\n";
    for (label, value) in size_facts(result) {
        let _ = writeln!(text, "| {label} | {value} |");
    }
    let ratios = ratios(result);
    if !ratios.is_empty() {
        text += "\n| ratio of medians | value |\n| --- | ---: |\n";
        for (label, value) in ratios {
            let _ = writeln!(text, "| {label} | {value:.2} |");
        }
    }
    text
}

/// dossier against the floor and the peers, as ratios of medians (below 1: dossier is faster).
fn ratios(result: &SizeResult) -> Vec<(&'static str, f64)> {
    let build = median(&walls(&result.dossier));
    let rss = median(&rsses(&result.dossier));
    let mut ratios = vec![(FLOOR_RATIO, build.zip(median(&walls(&result.floor))))];
    if let PeersOutcome::Ran(peers) = &result.peers {
        ratios.push((HUGO_RATIO, build.zip(median(&walls(&peers.hugo)))));
        ratios.push((PEERS_RATIO, build.zip(peer_totals(peers).and_then(|totals| median(&totals)))));
        ratios.push((RSS_RATIO, rss.zip(median(&rsses(&peers.hugo)))));
    }
    ratios.into_iter().filter_map(|(label, pair)| pair.map(|(a, b)| (label, a / b))).collect()
}

fn size_facts(result: &SizeResult) -> Vec<(&'static str, String)> {
    let tree = |files: u64, bytes: u64| format!("{files} files, {}", mebibytes(bytes as f64));
    let mut facts = vec![
        ("dossier output", tree(result.output.files, result.output.bytes)),
        (
            "search index (search/ but the page, search-index.json)",
            tree(result.search.index.files, result.search.index.bytes),
        ),
    ];
    match &result.search.queries {
        Some(queries) => {
            facts.push(("a typical query downloads (the build's estimate)", kib(queries.typical as f64)));
            facts.push(("— the same with a slip in a word (the build's estimate)", kib(queries.typical_typo as f64)));
            facts.push(("common queries download (median)", kib(queries.common_median())));
            for (query, bytes) in &queries.common {
                facts.push(("— of which the query", format!("`{query}`: {}", kib(*bytes as f64))));
            }
        }
        None => facts.push(("a typical query downloads", "no sharded search index in the output".into())),
    }
    match &result.peers {
        PeersOutcome::Ran(peers) => {
            facts.push((
                "hugo output (pagefind index included)",
                tree(peers.hugo_output.files, peers.hugo_output.bytes),
            ));
            if let Some((_, index)) = &peers.pagefind {
                facts.push(("pagefind index", tree(index.files, index.bytes)));
            }
        }
        PeersOutcome::Skipped(reason) => facts.push(("hugo and pagefind", format!("not run: {reason}"))),
        PeersOutcome::NotRequested => {}
    }
    if let ServeOutcome::NotMeasured(reason) = &result.serve {
        facts.push(("dossier serve: edit to update", format!("not measured: {reason}")));
    }
    facts
}

fn kib(bytes: f64) -> String {
    format!("{:.1} KiB", bytes / 1024.0)
}

/// One line per size with the main medians.
pub fn summary_table(results: &[SizeResult]) -> String {
    let mut text = String::from(
        "| articles | build | CPU | peak RSS | output | search index | floor | build / floor | hugo | hugo + pagefind |\n\
         | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n",
    );
    let or_dash = |value: Option<String>| value.unwrap_or_else(|| "—".into());
    for result in results {
        let build = median(&walls(&result.dossier));
        let floor = median(&walls(&result.floor));
        let (hugo, total) = match &result.peers {
            PeersOutcome::Ran(peers) => (median(&walls(&peers.hugo)), peer_totals(peers).and_then(|t| median(&t))),
            _ => (None, None),
        };
        let _ = writeln!(
            text,
            "| {} | {} | {} | {} | {} files, {} | {} | {} | {} | {} | {} |",
            result.articles,
            or_dash(build.map(seconds)),
            or_dash(median(&cpus(&result.dossier)).map(seconds)),
            or_dash(median(&rsses(&result.dossier)).map(mebibytes)),
            result.output.files,
            mebibytes(result.output.bytes as f64),
            mebibytes(result.search.index.bytes as f64),
            or_dash(floor.map(seconds)),
            or_dash(build.zip(floor).map(|(build, floor)| format!("{:.1}×", build / floor))),
            or_dash(hugo.map(seconds)),
            or_dash(total.map(seconds)),
        );
    }
    text
}

/// A target of the issue: what it asks, what was measured (value and text), and the limit.
struct Target {
    goal: &'static str,
    measured: Option<(f64, String)>,
    limit: f64,
}

const FLOOR_RATIO: &str = "dossier build / write floor";
const HUGO_RATIO: &str = "dossier build / hugo";
const PEERS_RATIO: &str = "dossier build / (hugo + pagefind)";
const RSS_RATIO: &str = "dossier peak RSS / hugo's";

fn targets(results: &[SizeResult]) -> Vec<Target> {
    let at = |articles: usize| results.iter().find(|result| result.articles == articles);
    let (ten, hundred) = (at(10_000), at(100_000));
    let ratio = |label: &str| {
        let found = ten.and_then(|result| ratios(result).into_iter().find(|(name, _)| *name == label));
        found.map(|(_, value)| (value, format!("{value:.2}")))
    };
    let serve = ten.and_then(|result| match &result.serve {
        ServeOutcome::Measured(times) => median(&times.iter().map(|time| time.as_secs_f64()).collect::<Vec<_>>()),
        _ => None,
    });
    let build = hundred.and_then(|result| median(&walls(&result.dossier)));
    let rss = hundred.and_then(|result| median(&rsses(&result.dossier)));
    let query = hundred.and_then(|result| result.search.queries.as_ref()).map(|queries| queries.common_median());
    let target = |goal, measured, limit| Target { goal, measured, limit };
    vec![
        target("10k: build / Hugo's build ≤ 0.25", ratio(HUGO_RATIO), 0.25),
        target("10k: build / (Hugo + Pagefind) ≤ 0.10", ratio(PEERS_RATIO), 0.10),
        target("10k: peak RSS / Hugo's ≤ 0.25", ratio(RSS_RATIO), 0.25),
        target("10k: build / write floor ≤ 3", ratio(FLOOR_RATIO), 3.0),
        target("10k: serve edit visible ≤ 300 ms", serve.map(|time| (time, milliseconds(time))), 0.3),
        target("100k: build < 60 s", build.map(|time| (time, seconds(time))), 60.0),
        target("100k: peak RSS < 2 GiB", rss.map(|bytes| (bytes, mebibytes(bytes))), 2048.0 * MIB),
        target(
            "100k: common queries download < 300 KB",
            query.map(|bytes| (bytes, format!("{:.0} KB", bytes / 1000.0))),
            300_000.0,
        ),
    ]
}

fn targets_table(results: &[SizeResult]) -> String {
    let mut text = String::from("| target | measured (medians) | verdict |\n| --- | ---: | --- |\n");
    for target in targets(results) {
        let (measured, verdict) = match target.measured {
            Some((value, shown)) if value <= target.limit => (shown, "met"),
            Some((_, shown)) => (shown, "**not met**"),
            None => ("—".to_owned(), "not measured in this run"),
        };
        let _ = writeln!(text, "| {} | {measured} | {verdict} |", target.goal);
    }
    text
}

/// The whole report, for `target/bench/results.md`.
pub fn document(machine: &Machine, args: &RunArgs, results: &[SizeResult]) -> String {
    let command: Vec<String> = std::env::args().skip(1).collect();
    let mut text = format!(
        "# dossier benchmark results\n\nMeasured with `dossier-bench {}` ({} runs per size and tool, seed {}).\n\n",
        command.join(" "),
        args.runs,
        args.seed
    );
    text += "| machine | |\n| --- | --- |\n";
    for (label, value) in &machine.0 {
        let _ = writeln!(text, "| {label} | {value} |");
    }
    text += "\n## Summary (medians)\n\n";
    text += &summary_table(results);
    text += "\n## Targets of issue 5\n\n";
    text += &targets_table(results);
    text += "\n## Per size\n\n";
    for result in results {
        text += &size_section(result, args.runs);
        text += "\n";
    }
    text
}
