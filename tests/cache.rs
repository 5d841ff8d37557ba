//! The build cache (`.dossier-cache/`): whatever happened to the site, the binary or the cache
//! since the last build, a build with the cache writes what a clean build of the same files
//! writes, byte for byte; and it takes from the cache only what it can trust.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use common::{Run, TestSite, copy_tree, snapshot};

const ARTICLE: &str = "content/articles/viet-nam-bac-bo";

/// What a clean build of the site as it stands gives: the site's files (not its cache) copied
/// into a folder of their own and built there with `--no-cache`.
fn clean_build(site: &TestSite) -> BTreeMap<String, Vec<u8>> {
    let clean = tempfile::tempdir().unwrap();
    let root = clean.path().join("site");
    for folder in ["content", "templates", "static"] {
        if site.root().join(folder).is_dir() {
            copy_tree(&site.root().join(folder), &root.join(folder));
        }
    }
    fs::copy(site.root().join("site.toml"), root.join("site.toml")).unwrap();
    let out = clean.path().join("public");
    let run: Run = Command::new(common::BIN)
        .arg("build")
        .arg("--root")
        .arg(&root)
        .arg("--out")
        .arg(&out)
        .arg("--no-cache")
        .output()
        .unwrap()
        .into();
    assert!(run.success, "the clean build failed:\n{}", run.stderr);
    snapshot(&out)
}

/// Builds `site` with its cache and requires the output to be a clean build's; returns the run.
fn build_as_clean(site: &TestSite, step: &str) -> Run {
    let run = site.build();
    assert!(run.success, "{step}: the build failed:\n{}", run.stderr);
    assert!(clean_build(site) == snapshot(&site.out()), "{step}: the output differs from a clean build's");
    run
}

/// How many pages the summary says came from the cache, and of how many.
fn reused(run: &Run) -> (usize, usize) {
    let clause = run.stdout.split("; ").find(|part| part.contains("pages from the cache"));
    let words: Vec<&str> = clause.unwrap_or_else(|| panic!("no cache clause in {:?}", run.stdout)).split(' ').collect();
    (words[0].parse().unwrap(), words[2].parse().unwrap())
}

/// Adds `text` at the end of the article's Markdown, as an editor's edit.
fn edit_article(site: &TestSite, text: &str) {
    let path = format!("{ARTICLE}.md");
    site.write(&path, &(site.read(&path) + text));
}

/// Builds `site` with `--zip zip` and requires it to succeed.
fn build_zipped(site: &TestSite, zip: &Path, step: &str) -> Run {
    let run = site.build_with(&["--zip", zip.to_str().unwrap()]);
    assert!(run.success, "{step}: {}", run.stderr);
    run
}

fn up_to_date(run: &Run) -> bool {
    run.stdout.starts_with("up to date:") && run.stdout.contains("nothing changed since the last build")
}

#[test]
fn an_unchanged_site_is_up_to_date_and_rebuilt_by_nothing() {
    let site = TestSite::fixture("base");
    let first = build_as_clean(&site, "first build");
    assert_eq!(reused(&first).0, 0, "nothing to reuse on a first build");
    assert!(site.root().join(".dossier-cache/manifest").is_file());
    assert_eq!(fs::read_to_string(site.root().join(".dossier-cache/.gitignore")).unwrap(), "*\n");
    let before: Vec<_> =
        walkdir::WalkDir::new(site.out()).into_iter().map(|entry| entry.unwrap().into_path()).collect();
    let second = build_as_clean(&site, "unchanged");
    assert!(up_to_date(&second), "{}", second.stdout);
    let after: Vec<_> = walkdir::WalkDir::new(site.out()).into_iter().map(|entry| entry.unwrap().into_path()).collect();
    assert_eq!(before, after);
    assert_eq!(site.temp_entries(), ["public", "site"], "nothing left beside the output");
}

