//! docs/design.md and docs/threat-model.md cite tests by name as the proof of
//! each guarantee; every name cited must be a test (or test helper) function
//! that exists, so a renamed or deleted test cannot leave a claim unbacked.
//! A name of four words or more that is a message or query of the schema
//! (`open_lease_from_grant`) is read as that message and must exist there.

use std::path::{Path, PathBuf};

const DOCS: &[&str] = &["docs/design.md", "docs/threat-model.md"];
const CODE: &[&str] = &["contracts", "packages", "tests", "deploy"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Every `.rs` file under `dir`.
fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() && name != "target" && name != "node_modules" {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The names in backticks that read as a test name: lower snake case of at
/// least four words (`flash_stake_in_start_block_gives_no_power`).
fn cited(doc: &str) -> Vec<String> {
    let mut out = vec![];
    for (i, part) in doc.split('`').enumerate() {
        let words: Vec<&str> = part.split('_').collect();
        let snake = part
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if i % 2 == 1 && snake && words.len() >= 4 && words.iter().all(|w| !w.is_empty()) {
            out.push(part.to_string());
        }
    }
    out
}

#[test]
fn every_test_the_design_docs_cite_exists() {
    let root = root();
    let mut files = vec![];
    for dir in CODE {
        rust_files(&root.join(dir), &mut files);
    }
    let code: String = files
        .iter()
        .map(|f| std::fs::read_to_string(f).unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    // Message and query names, as they appear quoted in the JSON schema.
    let mut schemas = vec![];
    for entry in std::fs::read_dir(root.join("schema"))
        .expect("schema/ exists")
        .flatten()
    {
        for file in std::fs::read_dir(entry.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            schemas.push(std::fs::read_to_string(file.path()).unwrap_or_default());
        }
    }
    let schema = schemas.join("\n");
    let mut missing = vec![];
    let mut count = 0;
    for doc in DOCS {
        let text = std::fs::read_to_string(root.join(doc)).expect("the doc exists");
        for name in cited(&text) {
            count += 1;
            if !code.contains(&format!("fn {name}(")) && !schema.contains(&format!("\"{name}\"")) {
                missing.push(format!("{doc}: {name}"));
            }
        }
    }
    assert!(
        count > 50,
        "the docs cite {count} tests, expected many more"
    );
    assert!(
        missing.is_empty(),
        "cited tests that do not exist:\n{}",
        missing.join("\n")
    );
}

#[test]
fn citations_are_read_from_backticks_only() {
    assert_eq!(
        cited("see `flash_stake_in_start_block_gives_no_power` and `price_per_hour` or a_b_c_d"),
        vec!["flash_stake_in_start_block_gives_no_power".to_string()]
    );
}
