//! The artifacts a real chain receives, checked against the committed
//! `checksums.txt` before anything is uploaded.
//!
//! `scripts/build-artifacts.sh` builds reproducibly and writes
//! `artifacts/checksums.txt` (`sha256sum` format), which is committed and
//! checked by CI. A wasm file that differs from it (a stale build, a
//! hand-placed file, a valid 8-byte empty module) is refused here, so the
//! chain only ever stores the reviewed bytes.

use std::path::{Path, PathBuf};

use cosmwasm_std::Checksum;
use thiserror::Error;

use crate::interfaces::ARTIFACTS;

/// The checksum file inside the artifacts directory.
pub const CHECKSUMS_FILE: &str = "checksums.txt";

#[derive(Error, Debug, PartialEq)]
pub enum ArtifactError {
    #[error("cannot read {path}: {reason} (run scripts/build-artifacts.sh --artifacts-only, or set FAIRGRID_ARTIFACTS_DIR)")]
    Read { path: PathBuf, reason: String },
    #[error("{checksums} line {line} is not `<sha256 hex>  <file>`: {text:?}")]
    Malformed {
        checksums: PathBuf,
        line: usize,
        text: String,
    },
    #[error("{file} is not listed in {checksums}")]
    NotListed { file: String, checksums: PathBuf },
    #[error("{file} has sha256 {actual}, but {checksums} says {expected}: rebuild with scripts/build-artifacts.sh --artifacts-only")]
    Mismatch {
        file: String,
        checksums: PathBuf,
        expected: String,
        actual: String,
    },
}

/// One verified artifact.
#[derive(Debug, Clone, PartialEq)]
pub struct Artifact {
    pub file: &'static str,
    pub bytes: u64,
    pub sha256: String,
}

fn read(path: &Path) -> Result<Vec<u8>, ArtifactError> {
    std::fs::read(path).map_err(|e| ArtifactError::Read {
        path: path.to_path_buf(),
        reason: e.to_string(),
    })
}

/// Checks the four artifacts of `ARTIFACTS` in `dir` against
/// `dir/checksums.txt`; returns them with their size and sha256, or the
/// first problem (missing file, unlisted file, differing bytes).
pub fn verify_artifacts(dir: &Path) -> Result<Vec<Artifact>, ArtifactError> {
    let checksums = dir.join(CHECKSUMS_FILE);
    let listing = String::from_utf8_lossy(&read(&checksums)?).into_owned();
    let mut expected = Vec::new();
    for (index, text) in listing.lines().enumerate() {
        if text.trim().is_empty() {
            continue;
        }
        // sha256sum writes "<hex>  <name>" (or "<hex> *<name>" in binary mode).
        let parsed = text.split_once(' ').and_then(|(hex, rest)| {
            let name = rest.trim_start_matches([' ', '*']);
            let valid = hex.len() == 64 && hex.bytes().all(|b| b.is_ascii_hexdigit());
            (valid && !name.is_empty()).then(|| (hex.to_ascii_lowercase(), name.to_string()))
        });
        match parsed {
            Some(entry) => expected.push(entry),
            None => {
                return Err(ArtifactError::Malformed {
                    checksums,
                    line: index + 1,
                    text: text.to_string(),
                })
            }
        }
    }
    ARTIFACTS
        .iter()
        .map(|file| {
            let bytes = read(&dir.join(file))?;
            let actual = Checksum::generate(&bytes).to_hex();
            let (want, _) = expected
                .iter()
                .find(|(_, name)| name == file)
                .ok_or_else(|| ArtifactError::NotListed {
                    file: file.to_string(),
                    checksums: checksums.clone(),
                })?;
            if *want != actual {
                return Err(ArtifactError::Mismatch {
                    file: file.to_string(),
                    checksums: checksums.clone(),
                    expected: want.clone(),
                    actual,
                });
            }
            Ok(Artifact {
                file,
                bytes: bytes.len() as u64,
                sha256: actual,
            })
        })
        .collect()
}