#[test]
fn every_edit_gives_what_a_clean_build_gives() {
    let site = TestSite::fixture("base");
    let pages = reused(&build_as_clean(&site, "first build")).1;

    // The first build on a machine digests no page (it has nothing to reuse, and on CI never
    // will); the build after it does, and the one after that reuses.
    let edit = |text: &str| edit_article(&site, text);
    edit("\nMột đoạn mới.\n");
    assert_eq!(reused(&build_as_clean(&site, "article text edited")), (0, pages));
    edit("\nThêm một đoạn nữa.\n");
    let (kept, total) = reused(&build_as_clean(&site, "article text edited again"));
    assert!(kept > 0 && kept < total, "pages the edit did not touch are reused, the others not: {kept} of {total}");
    // Reused pages are links to the last output's files; the manifest names them as they are once
    // that output is gone, so the next builds still find them the files the build left.
    assert!(up_to_date(&build_as_clean(&site, "nothing changed after a reuse")));
    edit("\nĐoạn thứ ba.\n");
    assert_eq!(reused(&build_as_clean(&site, "a third edit")).0, kept, "as many pages reused again");

    let sidecar = site.read(&format!("{ARTICLE}.yaml"));
    site.write(&format!("{ARTICLE}.yaml"), &sidecar.replace("tags: [APT32, phản bác]", "tags: [APT32, bác bỏ]"));
    build_as_clean(&site, "annotations edited");

    for extension in ["md", "yaml"] {
        let text = site.read(&format!("{ARTICLE}.{extension}"));
        site.write(&format!("content/articles/ban-sao.{extension}"), &text.replace("Việt Nam bác bỏ", "Bản sao"));
    }
    build_as_clean(&site, "article added");

    for extension in ["md", "yaml"] {
        let from = site.root().join(format!("content/articles/ban-sao.{extension}"));
        fs::rename(from, site.root().join(format!("content/articles/ban-sao-moi.{extension}"))).unwrap();
    }
    build_as_clean(&site, "article renamed");

    for extension in ["md", "yaml"] {
        fs::remove_file(site.root().join(format!("content/articles/ban-sao-moi.{extension}"))).unwrap();
    }
    build_as_clean(&site, "article deleted");

    copy_tree(&common::repo().join("templates"), &site.root().join("templates"));
    build_as_clean(&site, "theme copied in");
    let base = site.read("templates/base.html");
    site.write("templates/base.html", &base.replacen("<footer", "<footer data-edited", 1));
    let run = build_as_clean(&site, "template edited");
    assert_eq!(reused(&run).0, 0, "a template edit renders every page again");
    assert!(snapshot(&site.out())["index.html"].windows(11).any(|w| w == b"data-edited"));

    let config = site.read("site.toml");
    site.write("site.toml", &config.replace("Hồ sơ thử nghiệm", "Hồ sơ thử"));
    let run = build_as_clean(&site, "site.toml edited");
    assert_eq!(reused(&run).0, 0, "a site.toml edit renders every page again");

    assert!(up_to_date(&build_as_clean(&site, "nothing changed")));
    assert_eq!(reused(&site.build_with(&["--base-url", "https://example.net/x"])), (0, pages));
    assert_eq!(reused(&build_as_clean(&site, "back without --base-url")), (0, pages));
}

