//! Where the benchmark works: the `dossier` binary it measures, the cache of generated archives
//! (`target/bench-corpus/`), the work and results folder (`target/bench/`), the optional tmpfs
//! for outputs, and sizes of folders.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail, ensure};
use walkdir::WalkDir;

use dossier_corpus::{GENERATOR_VERSION, Options, write_site};

/// The folders of one benchmark run.
pub struct Dirs {
    /// Cached archives, one folder per size, seed and generator version.
    pub corpus: PathBuf,
    /// Results and logs.
    pub bench: PathBuf,
    /// Where outputs are written and deleted again: `bench/work`, a tmpfs with `--tmpfs`.
    pub work: PathBuf,
    /// Where `bench/install-peers.sh` installs Pagefind.
    pub tools: PathBuf,
}

impl Dirs {
    pub fn new(target_dir: Option<&Path>) -> Result<Dirs> {
        let target = match target_dir {
            Some(dir) => dir.to_path_buf(),
            None => cargo_target_dir()?,
        };
        let dirs = Dirs {
            corpus: target.join("bench-corpus"),
            bench: target.join("bench"),
            work: target.join("bench/work"),
            tools: target.join("bench-tools"),
        };
        for dir in [&dirs.corpus, &dirs.bench, &dirs.work] {
            std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        Ok(dirs)
    }
}

/// `target/` of a cargo build: this binary lives in `target/<profile>/`.
fn cargo_target_dir() -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    exe.parent().and_then(Path::parent).map(Path::to_path_buf).context("cannot tell cargo's target folder")
}

/// The `dossier` binary to measure: `explicit`, or the one next to this binary, which cargo is
/// asked to build first when it started us (`cargo run` sets `CARGO`), so it is never stale. It is
/// copied into the bench folder, so that a build running meanwhile cannot swap it mid-run.
pub fn dossier_binary(explicit: Option<&Path>, dirs: &Dirs) -> Result<PathBuf> {
    let source = match explicit {
        Some(path) => path.to_path_buf(),
        None => built_dossier()?,
    };
    ensure!(source.is_file(), "no dossier binary at {}", source.display());
    let copy = dirs.bench.join("dossier");
    std::fs::copy(&source, &copy).with_context(|| format!("cannot copy {} to {}", source.display(), copy.display()))?;
    Ok(copy)
}

fn built_dossier() -> Result<PathBuf> {
    let exe = std::env::current_exe()?;
    let folder = exe.parent().context("this binary has no folder")?;
    if let Ok(cargo) = std::env::var("CARGO") {
        let mut build = Command::new(cargo);
        build.args(["build", "--quiet", "--package", "dossier", "--bin", "dossier", "--manifest-path"]);
        build.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml"));
        if folder.ends_with("release") {
            build.arg("--release");
        }
        ensure!(build.status()?.success(), "cargo could not build the dossier binary");
    }
    let dossier = folder.join("dossier");
    ensure!(
        dossier.is_file(),
        "no dossier binary next to this one ({}): run `cargo build --release` at the repository root, or pass --dossier PATH",
        dossier.display()
    );
    Ok(dossier)
}

/// `dossier-bench generate`: refuses a folder that has files already, so that files of an
/// earlier, larger archive cannot linger among the new ones.
pub fn generate_into(out: &Path, articles: usize, seed: u64) -> Result<()> {
    if out.exists() && std::fs::read_dir(out)?.next().is_some() {
        bail!("{} is not empty: remove it or choose another folder", out.display());
    }
    let summary = write_site(out, &Options { articles, seed })
        .with_context(|| format!("cannot write the archive into {}", out.display()))?;
    println!(
        "wrote {} articles, {} actors, {} countries ({} files, {:.1} MiB) into {}",
        summary.articles,
        summary.actors,
        summary.countries,
        summary.files,
        summary.bytes as f64 / MIB,
        out.display()
    );
    Ok(())
}

pub const MIB: f64 = 1024.0 * 1024.0;

/// The cached archive of `articles` articles, generated on first use. It is written into a
/// temporary folder and renamed, so an interrupted generation is never taken for a corpus.
pub fn corpus_site(dirs: &Dirs, articles: usize, seed: u64) -> Result<PathBuf> {
    let name = format!("n{articles}-seed{seed}-v{GENERATOR_VERSION}");
    let site = dirs.corpus.join(&name);
    if site.join("site.toml").is_file() {
        return Ok(site);
    }
    let staging = dirs.corpus.join(format!(".{name}.tmp-{}", std::process::id()));
    if staging.exists() {
        std::fs::remove_dir_all(&staging)?;
    }
    eprintln!("generating {articles} articles into {} ...", site.display());
    write_site(&staging, &Options { articles, seed })
        .with_context(|| format!("cannot write the archive into {}", staging.display()))?;
    std::fs::rename(&staging, &site)?;
    Ok(site)
}

/// The model of a generated site, read with the library as `dossier build` reads it.
pub fn archive(site: &Path) -> Result<dossier::model::Archive> {
    let checked = dossier::check(site);
    let has_errors = checked.has_errors();
    match checked.archive {
        Some(archive) if !has_errors => Ok(archive),
        _ => bail!("the archive at {} has errors: run `dossier build --root` on it to see them", site.display()),
    }
}

/// Files and bytes under a folder.
#[derive(Clone, Copy, Debug, Default)]
pub struct TreeSize {
    pub files: u64,
    pub bytes: u64,
}

pub fn tree_size(dir: &Path) -> Result<TreeSize> {
    let mut size = TreeSize::default();
    for entry in WalkDir::new(dir) {
        let entry = entry?;
        if entry.file_type().is_file() {
            size.files += 1;
            size.bytes += entry.metadata()?.len();
        }
    }
    Ok(size)
}

/// Removes a folder if it is there.
pub fn remove(dir: &Path) -> Result<()> {
    match std::fs::remove_dir_all(dir) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
            Err(error).with_context(|| format!("cannot remove {}", dir.display()))
        }
        _ => Ok(()),
    }
}

/// A tmpfs mounted on the work folder for the length of a run, unmounted when dropped.
pub struct Tmpfs {
    mount_point: PathBuf,
}

impl Tmpfs {
    pub fn mount(mount_point: &Path) -> Result<Tmpfs> {
        // SAFETY: geteuid has no preconditions and cannot fail.
        ensure!(unsafe { libc::geteuid() } == 0, "--tmpfs mounts a file system and needs root");
        if is_mounted(mount_point)? {
            unmount(mount_point)?;
        }
        let status = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=70%,mode=0755", "dossier-bench"])
            .arg(mount_point)
            .status()
            .context("cannot run mount")?;
        ensure!(status.success(), "mount -t tmpfs failed on {}", mount_point.display());
        Ok(Tmpfs { mount_point: mount_point.to_path_buf() })
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        if let Err(error) = unmount(&self.mount_point) {
            eprintln!("dossier-bench: {error:#}; unmount it with `umount {}`", self.mount_point.display());
        }
    }
}

fn is_mounted(mount_point: &Path) -> Result<bool> {
    let absolute = mount_point.canonicalize()?;
    let mounts = std::fs::read_to_string("/proc/mounts")?;
    Ok(mounts.lines().any(|line| line.split(' ').nth(1) == Some(&*absolute.to_string_lossy())))
}

fn unmount(mount_point: &Path) -> Result<()> {
    let status = Command::new("umount").arg(mount_point).status().context("cannot run umount")?;
    ensure!(status.success(), "umount {} failed", mount_point.display());
    Ok(())
}
