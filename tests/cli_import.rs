//! `dossier import-actors`: the MISP galaxy excerpt in `tests/fixtures/editor/` imported into the
//! `import` fixture site, whose actor files have editors' fields, a comment, and names that the
//! MISP data makes ambiguous.

mod editor_support;

use editor_support::{Site, fixture, run, stdout};

fn import(site: &Site, extra: &[&str]) -> String {
    let misp = fixture("misp-threat-actor-excerpt.json");
    let mut args = vec!["import-actors", "--misp", misp.to_str().unwrap(), "--root", site.root.to_str().unwrap()];
    args.extend_from_slice(extra);
    let output = run(&args);
    assert_eq!(output.status.code(), Some(0), "{}", String::from_utf8_lossy(&output.stderr));
    stdout(&output)
}

fn actors(site: &Site) -> Vec<String> {
    site.listing().into_iter().filter_map(|path| path.strip_prefix("content/actors/").map(str::to_owned)).collect()
}

#[test]
fn referenced_actors_are_imported_into_the_expected_files() {
    let site = Site::copy("import");
    // The comment in hafnium.yaml keeps it as it is; salt-typhoon.yaml is matched ambiguously.
    let untouched = ["fireeye.yaml", "hafnium.yaml", "salt-typhoon.yaml"]
        .map(|name| (name, site.read(&format!("content/actors/{name}"))));
    let report = import(&site, &["--only-referenced"]);
    assert_eq!(
        actors(&site),
        ["apt31.yaml", "apt32.yaml", "fireeye.yaml", "hafnium.yaml", "lazarus-group.yaml", "salt-typhoon.yaml"]
    );
    for name in ["apt31.yaml", "apt32.yaml", "lazarus-group.yaml"] {
        let expected = std::fs::read_to_string(fixture("import-expected").join(name)).expect("an expected file");
        assert_eq!(site.read(&format!("content/actors/{name}")), expected, "{name}");
    }
    for (name, text) in untouched {
        assert_eq!(site.read(&format!("content/actors/{name}")), text, "{name} changed");
    }
    assert!(report.contains("2 created, 1 updated, 0 unchanged, 4 not referenced by any article"), "{report}");
    // What is ambiguous is reported, not guessed.
    assert!(
        report.contains("`Andariel` is a name of the MISP actors `Silent Chollima` and `Lazarus Group`"),
        "{report}"
    );
    assert!(
        report.contains("MISP actors `Earth Estries` and `GhostEmperor` match the same actor `salt-typhoon`"),
        "{report}"
    );
    assert!(report.contains("content/actors/hafnium.yaml has comments"), "{report}");
    // The references that did not resolve now do.
    let check = run(&["check", "--root", site.root.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
}

#[test]
fn an_editors_fields_survive_the_merge() {
    let site = Site::copy("import");
    import(&site, &["--only-referenced"]);
    let apt32 = site.read("content/actors/apt32.yaml");
    assert!(
        apt32.starts_with("name: APT32\naliases: [OceanLotus, SeaLotus, OceanLotus Group, Ocean Lotus,"),
        "{apt32}"
    );
    assert!(apt32.contains("\nkind: group\ncountry: vn\n"), "{apt32}");
    assert!(apt32.contains("  Nhóm tấn công có chủ đích (APT) bị nghi có trụ sở tại Việt Nam."), "{apt32}");
    assert!(apt32.contains("  - title: Báo cáo của FireEye, 22/4/2020\n"), "{apt32}");
    assert!(!apt32.contains("attack.mitre.org"), "MISP links must not be added to an editor's links: {apt32}");
}

#[test]
fn everything_is_imported_without_the_filter_and_a_second_run_changes_nothing() {
    let site = Site::copy("import");
    let report = import(&site, &[]);
    assert!(report.contains("6 created, 1 updated"), "{report}");
    assert!(report.contains("MISP `APT33` gives the country `ir`, which has no content/countries/ir.yaml"), "{report}");
    let apt33 = site.read("content/actors/apt33.yaml");
    assert!(!apt33.contains("country:"), "{apt33}");
    let silent_chollima = site.read("content/actors/silent-chollima.yaml");
    assert!(
        silent_chollima.contains("\"Subgroup: Andariel\"") && !silent_chollima.contains(" Andariel,"),
        "{silent_chollima}"
    );
    let files = site.contents();
    let again = import(&site, &[]);
    assert!(again.contains("0 created, 0 updated, 7 unchanged"), "{again}");
    assert_eq!(site.contents(), files);
}

#[test]
fn a_dry_run_writes_nothing() {
    let site = Site::copy("import");
    let before = site.contents();
    let report = import(&site, &["--dry-run"]);
    assert!(report.contains("would create content/actors/apt1.yaml (APT1)"), "{report}");
    assert_eq!(site.contents(), before);
}
