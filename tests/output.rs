//! The output folder a build owns: where it may be, what an existing folder must hold to be
//! replaced, what builds leave beside it when they die or run at the same time, and the zip.
//! Every refused folder is checked to be left exactly as it was.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::{BIN, Run, TestSite, snapshot};

/// Runs `dossier <args>` with the site of `site` as `--root`.
fn dossier(site: &TestSite, command: &str, args: &[&Path]) -> Run {
    Command::new(BIN).arg(command).arg("--root").arg(site.root()).args(args).output().unwrap().into()
}

/// The base site with `output_dir = "<value>"` added to its site.toml.
fn site_with_output_dir(value: &str) -> TestSite {
    let site = TestSite::fixture("base");
    let config = site.read("site.toml");
    site.write("site.toml", &format!("{config}output_dir = \"{value}\"\n"));
    site
}

/// A folder with a file in it that no build made.
fn folder_of_someone_else(folder: &Path) {
    std::fs::create_dir_all(folder).unwrap();
    std::fs::write(folder.join("keep.txt"), "not dossier's").unwrap();
}

/// Everything in the temporary folder holding the site: the site, and whatever a build wrote.
fn everything(site: &TestSite) -> std::collections::BTreeMap<String, Vec<u8>> {
    snapshot(site.root().parent().unwrap())
}

fn assert_refused(run: &Run, rule: &str, case: &str) {
    assert!(!run.success, "{case}: the build must fail");
    assert!(run.stderr.contains(rule), "{case}: expected {rule:?} in:\n{}", run.stderr);
}

const HOLDS_ROOT: &str = "is the site folder or holds it";
const OUTSIDE: &str = "is outside the site folder";
const NOT_OURS: &str = "has no `.dossier-output` marker";

// A one-line change to site.toml made the build replace the site, `.git`, content or any folder.
#[test]
fn an_output_dir_the_site_may_not_own_is_refused_by_check_and_build_and_left_untouched() {
    let cases = [
        ("..", HOLDS_ROOT),
        (".", HOLDS_ROOT),
        ("/", HOLDS_ROOT),
        ("../somewhere", OUTSIDE),
        (".git", "dot-folder `.git`"),
        ("content", "`content/`"),
        ("content/articles", "`content/`"),
        ("templates", "`templates/`"),
        ("static", "`static/`"),
    ];
    for (value, rule) in cases {
        let site = site_with_output_dir(value);
        folder_of_someone_else(&site.root().join(".git"));
        folder_of_someone_else(&site.root().join("templates"));
        folder_of_someone_else(&site.root().join("static"));
        folder_of_someone_else(&site.root().join("../somewhere"));
        let before = everything(&site);

        let check = dossier(&site, "check", &[]);
        let line = site.read("site.toml").lines().count();
        let at_its_line = format!("site.toml:{line}:14: error: `output_dir` cannot be");
        assert!(!check.success && check.stdout.contains(&at_its_line), "{value}: check says\n{}", check.stdout);
        assert!(check.stdout.contains(rule), "{value}: expected {rule:?} in:\n{}", check.stdout);

        assert_refused(&dossier(&site, "build", &[]), rule, value);
        assert_eq!(before, everything(&site), "{value}: nothing may change");
    }
}

#[test]
fn an_absolute_output_dir_outside_the_site_is_refused() {
    let site = TestSite::fixture("base");
    let elsewhere = site.out();
    let config = site.read("site.toml");
    site.write("site.toml", &format!("{config}output_dir = \"{}\"\n", elsewhere.display()));
    assert_refused(&dossier(&site, "build", &[]), OUTSIDE, "absolute path");
    assert!(!elsewhere.exists());
}

#[test]
fn an_absolute_output_dir_inside_the_site_is_a_folder_like_any_other() {
    let site = TestSite::fixture("base");
    let inside = site.root().join("public");
    let config = site.read("site.toml");
    site.write("site.toml", &format!("{config}output_dir = \"{}\"\n", inside.display()));
    let run = dossier(&site, "build", &[]);
    assert!(run.success, "{}", run.stderr);
    assert!(inside.join("index.html").is_file());
}

