//! Every contract under contracts/ has an optimized artifact that a chain
//! would accept: the VM's upload checks pass and it fits wasmd's size limit.

use fairgrid_vm::{artifact_names, check_artifact, load_artifact, target_dir};

/// wasmd's default maximum size of uploaded code.
const WASMD_MAX_WASM_BYTES: usize = 800 * 1024;

#[test]
fn every_contract_has_an_artifact_that_passes_the_vm_upload_checks() {
    let names = artifact_names();
    assert!(
        names.len() >= 3,
        "expected the three contracts, found {names:?}"
    );
    for name in names {
        let wasm = load_artifact(&name);
        assert_eq!(check_artifact(&wasm), Ok(()), "{name}");
        assert!(
            wasm.len() <= WASMD_MAX_WASM_BYTES,
            "{name}: {} bytes",
            wasm.len()
        );
    }
}

#[test]
fn the_unlowered_build_is_refused_so_the_check_is_real() {
    // rustc's own output uses bulk memory; only binaryen's lowering makes it
    // acceptable. Both come from the main job.
    for name in artifact_names() {
        let raw = target_dir()
            .join("wasm32-unknown-unknown/release")
            .join(&name);
        let wasm = std::fs::read(&raw).unwrap_or_else(|e| panic!("{}: {e}", raw.display()));
        let err = check_artifact(&wasm).unwrap_err();
        assert!(err.contains("bulk memory"), "{name}: {err}");
    }
}
