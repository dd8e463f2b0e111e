//! The gas report: each contract's messages run on the optimized artifacts in
//! the VM, with CosmWasm gas, storage operations and the SDK-gas estimate.

use crate::{artifact_names, workspace_root, Cost};

/// Largest artifact a chain should be asked to store (docs/design.md, Gas targets).
pub const MAX_ARTIFACT_BYTES: u64 = 400 * 1024;

/// One measured message.
pub struct Row {
    pub contract: &'static str,
    pub message: String,
    pub cost: Cost,
    /// SDK-gas target from docs/design.md (Gas targets), where there is one.
    pub target: Option<u64>,
    /// Why a missed target cannot be met by this design (printed with the miss).
    pub why: Option<&'static str>,
}

impl Row {
    pub fn new(contract: &'static str, message: &str, cost: Cost, target: Option<u64>) -> Row {
        Row {
            contract,
            message: message.into(),
            cost,
            target,
            why: None,
        }
    }

    /// The reason printed when the target is missed.
    pub fn why(mut self, reason: &'static str) -> Row {
        self.why = Some(reason);
        self
    }
}

fn fmt_target(row: &Row) -> String {
    match row.target {
        Some(t) if row.cost.sdk_gas() <= t => format!("≤ {t} ok"),
        Some(t) => format!("≤ {t} MISSED"),
        None => String::new(),
    }
}

/// `a / b` with two decimals, in integers.
fn ratio(a: u64, b: u64) -> String {
    let hundredths = a * 100 / b;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// `(contract, VM report row, gas_used)` of docs/chain-gas.md, the devnet's
/// measured `gas_used` (written by `fairgrid-chain-gas`; columns: contract,
/// message, sender, gas_used, ×, VM report row, VM estimate). Several chain
/// rows can name one VM row; the first is kept.
pub fn chain_gas(doc: &str) -> Vec<(String, String, u64)> {
    let mut rows: Vec<(String, String, u64)> = vec![];
    for line in doc.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let (Some(gas), Some(vm_row)) = (cells.get(4).and_then(|g| g.parse().ok()), cells.get(6))
        else {
            continue;
        };
        if !rows.iter().any(|(c, m, _)| c == cells[1] && m == vm_row) {
            rows.push((cells[1].to_string(), vm_row.to_string(), gas));
        }
    }
    rows
}