// `--out content` and `--out templates` replaced the site's own folders.
#[test]
fn out_naming_a_source_folder_or_the_site_is_refused_and_left_untouched() {
    for (folder, rule) in [("content", "`content/`"), ("templates", "`templates/`"), (".", HOLDS_ROOT)] {
        let site = TestSite::fixture("base");
        folder_of_someone_else(&site.root().join("templates"));
        let before = everything(&site);
        let out = site.root().join(folder);
        assert_refused(&dossier(&site, "build", &[Path::new("--out"), &out]), rule, folder);
        assert_eq!(before, everything(&site), "--out {folder}: nothing may change");
    }
}

// `--out` naming a regular file moved the user's file aside.
#[test]
fn out_naming_a_file_is_refused_and_the_file_stays() {
    let site = TestSite::fixture("base");
    std::fs::write(site.out(), "my notes").unwrap();
    assert_refused(&site.build(), "is a file, not a folder", "--out file");
    assert_eq!(std::fs::read_to_string(site.out()).unwrap(), "my notes");
    assert_eq!(site.temp_entries(), ["public", "site"]);
}

#[test]
fn out_elsewhere_must_be_new_empty_or_made_by_a_build() {
    let site = TestSite::fixture("base");
    folder_of_someone_else(&site.out());
    assert_refused(&site.build(), NOT_OURS, "--out a folder of someone else");
    assert_eq!(std::fs::read_to_string(site.out().join("keep.txt")).unwrap(), "not dossier's");

    std::fs::remove_file(site.out().join("keep.txt")).unwrap();
    site.build_ok();
    assert!(site.out().join(".dossier-output").is_file(), "every build marks its output");
    site.build_ok();
}

// An earlier build that wrote no marker is not taken for dossier's: the message says what to do.
#[test]
fn an_unmarked_earlier_build_is_refused_with_the_way_out() {
    let site = TestSite::fixture("base");
    site.build_ok();
    std::fs::remove_file(site.out().join(".dossier-output")).unwrap();
    let run = site.build();
    assert_refused(&run, NOT_OURS, "unmarked build");
    assert!(run.stderr.contains("delete it once"), "{}", run.stderr);
    assert!(site.out().join("index.html").is_file());
}

/// The names of what builds left beside the output: `.public.*`.
fn leftovers(site: &TestSite) -> Vec<String> {
    site.temp_entries().into_iter().filter(|name| name.starts_with(".public.")).collect()
}

/// The process id of a process that has ended.
fn dead_pid() -> u32 {
    let mut child = Command::new("true").spawn().unwrap();
    child.wait().unwrap();
    child.id()
}

#[test]
fn leftovers_of_dead_builds_are_removed_and_a_live_builds_are_kept() {
    let site = TestSite::fixture("base");
    let temp = site.out().parent().unwrap().to_path_buf();
    let dead = dead_pid();
    let live = format!(".public.dossier-staging-{}", std::process::id());
    for name in [format!(".public.dossier-staging-{dead}"), format!(".public.dossier-old-{dead}"), live.clone()] {
        folder_of_someone_else(&temp.join(name));
    }
    std::fs::write(temp.join(".public.dossier-lock"), "").unwrap();
    site.build_ok();
    assert_eq!(leftovers(&site), [live]);
}

/// The base site with `count` more articles, copies of one of its own, so a build takes long
/// enough to be caught in the middle.
fn bigger_site(count: usize) -> TestSite {
    let site = TestSite::fixture("base");
    let articles = site.root().join("content/articles");
    for number in 0..count {
        for extension in ["md", "yaml"] {
            let copy = articles.join(format!("ban-sao-{number}.{extension}"));
            std::fs::copy(articles.join(format!("doi-thoai-2013.{extension}")), copy).unwrap();
        }
    }
    site
}

/// How long a test waits between two looks at a running build (it asserts nothing about time).
const LOOK_AGAIN: std::time::Duration = std::time::Duration::from_millis(1);

/// A build from scratch (`--no-cache`): a build of an unchanged site with its cache writes nothing.
fn start_build(site: &TestSite) -> Child {
    site.build_command(&["--no-cache"]).stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap()
}

fn signal(child: &Child, signal: i32) {
    // SAFETY: sending a signal to our own child process.
    assert_eq!(unsafe { libc::kill(child.id() as libc::pid_t, signal) }, 0);
}