#[test]
fn another_binary_renders_every_page_again() {
    let site = TestSite::fixture("base");
    build_as_clean(&site, "first build");
    edit_article(&site, "\nMột đoạn.\n");
    build_as_clean(&site, "pages digested");
    edit_article(&site, "\nHai đoạn.\n");
    assert!(reused(&build_as_clean(&site, "pages reused")).0 > 0, "the same binary reuses pages");
    let other = site.root().parent().unwrap().join("dossier-other");
    let mut binary = fs::read(common::BIN).unwrap();
    binary.push(0);
    fs::write(&other, binary).unwrap();
    fs::set_permissions(&other, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let mut command = site.build_command(&[]);
    let run: Run =
        Command::new(&other).args(command.get_args()).envs(command_env(&mut command)).output().unwrap().into();
    assert!(run.success, "{}", run.stderr);
    assert_eq!(reused(&run).0, 0, "{}", run.stdout);
    assert!(clean_build(&site) == snapshot(&site.out()));
    let back = build_as_clean(&site, "the first binary again");
    assert_eq!(reused(&back).0, 0, "{}", back.stdout);
    fs::remove_file(other).unwrap();
}

fn command_env(command: &mut Command) -> Vec<(std::ffi::OsString, std::ffi::OsString)> {
    command.get_envs().filter_map(|(key, value)| Some((key.to_owned(), value?.to_owned()))).collect()
}

#[test]
fn a_damaged_or_foreign_cache_is_ignored_never_trusted() {
    let site = TestSite::fixture("base");
    build_as_clean(&site, "first build");
    let manifest = site.root().join(".dossier-cache/manifest");

    let mut bytes = fs::read(&manifest).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x20;
    fs::write(&manifest, &bytes).unwrap();
    assert_eq!(reused(&build_as_clean(&site, "manifest changed")).0, 0);

    fs::write(&manifest, &fs::read(&manifest).unwrap()[..100]).unwrap();
    assert_eq!(reused(&build_as_clean(&site, "manifest cut short")).0, 0);

    // A cache signed on another machine (here: under another key), as one that came with the site.
    let elsewhere = tempfile::tempdir().unwrap();
    let foreign: Run = site.build_command(&[]).env("XDG_CACHE_HOME", elsewhere.path()).output().unwrap().into();
    assert!(foreign.success);
    assert_eq!(reused(&build_as_clean(&site, "foreign cache")).0, 0);

    // An output page changed since the build, even keeping its size, is rendered again.
    build_as_clean(&site, "cache made again");
    let page = site.out().join("index.html");
    let mut bytes = fs::read(&page).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    fs::write(&page, bytes).unwrap();
    let run = build_as_clean(&site, "output page changed");
    assert!(!up_to_date(&run), "{}", run.stdout);

    // Nor is a changed page taken as the page its digest names, when the site changed too.
    let edit = |text: &str| edit_article(&site, text);
    edit("\nMột đoạn.\n");
    build_as_clean(&site, "pages digested");
    let page = site.out().join("countries/index.html");
    let mut bytes = fs::read(&page).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    fs::write(&page, bytes).unwrap();
    edit("\nHai đoạn.\n");
    let (kept, _) = reused(&build_as_clean(&site, "output page changed, and an article"));
    assert!(kept > 0, "the pages left as they were are reused");

    // A file put into the output is not kept.
    fs::write(site.out().join("stray.html"), "<p>x</p>").unwrap();
    let run = build_as_clean(&site, "stray file in the output");
    assert!(!up_to_date(&run));

    // The output deleted: built again.
    fs::remove_dir_all(site.out()).unwrap();
    assert!(!up_to_date(&build_as_clean(&site, "output deleted")));
}

#[test]
fn a_cache_folder_that_is_a_link_is_neither_read_nor_written() {
    let site = TestSite::fixture("base");
    let target = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(target.path(), site.root().join(".dossier-cache")).unwrap();
    let run = build_as_clean(&site, "cache folder linked away");
    assert!(!run.stdout.contains("from the cache"), "{}", run.stdout);
    assert_eq!(fs::read_dir(target.path()).unwrap().count(), 0, "nothing written through the link");
}

#[test]
fn no_cache_builds_from_scratch_and_forgets_the_cache() {
    let site = TestSite::fixture("base");
    build_as_clean(&site, "first build");
    let run = site.build_with(&["--no-cache"]);
    assert!(run.success && !run.stdout.contains("cache"), "{}", run.stdout);
    assert!(!site.root().join(".dossier-cache/manifest").exists());
    assert!(!up_to_date(&build_as_clean(&site, "after --no-cache")));
}

#[test]
fn the_zip_is_kept_up_to_date_with_the_site() {
    let site = TestSite::fixture("base");
    let zip = site.out().with_file_name("site.zip");
    let with_zip = |step| build_zipped(&site, &zip, step);
    with_zip("first");
    let first = fs::read(&zip).unwrap();
    assert!(up_to_date(&with_zip("unchanged")));
    fs::remove_file(&zip).unwrap();
    assert!(!up_to_date(&with_zip("zip deleted")));
    assert_eq!(first, fs::read(&zip).unwrap());
    assert!(!up_to_date(&site.build()), "a build without the zip is another build");
    assert!(Path::new(&zip).is_file(), "a build without --zip leaves the zip alone");
}

#[test]
fn an_edit_behind_a_linked_content_folder_is_seen() {
    let site = TestSite::fixture("base");
    let root = site.root();
    fs::rename(root.join("content/articles"), root.join("bai-viet")).unwrap();
    std::os::unix::fs::symlink("../bai-viet", root.join("content/articles")).unwrap();
    build_as_clean(&site, "first");
    let article = root.join("bai-viet/viet-nam-bac-bo.md");
    fs::write(&article, fs::read_to_string(&article).unwrap() + "\nMột đoạn mới.\n").unwrap();
    let run = build_as_clean(&site, "an edit behind the link");
    assert!(!up_to_date(&run), "{}", run.stdout);
}

#[test]
fn a_zip_inside_the_output_is_part_of_what_is_up_to_date() {
    let site = TestSite::fixture("base");
    let zip = site.out().join("ban-sao.zip");
    let with_zip = |step| build_zipped(&site, &zip, step);
    with_zip("first");
    let first = fs::read(&zip).unwrap();
    assert!(up_to_date(&with_zip("unchanged")), "the zip in the output is not a stray file");
    assert_eq!(first, fs::read(&zip).unwrap());
    fs::write(&zip, b"not a zip").unwrap();
    assert!(!up_to_date(&with_zip("zip changed")));
    assert_eq!(first, fs::read(&zip).unwrap(), "the zip is made again");
    assert!(!up_to_date(&site.build()), "without --zip, the zip in the output is a stray file");
    assert!(!zip.exists(), "a build without --zip leaves no zip in its output");
}