/// The rows, the first being the cw20 transfer that the others are read
/// against, with the devnet's `gas_used` (see [`chain_gas`]) where measured.
pub fn print_rows(rows: &[Row], chain: &[(String, String, u64)]) {
    let yardstick = rows[0].cost.sdk_gas();
    println!(
        "| contract | message | CosmWasm gas | reads | writes | bytes r/w | deletes | iter | SDK gas est. | × cw20 transfer | target | devnet gas_used |"
    );
    println!("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
    for r in rows {
        let s = &r.cost.storage;
        let on_chain = chain
            .iter()
            .find(|(c, m, _)| c == r.contract && *m == r.message)
            .map_or_else(String::new, |(_, _, gas)| gas.to_string());
        println!(
            "| {} | {} | {:.1} M | {} | {} | {}/{} | {} | {} | {} | {} | {} | {} |",
            r.contract,
            r.message,
            r.cost.vm_gas as f64 / 1e6,
            s.reads,
            s.writes,
            s.read_bytes,
            s.write_bytes,
            s.deletes,
            s.iter_steps,
            r.cost.sdk_gas(),
            ratio(r.cost.sdk_gas(), yardstick),
            fmt_target(r),
            on_chain
        );
    }
}

/// For each missed target, what its SDK gas is made of.
pub fn print_misses(rows: &[Row]) {
    let missed: Vec<&Row> = rows
        .iter()
        .filter(|r| r.target.is_some_and(|t| r.cost.sdk_gas() > t))
        .collect();
    if missed.is_empty() {
        println!("Every message with a target meets it.");
        return;
    }
    for r in missed {
        let s = &r.cost.storage;
        println!(
            "- {} {}: {} over {} = {} writes × 2000 ({}) + {} bytes written × 30 ({}) + {} reads × 1000 ({}) + {} bytes read × 3 ({}) + deletes and iteration ({}) + VM ({})",
            r.contract,
            r.message,
            r.cost.sdk_gas(),
            r.target.unwrap_or_default(),
            s.writes,
            s.writes * 2_000,
            s.write_bytes,
            s.write_bytes * 30,
            s.reads,
            s.reads * 1_000,
            s.read_bytes,
            s.read_bytes * 3,
            s.deletes * 1_000 + s.iter_steps * 30 + s.iter_bytes * 3,
            r.cost.vm_gas.div_ceil(crate::GAS_MULTIPLIER),
        );
        let list = |t: &crate::Touched, base: u64, per_byte: u64| {
            t.entries()
                .iter()
                .map(|(ns, bytes)| format!("`{ns}` {bytes} B ({})", base + bytes * per_byte))
                .collect::<Vec<_>>()
                .join(", ")
        };
        println!("  - writes, by record: {}", list(&s.written, 2_000, 30));
        println!("  - reads, by record: {}", list(&s.read, 1_000, 3));
        if let Some(why) = r.why {
            println!("  - why not lower: {why}");
        }
    }
}

pub fn print_sizes() {
    println!("| artifact | bytes | target |");
    println!("|---|---:|---|");
    for name in artifact_names() {
        let path = workspace_root().join("artifacts").join(&name);
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let verdict = if bytes <= MAX_ARTIFACT_BYTES {
            "ok"
        } else {
            "MISSED"
        };
        println!("| {name} | {bytes} | ≤ {MAX_ARTIFACT_BYTES} {verdict} |");
    }
    for name in artifact_names() {
        let bytes = std::fs::metadata(workspace_root().join("artifacts").join(&name))
            .map(|m| m.len())
            .unwrap_or(0);
        if bytes > MAX_ARTIFACT_BYTES {
            print_size_breakdown(&name, bytes);
        }
    }
}

/// Why no artifact over the target can shrink far by removing code: printed
/// under each miss's breakdown.
const WHY_NOT_SMALLER: &str = "every message, record and response is a serde-derived type, and serde-json-wasm (cosmwasm-std's `from_json`) is generic over the visitor serde derives for each of them: every struct, and every variant with fields, gets its own copy of the map-parsing loop, key matching and error paths. Removing the escrow's three-field cw20 hook variant `extend_lease` (its handler stays reachable through the execute message) took 1,313 bytes off its optimized artifact. Of the parts no handler needs, the backtrace printer comes with any constructed `StdError` and the float formatter (where linked) with serde's error texts; removing them means patching cosmwasm-std and serde. Reaching the target would take fewer messages, or a JSON reader that is not generated per type (hand-written or table-driven), which the project's rule of a well-kept library over its own code rules out.";

/// The parts of one missed artifact, from rustc's linked wasm (see `size`).
fn print_size_breakdown(name: &str, optimized: u64) {
    let linked = crate::target_dir()
        .join("wasm32-unknown-unknown/release")
        .join(name);
    let contract = format!("{}::", name.trim_end_matches(".wasm"));
    let parts = std::fs::read(&linked)
        .map_err(|e| format!("cannot read {}: {e}", linked.display()))
        .and_then(|wasm| crate::size::breakdown(&wasm, &contract));
    println!("\n### Where the bytes of {name} go\n");
    let parts = match parts {
        Ok(parts) => parts,
        Err(e) => {
            println!("(no breakdown: {e})");
            return;
        }
    };
    let total: u64 = parts.iter().map(|(_, b)| b).sum();
    println!("Function bodies and data of rustc's linked wasm before wasm-opt ({total} bytes; the optimized artifact is {optimized}, {}% of it), by what the code does. Each function counts once, under the first matching part; serde-json-wasm's functions count for the type they parse, named by their generic arguments.\n", optimized * 100 / total.max(1));
    println!("| part | bytes before wasm-opt | share |");
    println!("|---|---:|---:|");
    for (part, bytes) in &parts {
        println!(
            "| {} | {bytes} | {}% |",
            part.label(),
            bytes * 100 / total.max(1)
        );
    }
    let messages = parts
        .iter()
        .find(|(part, _)| *part == crate::size::Part::Messages)
        .map_or(0, |(_, bytes)| *bytes);
    println!(
        "\nThe target needs {} bytes fewer; all the message parsing above, at the same {}%, is about {} bytes of the artifact.",
        optimized - MAX_ARTIFACT_BYTES,
        optimized * 100 / total.max(1),
        messages * optimized / total.max(1),
    );
    println!("\nWhy not smaller: {WHY_NOT_SMALLER}");
}

/// docs/design.md (Gas targets): with 10,000 entries at most 10 % above the same with 10.
pub const MAX_SCALING_RATIO_PERCENT: u64 = 110;

pub fn print_scaling(rows: &[crate::scenarios::Scaling], few: usize, many: usize) {
    println!("| operation | existing entries | SDK gas with {few} | SDK gas with {many} | ratio | reads/writes with {few} → {many} | target |");
    println!("|---|---|---:|---:|---:|---|---|");
    for r in rows {
        let (a, b) = (r.few.sdk_gas(), r.many.sdk_gas());
        let percent = b * 100 / a;
        let verdict = if percent <= MAX_SCALING_RATIO_PERCENT {
            "ok"
        } else {
            "MISSED"
        };
        println!(
            "| {} | {} | {a} | {b} | {}.{:02} | {}/{} → {}/{} | ≤ 1.10 {verdict} |",
            r.operation,
            r.entries,
            b * 100 / a / 100,
            b * 100 / a % 100,
            r.few.storage.reads,
            r.few.storage.writes,
            r.many.storage.reads,
            r.many.storage.writes,
        );
    }
}

pub fn print() {
    println!("# Gas report\n");
    println!("Written by `scripts/build-artifacts.sh` (the main job) from the optimized");
    println!("artifacts it builds; CI fails when this copy differs from what it prints.\n");
    println!("## Artifacts\n");
    print_sizes();
    let rows = crate::scenarios::all();
    println!("\n## Gas per message (optimized wasm in cosmwasm-vm 3.0.10)\n");
    println!("SDK gas est. = CosmWasm gas / 140,000 + storage at the SDK's default KV costs");
    println!("(read 1000 + 3/byte, write 2000 + 30/byte, delete 1000, iterator step 30 + 3/byte; keys carry wasmd's 33-byte prefix).\n");
    println!("`devnet gas_used` is what the same message cost as the only message of a");
    println!("transaction on the devnet (wasmd v0.61.14, default gas parameters), from");
    println!("docs/chain-gas.md, which CI re-measures on a fresh devnet and checks. A");
    println!("transaction pays, beside its contract's execution and storage, 60,000 per");
    println!("contract instance it loads (twice for a cw20 `Send`, once more per hook),");
    println!("10 per byte of the signed transaction, 1,000 for the signature and the fee's");
    println!("bank writes, and its events: so the devnet figure is several times the");
    println!("estimate, and the targets apply to the estimate, the part the contracts decide.\n");
    let chain = std::fs::read_to_string(workspace_root().join("docs/chain-gas.md"))
        .map(|doc| chain_gas(&doc))
        .unwrap_or_default();
    print_rows(&rows, &chain);
    println!("\n## Where a target is missed\n");
    print_misses(&rows);
    let (few, many) = (10, 10_000);
    println!("\n## Scaling: the same operation with {few} and with {many} existing entries\n");
    print_scaling(&crate::scenarios::scaling(few, many), few, many);
}
