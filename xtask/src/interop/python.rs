//! The Python side: the venv with the pinned official SDK, and the verifying server process.

use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use super::cases::KeyPair;

/// How long the server may take to import the SDK, self-check and bind.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// The venv's interpreter.
fn interpreter(venv: &Path) -> PathBuf {
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

/// Whether `python` has exactly the pins of `requirements` installed.
fn has_pins(python: &Path, script: &Path, requirements: &Path) -> bool {
    python.exists()
        && Command::new(python)
            .arg(script)
            .arg("--check-requirements")
            .arg(requirements)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
}

fn run(command: &mut Command) -> Result<(), String> {
    let status = command
        .status()
        .map_err(|e| format!("cannot run {:?}: {e}", command.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed ({status})"))
    }
}

/// The venv's interpreter, after creating the venv (or recreating it when its packages are not
/// the pins). `base_python` is only used to create it.
pub fn ensure_venv(venv: &Path, script: &Path, requirements: &Path, base_python: &str) -> Result<PathBuf, String> {
    let python = interpreter(venv);
    if has_pins(&python, script, requirements) {
        eprintln!("interop: reusing {} (pinned versions installed)", venv.display());
        return Ok(python);
    }
    if venv.exists() {
        fs::remove_dir_all(venv).map_err(|e| format!("cannot remove stale {}: {e}", venv.display()))?;
    }
    eprintln!(
        "interop: creating {} and installing {}",
        venv.display(),
        requirements.display()
    );
    run(Command::new(base_python).args(["-m", "venv"]).arg(venv))
        .map_err(|e| format!("{e}; `cargo xtask interop` needs python3 with the venv module"))?;
    run(Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-input",
            "--disable-pip-version-check",
        ])
        // Every pin carries a hash; wheels only, so nothing is built on the machine.
        .args(["--require-hashes", "--only-binary=:all:", "-r"])
        .arg(requirements))?;
    if !has_pins(&python, script, requirements) {
        return Err(format!(
            "{} does not have the versions pinned in {} after installing them",
            venv.display(),
            requirements.display()
        ));
    }
    Ok(python)
}

/// The running verifier. Dropping it kills the process; closing its stdin (which also happens
/// if xtask dies) makes it exit by itself.
pub struct Server {
    child: Child,
    stdin: Option<ChildStdin>,
    pub port: u16,
}

impl Server {
    /// Starts `script` with `python`, tells it the key pairs on stdin, and waits for its port.
    pub fn start(python: &Path, script: &Path, pairs: &[KeyPair]) -> Result<Server, String> {
        let child = Command::new(python)
            .arg(script)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", script.display()))?;
        // From here on, every early return drops (and so kills) the server.
        let mut server = Server {
            child,
            stdin: None,
            port: 0,
        };
        let mut stdin = server.child.stdin.take().expect("stdin is piped");
        let stdout = server.child.stdout.take().expect("stdout is piped");
        // Keys go over a pipe, never on the command line or in the environment.
        let credentials: Vec<_> = pairs
            .iter()
            .map(|p| serde_json::json!({ "SecretId": p.secret_id, "SecretKey": p.secret_key }))
            .collect();
        let line = serde_json::json!({ "credentials": credentials }).to_string();
        stdin
            .write_all(format!("{line}\n").as_bytes())
            .and_then(|()| stdin.flush())
            .map_err(|e| format!("cannot send the key pairs to the interop server: {e}"))?;
        server.stdin = Some(stdin);

        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let read = BufReader::new(stdout).read_line(&mut line).map(|_| line);
            let _ = sender.send(read);
        });
        let line = match receiver.recv_timeout(START_TIMEOUT) {
            Ok(Ok(line)) => line,
            Ok(Err(e)) => return Err(format!("cannot read the interop server's port: {e}")),
            Err(_) => return Err(format!("the interop server printed no port within {START_TIMEOUT:?}")),
        };
        server.port = line
            .trim()
            .strip_prefix("PORT ")
            .and_then(|p| p.parse().ok())
            .filter(|&p| p != 0)
            .ok_or_else(|| match server.child.try_wait() {
                Ok(Some(status)) => format!("the interop server exited ({status}) before serving"),
                _ => format!("the interop server printed {line:?}, not `PORT <n>`"),
            })?;
        Ok(server)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        drop(self.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
