//! The theme's stylesheet, read by a real CSS parser (lightningcss, which minify-html already
//! brings): it parses without an error or a warning, and every style rule stands at the top level
//! or inside an at-rule. The stylesheet uses no nesting, so a style rule inside another is a block
//! whose closing brace was lost, as happened when git merged two branches' appended blocks into
//! each other without a conflict and a browser quietly dropped the rules that followed.

use std::sync::{Arc, RwLock};

use lightningcss::rules::{CssRule, CssRuleList};
use lightningcss::stylesheet::{ParserOptions, StyleSheet};

const STYLESHEET: &str = include_str!("../static/style.css");

/// Where a rule stands, for the failure message: its line in style.css (1-based).
fn line(loc: &lightningcss::rules::Location) -> u32 {
    loc.line + 1
}

/// The misplaced rules in `rules`, each as a message with its line.
fn misplaced(rules: &CssRuleList, inside_style_rule: bool, found: &mut Vec<String>) {
    for rule in &rules.0 {
        match rule {
            CssRule::Style(style) => {
                if inside_style_rule {
                    found.push(format!("line {}: a style rule nested in another (a lost `}}`?)", line(&style.loc)));
                }
                misplaced(&style.rules, true, found);
            }
            CssRule::Media(media) => misplaced(&media.rules, inside_style_rule, found),
            CssRule::Supports(supports) => misplaced(&supports.rules, inside_style_rule, found),
            CssRule::LayerBlock(layer) => misplaced(&layer.rules, inside_style_rule, found),
            CssRule::Nesting(nesting) => {
                found.push(format!("line {}: a nesting rule (`&`)", line(&nesting.loc)));
            }
            CssRule::Unknown(unknown) => {
                found.push(format!("line {}: an unknown at-rule `@{}`", line(&unknown.loc), unknown.name));
            }
            _ => {}
        }
    }
}

#[test]
fn the_stylesheet_parses_with_no_error_nor_warning() {
    let warnings = Arc::new(RwLock::new(Vec::new()));
    let options = ParserOptions {
        filename: "static/style.css".into(),
        error_recovery: false,
        warnings: Some(warnings.clone()),
        ..ParserOptions::default()
    };
    let sheet = match StyleSheet::parse(STYLESHEET, options) {
        Ok(sheet) => sheet,
        Err(error) => panic!("static/style.css does not parse: {error}"),
    };
    let warnings: Vec<String> = warnings.read().unwrap().iter().map(ToString::to_string).collect();
    assert!(warnings.is_empty(), "static/style.css: {warnings:#?}");
    assert!(sheet.rules.0.len() > 100, "the stylesheet's rules were not read: {} rules", sheet.rules.0.len());
}

#[test]
fn every_style_rule_stands_at_the_top_level_or_in_an_at_rule() {
    let sheet = StyleSheet::parse(STYLESHEET, ParserOptions::default()).expect("static/style.css parses");
    let mut found = Vec::new();
    misplaced(&sheet.rules, false, &mut found);
    assert!(found.is_empty(), "static/style.css: {found:#?}");
}

/// A block that lost its closing brace is what the test above is for: it must be caught.
#[test]
fn a_block_that_lost_its_closing_brace_is_caught() {
    let spliced = ".matrix { overflow: auto;\n.matrix th { position: sticky; }\n";
    let sheet = StyleSheet::parse(spliced, ParserOptions::default()).expect("a spliced block still parses");
    let mut found = Vec::new();
    misplaced(&sheet.rules, false, &mut found);
    assert_eq!(found, ["line 2: a style rule nested in another (a lost `}`?)"]);
}
