//! A site's folders may not lead outside the site root: `static/`, `templates/`, `content/` or a
//! folder of `content/` that is a symbolic link to a folder elsewhere makes check and build fail
//! with a message naming the link, and nothing is published. A link to a folder inside the site
//! root is followed.

mod common;

use std::os::unix::fs::symlink;
use std::path::PathBuf;

use common::TestSite;

/// The base site with its folder `folder` moved out of the site root, to `<temp>/outside`,
/// and a link left in its place; `outside/secret.txt` stands for what must not be published.
fn site_with_link_outside(folder: &str) -> TestSite {
    let site = TestSite::fixture("base");
    let outside = outside(&site);
    let inside = site.root().join(folder);
    if inside.exists() {
        std::fs::rename(&inside, &outside).unwrap();
    } else {
        std::fs::create_dir(&outside).unwrap();
    }
    std::fs::write(outside.join("secret.txt"), "root:*:0:0\n").unwrap();
    symlink(&outside, &inside).unwrap();
    site
}

fn outside(site: &TestSite) -> PathBuf {
    site.root().parent().unwrap().join("outside")
}

// Regression: `ln -s /etc static` published /etc/shadow; a linked content folder was read too.
#[test]
fn a_root_folder_linked_outside_the_site_fails_check_and_build() {
    for folder in ["static", "templates", "content", "content/articles"] {
        let site = site_with_link_outside(folder);
        let expected =
            format!("{folder}: error: `{folder}/` is a link to {}, outside the site root", outside(&site).display());
        for run in [site.check(), site.build()] {
            assert!(!run.success, "{folder}: should fail");
            let output = run.stdout + &run.stderr;
            assert!(output.contains(&expected), "{folder}: expected {expected:?} in:\n{output}");
        }
        assert_eq!(site.temp_entries(), ["outside", "site"], "{folder}: nothing may be published");
    }
}

#[test]
fn a_folder_of_the_site_linked_into_a_hidden_folder_fails() {
    let site = TestSite::fixture("base");
    std::fs::create_dir(site.root().join(".git")).unwrap();
    std::fs::write(site.root().join(".git/config"), "[credential]\n").unwrap();
    symlink(".git", site.root().join("static")).unwrap();
    let run = site.build();
    assert!(!run.success);
    assert!(run.stderr.contains("static: error: `static/` is a link to "), "{}", run.stderr);
    assert!(run.stderr.contains(".git, a hidden folder"), "{}", run.stderr);
    assert_eq!(site.temp_entries(), ["site"]);
}

#[test]
fn a_root_folder_linked_inside_the_site_is_followed() {
    let site = TestSite::fixture("base");
    std::fs::create_dir(site.root().join("theme")).unwrap();
    site.write("theme/robots.txt", "User-agent: *\n");
    symlink("theme", site.root().join("static")).unwrap();
    site.build_ok();
    assert_eq!(site.page("assets/robots.txt"), "User-agent: *\n");
}
