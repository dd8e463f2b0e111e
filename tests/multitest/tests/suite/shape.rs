//! The contracts' shape (CONTRIBUTING.md), checked on their sources: entry
//! points and dispatch in `contract.rs`, handlers under `execute/`, no
//! module reaching back up into `contract.rs`, and no function but a
//! dispatcher longer than 60 lines. Source is rustfmt-formatted, so a
//! function ends at the first `}` line at its own indentation.

use std::path::{Path, PathBuf};

const MAX_LINES: usize = 60;
/// Functions that only route a message to its handler.
const DISPATCHERS: &[&str] = &["execute", "query", "dispatch", "receive", "migrate"];
const CONTRACTS: &[&str] = &[
    "compute-escrow",
    "fee-distributor",
    "governance",
    "identity-registry",
];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

fn shown(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Every non-test source file of a contract: `(path, text)`.
fn sources(contract: &str) -> Vec<(PathBuf, String)> {
    let mut out = vec![];
    let mut dirs = vec![root().join("contracts").join(contract).join("src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("source dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "tests") {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("source");
                // a file's unit tests follow `#[cfg(test)]`: not counted
                let text = match text.find("#[cfg(test)]") {
                    Some(at) => text[..at].to_string(),
                    None => text,
                };
                out.push((path, text));
            }
        }
    }
    out.sort();
    out
}

/// `(name, first line, lines)` of every `fn` in `text`.
fn functions(text: &str) -> Vec<(String, usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let indent = line.len() - line.trim_start().len();
        let body = line.trim_start();
        let body = body.strip_prefix("pub(crate) ").unwrap_or(body);
        let body = body.strip_prefix("pub(super) ").unwrap_or(body);
        let body = body.strip_prefix("pub ").unwrap_or(body);
        let body = body.strip_prefix("const ").unwrap_or(body);
        if let Some(rest) = body.strip_prefix("fn ") {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            let close = format!("{}}}", " ".repeat(indent));
            let end = (i..lines.len())
                .find(|&j| lines[j] == close || (j == i && line.trim_end().ends_with('}')))
                .unwrap_or(lines.len() - 1);
            out.push((name, i + 1, end - i + 1));
            i = end;
        }
        i += 1;
    }
    out
}

#[test]
fn no_function_but_a_dispatcher_is_longer_than_60_lines() {
    let mut long = vec![];
    for contract in CONTRACTS {
        for (path, text) in sources(contract) {
            for (name, line, n) in functions(&text) {
                if n > MAX_LINES && !DISPATCHERS.contains(&name.as_str()) {
                    long.push(format!("{}:{line} {name} ({n} lines)", shown(&path)));
                }
            }
        }
    }
    assert!(
        long.is_empty(),
        "split into named steps:\n{}",
        long.join("\n")
    );
}

#[test]
fn every_contract_keeps_entry_points_in_contract_rs_and_handlers_under_execute() {
    for contract in CONTRACTS {
        let files = sources(contract);
        let src = root().join("contracts").join(contract).join("src");
        let has = |p: &str| files.iter().any(|(f, _)| *f == src.join(p));
        for f in [
            "contract.rs",
            "execute/mod.rs",
            "query.rs",
            "state.rs",
            "error.rs",
        ] {
            assert!(has(f), "{contract}: no src/{f}");
        }
        for (path, text) in &files {
            if path.ends_with("lib.rs") || path.ends_with("contract.rs") {
                continue;
            }
            assert!(
                !text.contains("crate::contract") && !text.contains("super::contract"),
                "{} reaches back up into contract.rs",
                shown(path)
            );
        }
    }
}

#[test]
fn the_function_reader_measures_what_rustfmt_writes() {
    let text = "fn a() {}\npub fn b(\n    x: u8,\n) -> u8 {\n    x\n}\nimpl S {\n    pub(crate) fn c(&self) {\n        if true {\n        }\n    }\n}\n";
    assert_eq!(
        functions(text),
        vec![
            ("a".to_string(), 1, 1),
            ("b".to_string(), 2, 5),
            ("c".to_string(), 8, 4)
        ]
    );
}