// `kill -9` during a build left `.public.tmp-<pid>` (or a whole old copy) that no build removed.
#[test]
fn a_build_killed_while_writing_leaves_nothing_after_the_next_build() {
    let site = bigger_site(500);
    site.build_ok();
    let before = snapshot(&site.out());
    let mut build = start_build(&site);
    let staging = site.out().with_file_name(format!(".public.dossier-staging-{}", build.id()));
    while !staging.exists() {
        assert!(build.try_wait().unwrap().is_none(), "the build ended before it was seen writing");
        std::thread::sleep(LOOK_AGAIN);
    }
    signal(&build, libc::SIGSTOP);
    assert!(staging.exists(), "the build was stopped while writing");
    signal(&build, libc::SIGKILL);
    build.wait().unwrap();
    assert!(!leftovers(&site).is_empty(), "the killed build left its staging folder and lock");
    assert_eq!(before, snapshot(&site.out()), "the killed build did not touch the output");

    site.build_ok();
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

// Two builds at once could both swap, and the output folder vanished for a moment at each swap.
#[test]
fn concurrent_builds_both_finish_with_a_whole_output_that_never_vanishes() {
    let site = bigger_site(300);
    site.build_ok();
    let expected = snapshot(&site.out());
    let index = site.out().join("index.html");
    let mut builds = [start_build(&site), start_build(&site)];
    let mut looks = 0_u64;
    while builds.iter_mut().any(|build| build.try_wait().unwrap().is_none()) {
        assert!(index.is_file(), "the output vanished while being replaced (look {looks})");
        looks += 1;
        std::thread::sleep(LOOK_AGAIN);
    }
    for build in &mut builds {
        assert!(build.wait().unwrap().success());
    }
    assert_eq!(expected, snapshot(&site.out()));
    assert_eq!(leftovers(&site), Vec::<String>::new());
}

fn zip_of(site: &TestSite, zip: &Path) -> Run {
    site.build_with(&["--zip", zip.to_str().unwrap()])
}

// With `--zip`, a zip that could not be written failed the build after the new site was live.
#[test]
fn a_failed_zip_leaves_the_old_site() {
    let site = TestSite::fixture("base");
    site.build_ok();
    let before = snapshot(&site.out());
    let article = "content/articles/doi-thoai-2013.md";
    let edited = site.read(article).replace("đối thoại", "hội đàm");
    assert_ne!(edited, site.read(article));
    site.write(article, &edited);
    let missing: PathBuf = site.out().with_file_name("missing").join("site.zip");
    let run = zip_of(&site, &missing);
    assert_refused(&run, "cannot write", "zip in a missing folder");
    assert!(run.stderr.contains("the previous output was left as it was"), "{}", run.stderr);
    assert_eq!(before, snapshot(&site.out()));
    assert_eq!(site.temp_entries(), ["public", "site"]);
}

/// The names of the entries of a zip, in order.
fn entries(zip: &Path) -> Vec<String> {
    let archive = zip::ZipArchive::new(std::fs::File::open(zip).unwrap()).unwrap();
    archive.file_names().map(str::to_owned).collect()
}

#[test]
fn the_zip_is_sorted_byte_identical_and_holds_the_site_without_the_marker() {
    let site = TestSite::fixture("base");
    let zip = site.out().with_file_name("site.zip");
    assert!(zip_of(&site, &zip).success);
    let first = std::fs::read(&zip).unwrap();
    assert!(site.build_with(&["--zip", zip.to_str().unwrap(), "--no-cache"]).success);
    assert_eq!(first, std::fs::read(&zip).unwrap(), "two zips of one site are byte-identical");

    let names = entries(&zip);
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted);
    assert!(names.contains(&"site/index.html".to_owned()));
    assert!(names.contains(&"site/search-index.json".to_owned()));
    assert!(!names.iter().any(|name| name.ends_with(".dossier-output") || name.ends_with("404.html")));
    assert_eq!(site.temp_entries(), ["public", "site", "site.zip"]);
}

#[test]
fn a_zip_inside_the_output_arrives_with_the_site() {
    let site = TestSite::fixture("base");
    site.build_ok();
    let zip = site.out().join("download/site.zip");
    assert!(zip_of(&site, &zip).success);
    assert!(entries(&zip).contains(&"site/index.html".to_owned()));
    assert!(!entries(&zip).iter().any(|name| name.contains("site.zip")), "the zip does not hold itself");
    assert_eq!(site.temp_entries(), ["public", "site"]);
}
