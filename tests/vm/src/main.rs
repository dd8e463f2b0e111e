//! `fairgrid-vm check <artifact.wasm>…`: the VM's static checks, as on upload.
//! `fairgrid-vm report`: runs every contract in the VM and prints the gas report.
//! `fairgrid-vm size <linked.wasm>`: where the bytes of rustc's linked wasm go.

use fairgrid_vm::{artifact_names, check_artifact};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("report") => fairgrid_vm::report::print(),
        Some("size") if args.len() == 2 => size(&args[1]),
        _ => {
            eprintln!("usage: fairgrid-vm check <artifact.wasm>… | report | size <linked.wasm>");
            std::process::exit(2);
        }
    }
}

fn check(files: &[String]) {
    let mut failed = false;
    let expected = artifact_names();
    for name in &expected {
        if !files.iter().any(|f| f.ends_with(name.as_str())) {
            eprintln!("{name}: missing (every contract must have an artifact)");
            failed = true;
        }
    }
    for file in files {
        let wasm = std::fs::read(file).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
        match check_artifact(&wasm) {
            Ok(()) => {
                println!("cosmwasm-vm 3.0.10 upload check (check_wasm + compile): {file} passes")
            }
            Err(e) => {
                eprintln!("cosmwasm-vm 3.0.10 upload check: {file} FAILS: {e}");
                failed = true;
            }
        }
    }
    if failed {
        std::process::exit(1);
    }
}

fn size(file: &str) {
    let wasm = std::fs::read(file).unwrap_or_else(|e| panic!("cannot read {file}: {e}"));
    let stem = std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match fairgrid_vm::size::breakdown(&wasm, &format!("{stem}::")) {
        Ok(parts) => {
            for (part, bytes) in parts {
                println!("{bytes:>8}  {}", part.label());
            }
        }
        Err(e) => {
            eprintln!("{file}: {e}");
            std::process::exit(1);
        }
    }
}
