//! Replays the committed seed corpus and every crash input kept under
//! `regressions/<target>/`: none may panic. `cargo test` in `fuzz/` runs it
//! without libFuzzer or a nightly feature.

use std::fs;
use std::path::Path;

use fairgrid_fuzz::targets::{Distributor, Escrow, Governance, Identity};

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let mut n = 0;
    for dir in ["corpus", "regressions"] {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir).join(target);
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with('.') || (dir.ends_with(target) && name.len() == 40) {
                // hidden files, and libFuzzer's own hashed finds, are not seeds
                continue;
            }
            let data = fs::read(&path).unwrap();
            run(&data);
            n += 1;
        }
    }
    n
}

#[test]
fn escrow_seeds_and_regressions_do_not_panic() {
    let n = replay("escrow", fairgrid_fuzz::run::<Escrow>);
    assert!(n >= 40, "escrow seeds replayed: {n}");
}

#[test]
fn governance_seeds_and_regressions_do_not_panic() {
    let n = replay("governance", fairgrid_fuzz::run::<Governance>);
    assert!(n >= 20, "governance seeds replayed: {n}");
}

#[test]
fn distributor_seeds_and_regressions_do_not_panic() {
    let n = replay("distributor", fairgrid_fuzz::run::<Distributor>);
    assert!(n >= 20, "distributor seeds replayed: {n}");
}

#[test]
fn identity_seeds_and_regressions_do_not_panic() {
    let n = replay("identity", fairgrid_fuzz::run::<Identity>);
    assert!(n >= 20, "identity seeds replayed: {n}");
}
