//! The committed fairness report is what the contracts produce: the binary
//! regenerates it into a fresh directory and every file must be identical.

use std::path::Path;
use std::process::Command;

#[test]
fn the_committed_fairness_report_is_what_the_contracts_produce() {
    let out = std::env::temp_dir().join(format!("fairgrid-fairness-{}", std::process::id()));
    let status = Command::new(env!("CARGO_BIN_EXE_fairness"))
        .arg(&out)
        .status()
        .expect("the fairness binary runs");
    assert!(status.success());
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs");
    for file in [
        "fairness-report.md",
        "fairness/lorenz.svg",
        "fairness/split.svg",
    ] {
        let fresh = std::fs::read(out.join(file)).unwrap();
        let committed = std::fs::read(docs.join(file)).unwrap_or_default();
        assert!(
            fresh == committed,
            "docs/{file} is stale: run `cargo run -p fairgrid-fairness` and commit the result"
        );
    }
    std::fs::remove_dir_all(&out).ok();
}
