//! Where an artifact's bytes go: the function bodies and data of rustc's
//! linked wasm (before wasm-opt), grouped by what the code does.
//!
//! The main job builds with `-C symbol-mangling-version=v0`, so the name
//! section carries generic arguments: serde-json-wasm's
//! `deserialize_map::<…InstantiateMsg…::__Visitor>` says which type it parses.
//! A function counts for the first rule of [`part`] that matches its name.

use wasmparser::{KnownCustom, Name, Parser, Payload, TypeRef};

/// What a group of functions does, in the order the report prints them.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Part {
    Messages,
    Records,
    ChainTypes,
    ParserCore,
    Writing,
    Handlers,
    Shared,
    Storage,
    CosmwasmStd,
    Backtrace,
    Float,
    Alloc,
    CoreStd,
    Data,
}

impl Part {
    pub const ALL: [Part; 14] = [
        Part::Messages,
        Part::Records,
        Part::ChainTypes,
        Part::ParserCore,
        Part::Writing,
        Part::Handlers,
        Part::Shared,
        Part::Storage,
        Part::CosmwasmStd,
        Part::Backtrace,
        Part::Float,
        Part::Alloc,
        Part::CoreStd,
        Part::Data,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Part::Messages => {
                "JSON parsing of the contract's messages (instantiate, execute, query, hooks, migrate)"
            }
            Part::Records => "JSON parsing of stored records",
            Part::ChainTypes => {
                "JSON parsing of cosmwasm-std's and cw20's types (env, info, coins, replies, query responses, proposals' messages)"
            }
            Part::ParserCore => "serde-json-wasm's own parser and its errors",
            Part::Writing => "JSON writing (responses, records, sub-messages)",
            Part::Handlers => "the contract's handlers, checks and error texts",
            Part::Shared => "the shared package `fairgrid` (assets, pagination, curves)",
            Part::Storage => "cw-storage-plus (keys, maps, snapshots)",
            Part::CosmwasmStd => "cosmwasm-std (entry points, errors, math, base64)",
            Part::Backtrace => "std's backtrace printer, linked by cosmwasm-std's `StdError`",
            Part::Float => "float formatting, linked by serde's error texts",
            Part::Alloc => "allocator and collections",
            Part::CoreStd => "core and std (formatting, strings, panics, integer math)",
            Part::Data => "data segments (texts: errors, field and type names)",
        }
    }
}

/// Rustc's `[0123abcd]` crate disambiguators, removed so names read plainly.
fn plain(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut skipping = false;
    for c in name.chars() {
        match c {
            '[' => skipping = true,
            ']' if skipping => skipping = false,
            _ if !skipping => out.push(c),
            _ => {}
        }
    }
    out
}

/// Which type a parsing function works for: the earliest marker in its name.
fn parsed(name: &str, contract: &str) -> Part {
    let markers: [(&str, Part); 10] = [
        (contract, Part::Records),
        ("cw_storage_plus::", Part::Records),
        ("fairgrid::wire::", Part::ChainTypes),
        ("cw20::receiver::", Part::Messages),
        ("fairgrid::", Part::Messages),
        ("cosmwasm_std::", Part::ChainTypes),
        ("cw20::", Part::ChainTypes),
        ("cw2::", Part::ChainTypes),
        ("cw_utils::", Part::Records),
        ("cw_controllers::", Part::Records),
    ];
    markers
        .iter()
        .filter_map(|(m, part)| name.find(m).map(|at| (at, *part)))
        .min_by_key(|(at, _)| *at)
        .map_or(Part::ParserCore, |(_, part)| part)
}

/// The part a function belongs to; `contract` is its crate, as
/// `fairgrid_compute_escrow::`.
pub fn part(name: &str, contract: &str) -> Part {
    let has = |s: &str| name.contains(s);
    if has("serde_json_wasm::de") || has("serde_core::de") || has("::from_json") {
        // The parsed type follows the parser's own path.
        let args = name.find("::<").map_or(name, |at| &name[at..]);
        let subject = if name.starts_with("<&mut serde_json_wasm")
            || name.starts_with("<serde_json_wasm")
            || name.starts_with("serde_json_wasm")
            || name.starts_with("cosmwasm_std::serde")
        {
            args
        } else {
            name
        };
        return parsed(subject, contract);
    }
    if has("serde_json_wasm::ser") || has("serde_core::ser") || has("::to_json") {
        return Part::Writing;
    }
    if has("rustc_demangle") || has("std::backtrace") || has("backtrace_rs") {
        return Part::Backtrace;
    }
    if has("flt2dec") || has("fmt::float") || has("core::num::bignum") || has("diy_float") {
        return Part::Float;
    }
    let starts = |prefix: &str| {
        name.trim_start_matches('<')
            .trim_start_matches("&mut ")
            .trim_start_matches('&')
            .starts_with(prefix)
    };
    if starts(contract) {
        Part::Handlers
    } else if starts("fairgrid::") {
        Part::Shared
    } else if starts("cw_storage_plus::") {
        Part::Storage
    } else if starts("cosmwasm_std::") || starts("bnum::") || starts("base64::") {
        Part::CosmwasmStd
    } else if starts("dlmalloc::") || starts("alloc::") || starts("__rdl") || starts("__rust") {
        Part::Alloc
    } else {
        Part::CoreStd
    }
}

