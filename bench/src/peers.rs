//! The tools people would pick instead, run on the same corpus: Hugo, with `actors` and
//! `countries` taxonomies and the small theme in `bench/hugo/`, then Pagefind on Hugo's output.
//!
//! The corpus is converted once per size (cached next to it) from dossier's own model, read with
//! `dossier::check`: each article becomes a Hugo page whose front matter lists its actors and
//! countries by name (Hugo makes the term pages' addresses), with its Markdown body as is. Hugo gets no claims, notes or quote marks: it
//! does less than dossier, which is the comparison the targets are about.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, ensure};

use crate::measure::{self, Sample};
use crate::workspace::{self, Dirs};
use dossier::model::Archive;

/// How to get the peers, for messages and the docs.
pub const INSTALL_HINT: &str = "run `bash bench/install-peers.sh` (apt-get install -y hugo; npm install pagefind)";

/// Bumped whenever a change here changes the converted Hugo site.
const CONVERTER_VERSION: u32 = 2;

/// The peers found on this machine.
pub struct Tools {
    pub hugo: Option<PathBuf>,
    pub pagefind: Option<PathBuf>,
}

impl Tools {
    /// Hugo on the PATH; Pagefind on the PATH or where `bench/install-peers.sh` puts it.
    pub fn find(dirs: &Dirs) -> Tools {
        let installed = dirs.tools.join("node_modules/@pagefind/linux-x64/bin/pagefind_extended");
        let pagefind = on_path("pagefind").or_else(|| on_path("pagefind_extended"));
        let pagefind = pagefind.or(installed.is_file().then_some(installed));
        let tools = Tools { hugo: on_path("hugo"), pagefind };
        if tools.hugo.is_none() || tools.pagefind.is_none() {
            eprintln!("dossier-bench: hugo or pagefind is missing; to compare with them, {INSTALL_HINT}");
        }
        tools
    }

    pub fn hugo_version(&self) -> Option<String> {
        self.hugo.as_ref().and_then(|hugo| version(hugo, "version"))
    }

    pub fn pagefind_version(&self) -> Option<String> {
        self.pagefind.as_ref().and_then(|pagefind| version(pagefind, "--version"))
    }
}

fn on_path(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join(program)).find(|candidate| candidate.is_file())
}

/// The first line a program prints when asked for its version.
fn version(program: &Path, flag: &str) -> Option<String> {
    let output = Command::new(program).arg(flag).output().ok()?;
    String::from_utf8_lossy(&output.stdout).lines().next().map(str::to_owned)
}

/// The Hugo site converted from the dossier site `site`, made on first use.
pub fn hugo_site(dirs: &Dirs, site: &Path, articles: usize, seed: u64) -> Result<PathBuf> {
    let name = format!("{}-hugo{CONVERTER_VERSION}", site.file_name().unwrap_or_default().to_string_lossy());
    let hugo = dirs.corpus.join(name);
    if hugo.join("hugo.toml").is_file() {
        return Ok(hugo);
    }
    eprintln!("converting {articles} articles (seed {seed}) into a Hugo site at {} ...", hugo.display());
    let archive = workspace::archive(site)?;
    let staging = hugo.with_extension("tmp");
    workspace::remove(&staging)?;
    write_hugo_site(&staging, &archive)?;
    std::fs::rename(&staging, &hugo)?;
    Ok(hugo)
}

fn write_hugo_site(dir: &Path, archive: &Archive) -> Result<()> {
    let content = dir.join("content/articles");
    std::fs::create_dir_all(&content)?;
    let toml_string = |text: &str| toml::Value::String(text.to_owned()).to_string();
    let config = format!(
        "baseURL = \"https://dossier.example.org/\"\nlanguageCode = \"vi\"\ntitle = {}\n\
         disableKinds = [\"RSS\", \"sitemap\", \"robotsTXT\"]\npaginate = {}\n\
         [params]\ndescription = {}\n[taxonomies]\nactor = \"actors\"\ncountry = \"countries\"\n",
        toml_string(&archive.config.title),
        archive.config.page_size,
        toml_string(&archive.config.description)
    );
    std::fs::write(dir.join("hugo.toml"), config)?;
    for article in &archive.articles {
        let path = content.join(format!("{}.md", article.slug));
        std::fs::write(&path, hugo_page(archive, article))
            .with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

/// An article as a Hugo page: YAML front matter (JSON strings are YAML strings) and the body.
fn hugo_page(archive: &Archive, article: &dossier::model::Article) -> String {
    let date = article.date;
    let names = |names: Vec<&String>| serde_json::to_string(&names).unwrap_or_default();
    let mut page = String::with_capacity(article.body.len() + 512);
    let _ = write!(
        page,
        "---\ntitle: {}\ndate: {:04}-{:02}-{:02}\nsource: {}\nactors: {}\ncountries: {}\n---\n{}",
        serde_json::to_string(&article.title).unwrap_or_default(),
        date.year,
        date.month.unwrap_or(1),
        date.day.unwrap_or(1),
        serde_json::to_string(&article.source).unwrap_or_default(),
        names(article.actors.iter().map(|&id| &archive.actor(id).name).collect()),
        names(article.countries.iter().map(|&id| &archive.country(id).name).collect()),
        article.body
    );
    page
}

/// `hugo --quiet` on the converted site, with the theme of `bench/hugo/`.
pub fn run_hugo(tools: &Tools, site: &Path, out: &Path, log: &Path) -> Result<Sample> {
    let hugo = tools.hugo.as_ref().context("hugo is not installed")?;
    let mut command = Command::new(hugo);
    command.args(["--quiet", "--source"]).arg(site).arg("--destination").arg(out);
    // This crate's folder, bench/, is the themes folder.
    command.arg("--themesDir").arg(env!("CARGO_MANIFEST_DIR")).args(["--theme", "hugo"]);
    measure::run(&mut command, log)
}

/// `pagefind --site` on Hugo's output; the index goes to `pagefind/` inside it.
pub fn run_pagefind(tools: &Tools, site: &Path, log: &Path) -> Result<Sample> {
    let pagefind = tools.pagefind.as_ref().context("pagefind is not installed")?;
    let sample = measure::run(Command::new(pagefind).arg("--site").arg(site), log)?;
    ensure!(site.join("pagefind").is_dir(), "pagefind wrote no index into {}", site.display());
    Ok(sample)
}
