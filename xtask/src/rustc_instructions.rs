//! Instructions executed by rustc while it compiles chosen crates, counted by valgrind's
//! cachegrind: a build-cost figure that this host's noise (other tenants, CPU frequency) does
//! not move, for comparisons too close for clean-build timings to tell apart.
//!
//! The xtask binary is cargo's `RUSTC_WRAPPER` for such a build ([`wrapper_main`]): rustc of a
//! crate whose name starts with the given prefix runs under cachegrind, every other rustc runs
//! as is, and [`total`] sums what cachegrind wrote.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Set (to `DIR|PREFIX`, or empty to count nothing) when the xtask binary runs as
/// `RUSTC_WRAPPER`: cargo then calls it as `xtask RUSTC ARGS...`.
pub const WRAPPER_ENV: &str = "XTASK_RUSTC_INSTRUCTIONS";

/// The environment of a cargo build whose rustc runs through this wrapper: counting the crates
/// named `prefix*` into `dir`, or (with `None`) counting nothing, which builds dependencies
/// with the same `RUSTC_WRAPPER` so that cargo does not rebuild them for the counted build.
pub fn build_env(count: Option<(&Path, &str)>) -> Result<Vec<(String, String)>, String> {
    let exe = std::env::current_exe().map_err(|e| format!("the xtask binary's path: {e}"))?;
    let value = match count {
        Some((dir, prefix)) => {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            format!("{}|{prefix}", dir.display())
        }
        None => String::new(),
    };
    Ok(vec![
        ("RUSTC_WRAPPER".into(), exe.to_string_lossy().into_owned()),
        (WRAPPER_ENV.into(), value),
        // A dependency's build, as users pay it: no incremental state to write.
        ("CARGO_INCREMENTAL".into(), "0".into()),
    ])
}

/// When the process is cargo's `RUSTC_WRAPPER` (see [`build_env`]), runs rustc and returns its
/// exit code; otherwise `None`.
pub fn wrapper_main() -> Option<ExitCode> {
    let setting = std::env::var(WRAPPER_ENV).ok()?;
    let mut args = std::env::args_os().skip(1);
    let Some(rustc) = args.next() else {
        eprintln!("error: {WRAPPER_ENV} is set but no rustc was given to wrap");
        return Some(ExitCode::FAILURE);
    };
    let args: Vec<_> = args.collect();
    let crate_name = args
        .iter()
        .position(|a| a == "--crate-name")
        .and_then(|i| args.get(i + 1))
        .map(|name| name.to_string_lossy().into_owned());
    let counted = setting
        .split_once('|')
        .filter(|(_, prefix)| crate_name.as_deref().is_some_and(|name| name.starts_with(prefix)));
    let mut command = match (counted, &crate_name) {
        (Some((dir, _)), Some(name)) => {
            let mut command = cachegrind(Path::new(dir), name);
            command.arg(&rustc);
            command
        }
        _ => Command::new(&rustc),
    };
    match command.args(&args).status() {
        Ok(status) => Some(ExitCode::from(status.code().unwrap_or(1).clamp(0, 255) as u8)),
        Err(e) => {
            eprintln!("error: running {:?} for {crate_name:?}: {e}", command.get_program());
            Some(ExitCode::FAILURE)
        }
    }
}

/// valgrind's cachegrind counting instructions only, into `dir/{name}.{pid}.out` (read by
/// [`total`]); the program to run is the caller's to add.
pub fn cachegrind(dir: &Path, name: &str) -> Command {
    let mut command = Command::new("valgrind");
    command.args([
        "--tool=cachegrind",
        "--cache-sim=no",
        "--branch-sim=no",
        &format!("--cachegrind-out-file={}/{name}.%p.out", dir.display()),
        // Its report stays out of the program's stderr (rustc's, which cargo parses).
        &format!("--log-file={}/{name}.%p.log", dir.display()),
    ]);
    command
}

/// Instructions per crate that cachegrind counted into `dir` (its `summary:` line), summed
/// over the crate's rustc runs.
pub fn total(dir: &Path) -> Result<BTreeMap<String, u64>, String> {
    let mut counts = BTreeMap::new();
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path: PathBuf = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        if path.extension().is_none_or(|e| e != "out") {
            continue;
        }
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let summary = text
            .lines()
            .find_map(|line| line.strip_prefix("summary:"))
            .and_then(|n| n.trim().parse::<u64>().ok())
            .ok_or_else(|| format!("{}: no `summary:` line of cachegrind", path.display()))?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let crate_name = name.split('.').next().unwrap_or_default().to_owned();
        *counts.entry(crate_name).or_default() += summary;
    }
    if counts.is_empty() {
        return Err(format!(
            "{}: cachegrind counted nothing (is valgrind installed? `apt-get install valgrind`)",
            dir.display()
        ));
    }
    Ok(counts)
}

/// Whether valgrind can be run here.
pub fn available() -> bool {
    Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_sum_each_crates_runs_and_name_a_file_without_a_summary() {
        let dir = std::env::temp_dir().join(format!("rustc-instructions-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
        write(
            "tencentcloud_sdk_dts.10.out",
            "desc: I1\ncmd: rustc\nevents: Ir\nsummary: 1000\n",
        );
        write("tencentcloud_sdk_dts.11.out", "events: Ir\nsummary: 24\n");
        write("tencentcloud_sdk_sts.12.out", "events: Ir\nsummary: 7\n");
        write("tencentcloud_sdk_sts.12.log", "==12== I refs: 7\n");
        let counts = total(&dir).unwrap();
        assert_eq!(
            counts.into_iter().collect::<Vec<_>>(),
            [
                ("tencentcloud_sdk_dts".to_owned(), 1024),
                ("tencentcloud_sdk_sts".to_owned(), 7)
            ]
        );
        write("tencentcloud_sdk_x.13.out", "events: Ir\n");
        let error = total(&dir).unwrap_err();
        assert!(error.contains("tencentcloud_sdk_x.13.out"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