/// Bytes per part of a linked wasm: each function body under its name's part,
/// every data segment under [`Part::Data`]. `contract` is the crate name with
/// `::` (`fairgrid_compute_escrow::`).
pub fn breakdown(wasm: &[u8], contract: &str) -> Result<Vec<(Part, u64)>, String> {
    let mut imported = 0u32;
    let mut bodies: Vec<u64> = vec![];
    let mut names: Vec<(u32, String)> = vec![];
    let mut data = 0u64;
    for payload in Parser::new(0).parse_all(wasm) {
        match payload.map_err(|e| e.to_string())? {
            Payload::ImportSection(reader) => {
                for import in reader.into_imports() {
                    if matches!(import.map_err(|e| e.to_string())?.ty, TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                let r = body.range();
                bodies.push(r.end - r.start);
            }
            Payload::DataSection(reader) => {
                for segment in reader {
                    data += segment.map_err(|e| e.to_string())?.data.len() as u64;
                }
            }
            Payload::CustomSection(section) => {
                if let KnownCustom::Name(reader) = section.as_known() {
                    for entry in reader {
                        if let Name::Function(map) = entry.map_err(|e| e.to_string())? {
                            for naming in map {
                                let n = naming.map_err(|e| e.to_string())?;
                                let demangled = format!("{:#}", rustc_demangle::demangle(n.name));
                                names.push((n.index, plain(&demangled)));
                            }
                        }
                    }
                }
            }
            _ => {}
        }
    }
    if names.is_empty() {
        return Err("no function names: build without stripping the name section".into());
    }
    let mut total = [0u64; Part::ALL.len()];
    total[Part::Data as usize] = data;
    for (index, name) in names {
        let Some(size) = index
            .checked_sub(imported)
            .and_then(|i| bodies.get(i as usize))
        else {
            continue;
        };
        total[part(&name, contract) as usize] += size;
    }
    Ok(Part::ALL.iter().map(|p| (*p, total[*p as usize])).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const ESCROW: &str = "fairgrid_compute_escrow::";

    #[test]
    fn a_parser_instance_counts_for_the_type_it_parses() {
        let cases = [
            ("<&mut serde_json_wasm::de::Deserializer as serde_core::de::Deserializer>::deserialize_map::<<fairgrid::escrow::InstantiateMsg as serde_core::de::Deserialize>::deserialize::__Visitor>", Part::Messages),
            ("<&mut serde_json_wasm::de::Deserializer as serde_core::de::Deserializer>::deserialize_map::<<fairgrid_compute_escrow::state::Lease as serde_core::de::Deserialize>::deserialize::__Visitor>", Part::Records),
            ("<&mut serde_json_wasm::de::Deserializer as serde_core::de::Deserializer>::deserialize_map::<<cosmwasm_std::types::Env as serde_core::de::Deserialize>::deserialize::__Visitor>", Part::ChainTypes),
            ("<&mut serde_json_wasm::de::Deserializer as serde_core::de::Deserializer>::deserialize_map::<<cw20::receiver::Cw20ReceiveMsg as serde_core::de::Deserialize>::deserialize::__Visitor>", Part::Messages),
            ("<&mut serde_json_wasm::de::Deserializer as serde_core::de::Deserializer>::deserialize_map::<serde_core::de::ignored_any::IgnoredAny>", Part::ParserCore),
            ("cosmwasm_std::serde::from_json::<fairgrid_compute_escrow::state::Owed, alloc::vec::Vec<u8>>", Part::Records),
            ("<fairgrid::escrow::OfferResponse as serde_core::ser::Serialize>::serialize::<&mut serde_json_wasm::ser::Serializer>", Part::Writing),
            ("fairgrid_compute_escrow::execute::leases::open", Part::Handlers),
            ("<fairgrid_compute_escrow::error::ContractError as core::fmt::Display>::fmt", Part::Handlers),
            ("<fairgrid::asset::AssetInfoUnchecked>::check", Part::Shared),
            ("rustc_demangle::demangle", Part::Backtrace),
            ("core::num::flt2dec::strategy::dragon::format_shortest", Part::Float),
            ("<dlmalloc::dlmalloc::Dlmalloc<dlmalloc::sys::System>>::malloc", Part::Alloc),
            ("core::str::slice_error_fail_rt", Part::CoreStd),
        ];
        for (name, want) in cases {
            assert_eq!(part(name, ESCROW), want, "{name}");
        }
    }

    #[test]
    fn crate_disambiguators_are_removed() {
        assert_eq!(
            plain("core[c5930c85a12de822]::str::slice_error_fail_rt"),
            "core::str::slice_error_fail_rt"
        );
    }
}
