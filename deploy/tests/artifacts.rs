//! The artifacts a chain would receive are checked against checksums.txt
//! before anything is uploaded.

use std::path::{Path, PathBuf};

use cosmwasm_std::Checksum;
use fairgrid_deploy::artifacts::{verify_artifacts, Artifact, ArtifactError};
use fairgrid_deploy::interfaces::ARTIFACTS;

/// The smallest valid wasm module: magic and version, 8 bytes.
const EMPTY_MODULE: &[u8] = b"\0asm\x01\0\0\0";

fn dir(test: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("fairgrid-artifacts-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes each artifact as `<name>-bytes` and a matching checksums.txt.
fn built(test: &str) -> PathBuf {
    let dir = dir(test);
    let mut listing = String::new();
    for file in ARTIFACTS {
        let bytes = format!("{file}-bytes");
        std::fs::write(dir.join(file), &bytes).unwrap();
        listing += &format!(
            "{}  {file}\n",
            Checksum::generate(bytes.as_bytes()).to_hex()
        );
    }
    std::fs::write(dir.join("checksums.txt"), listing).unwrap();
    dir
}

fn hex(bytes: &[u8]) -> String {
    Checksum::generate(bytes).to_hex()
}

#[test]
fn artifacts_matching_checksums_are_accepted_with_size_and_hash() {
    let dir = built("match");
    let artifacts = verify_artifacts(&dir).unwrap();
    assert_eq!(
        artifacts,
        ARTIFACTS
            .iter()
            .map(|file| Artifact {
                file,
                bytes: format!("{file}-bytes").len() as u64,
                sha256: hex(format!("{file}-bytes").as_bytes()),
            })
            .collect::<Vec<_>>()
    );
}

#[test]
fn an_eight_byte_fake_wasm_is_refused_before_any_upload() {
    let dir = built("fake");
    let file = "fairgrid_governance.wasm";
    std::fs::write(dir.join(file), EMPTY_MODULE).unwrap();
    assert_eq!(
        verify_artifacts(&dir).unwrap_err(),
        ArtifactError::Mismatch {
            file: file.into(),
            checksums: dir.join("checksums.txt"),
            expected: hex(format!("{file}-bytes").as_bytes()),
            actual: hex(EMPTY_MODULE),
        }
    );
}

/// The committed checksums of the real build refuse the fake too.
#[test]
fn the_committed_checksums_refuse_the_fake() {
    let dir = dir("committed");
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../artifacts/checksums.txt");
    std::fs::copy(committed, dir.join("checksums.txt")).unwrap();
    for file in ARTIFACTS {
        std::fs::write(dir.join(file), EMPTY_MODULE).unwrap();
    }
    let err = verify_artifacts(&dir).unwrap_err();
    assert!(
        matches!(&err, ArtifactError::Mismatch { file, actual, .. }
            if file == "cw20_base.wasm" && *actual == hex(EMPTY_MODULE)),
        "{err}"
    );
}

#[test]
fn a_missing_artifact_or_checksum_file_or_entry_is_named() {
    let dir = built("missing");
    std::fs::remove_file(dir.join("fairgrid_compute_escrow.wasm")).unwrap();
    let err = verify_artifacts(&dir).unwrap_err();
    assert!(
        matches!(&err, ArtifactError::Read { path, .. } if *path == dir.join("fairgrid_compute_escrow.wasm")),
        "{err}"
    );

    let dir = built("unlisted");
    let listing = std::fs::read_to_string(dir.join("checksums.txt")).unwrap();
    let without: String = listing
        .lines()
        .filter(|l| !l.ends_with("cw20_base.wasm"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(dir.join("checksums.txt"), without).unwrap();
    assert_eq!(
        verify_artifacts(&dir).unwrap_err(),
        ArtifactError::NotListed {
            file: "cw20_base.wasm".into(),
            checksums: dir.join("checksums.txt"),
        }
    );

    std::fs::write(dir.join("checksums.txt"), "not a checksum line\n").unwrap();
    assert_eq!(
        verify_artifacts(&dir).unwrap_err(),
        ArtifactError::Malformed {
            checksums: dir.join("checksums.txt"),
            line: 1,
            text: "not a checksum line".into(),
        }
    );

    std::fs::remove_file(dir.join("checksums.txt")).unwrap();
    assert!(matches!(
        verify_artifacts(&dir).unwrap_err(),
        ArtifactError::Read { path, .. } if path == dir.join("checksums.txt")
    ));
}
