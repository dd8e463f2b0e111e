//! Writes the seed corpus from docs/messages.md: every JSON example tagged
//! `<contract>::<Type>` becomes `corpus/<target>/seed-<n>` with the header
//! for its entry point (addresses made valid). Run from `fuzz/`:
//! `cargo run --bin gen-corpus`.

use std::fs;

use fairgrid_fuzz::{header, valid_addresses, Entry, NAMES};

fn main() {
    let doc = fs::read_to_string("../docs/messages.md").expect("run from fuzz/");
    let mut counts = std::collections::BTreeMap::<&str, usize>::new();
    let mut write = |target: &'static str, bytes: Vec<u8>| {
        let n = counts.entry(target).or_default();
        *n += 1;
        let dir = format!("corpus/{target}");
        fs::create_dir_all(&dir).unwrap();
        fs::write(format!("{dir}/seed-{n:03}"), bytes).unwrap();
    };
    let sender = |name: &str| NAMES.iter().position(|n| *n == name).unwrap();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        let Some(tag) = line.strip_prefix("```json ") else {
            continue;
        };
        let mut body = String::new();
        for l in lines.by_ref() {
            if l.starts_with("```") {
                break;
            }
            body.push_str(l);
            body.push('\n');
        }
        let Some((contract, ty)) = tag.trim().split_once("::") else {
            continue;
        };
        let target = match contract {
            "escrow" => "escrow",
            "governance" => "governance",
            "distributor" => "distributor",
            "identity" => "identity",
            _ => continue,
        };
        let entry = match ty {
            "InstantiateMsg" => Entry::Instantiate,
            "ExecuteMsg" => Entry::Execute,
            "QueryMsg" => Entry::Query,
            "ReceiveMsg" => Entry::Cw20Hook,
            _ => continue,
        };
        let json = valid_addresses(&body);
        // as the expected caller with no funds, and as a stranger paying 1000 uusdc
        for (who, funds, mantissa) in [("alice", 0, 0), ("stranger", 1, 1_000)] {
            let mut bytes = header(entry, sender(who), funds, mantissa, 0);
            bytes.extend_from_slice(json.as_bytes());
            write(target, bytes);
        }
        // the owner's and the parties' own calls
        for who in ["governance", "provider", "renter", "fairtoken"] {
            let mut bytes = header(entry, sender(who), 0, 0, 0);
            bytes.extend_from_slice(json.as_bytes());
            write(target, bytes);
        }
        // the registry's attester (links, revokes)
        if target == "identity" {
            let mut bytes = header(entry, sender("attester"), 0, 0, 0);
            bytes.extend_from_slice(json.as_bytes());
            write(target, bytes);
        }
    }
    for target in ["escrow", "governance", "distributor", "identity"] {
        let mut bytes = header(Entry::Migrate, 0, 0, 0, 0);
        bytes.extend_from_slice(b"{}");
        write(target, bytes);
    }
    for (t, n) in counts {
        println!("{t}: {n} seeds");
    }
}
