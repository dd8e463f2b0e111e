//! Every error a Fairgrid contract returns says what was wrong, with the
//! values involved (issue 7, item 5). For each error enum: one value of every
//! variant, an exhaustive `match` (no wildcard) that lists each variant's
//! fields, and a test that the text is specific, names its subject and shows
//! every field value. A new variant does not compile until it is listed here.

use cosmwasm_std::{OverflowError, OverflowOperation, StdError, Uint128};
use fairgrid::asset::AssetError;
use fairgrid::bps::BpsError;
use fairgrid::governance::ProposalStatus;
use fairgrid::migrate::MigrateError;
use fairgrid_compute_escrow::ContractError as EscrowError;
use fairgrid_fee_distributor::ContractError as DistributorError;
use fairgrid_governance::ContractError as GovernanceError;
use fairgrid_identity_registry::ContractError as IdentityError;

mod catalogue;
mod distributor;
mod escrow;
mod governance;
mod identity;
mod shared;

use distributor::*;
use escrow::*;
use governance::*;
use identity::*;
use shared::*;

/// One value of a variant and the words its text must contain to name what
/// was wrong (case-insensitive).
struct Sample<E> {
    error: E,
    names: &'static [&'static str],
}

fn s<E>(error: E, names: &'static [&'static str]) -> Sample<E> {
    Sample { error, names }
}

/// Texts that say nothing about what was wrong.
const GENERIC: &[&str] = &[
    "",
    "error",
    "generic error",
    "unauthorized",
    "invalid input",
    "invalid",
    "invalid request",
    "bad request",
    "failed",
    "not found",
    "forbidden",
    "overflow",
    "unknown error",
    "std error",
];

/// Fewer words than this cannot say what was wrong and with which values.
const MIN_WORDS: usize = 4;

// Values put into the samples: each must come back in the text.
const ALICE: &str = "cosmwasm1alice7k3";
const BOB: &str = "cosmwasm1bob9q2";
const OWNER: &str = "cosmwasm1owner4x8";

fn std_err() -> StdError {
    StdError::generic_err("lease record 41 could not be decoded")
}

fn overflow() -> OverflowError {
    OverflowError::new(OverflowOperation::Add)
}

fn asset_err() -> AssetError {
    AssetError::NotAccepted {
        asset: "native:uatom".into(),
    }
}

fn migrate_err() -> MigrateError {
    MigrateError::Downgrade {
        stored: "0.3.0".into(),
        new: "0.2.1".into(),
    }
}

/// Problems with one error text; empty when it is specific.
fn problems(variant: &str, text: &str, fields: &[String], names: &[&str]) -> Vec<String> {
    let mut out = vec![];
    let lower = text.to_lowercase();
    let bare = lower.trim().trim_end_matches(['.', '!', ':']);
    if GENERIC.contains(&bare) {
        out.push(format!("{variant}: generic text {text:?}"));
    }
    let words = text.split_whitespace().count();
    if words < MIN_WORDS {
        out.push(format!(
            "{variant}: {words} words in {text:?}, expected at least {MIN_WORDS}"
        ));
    }
    for n in names {
        if !lower.contains(&n.to_lowercase()) {
            out.push(format!("{variant}: {text:?} does not name {n:?}"));
        }
    }
    for f in fields {
        if !text.contains(f.as_str()) {
            out.push(format!("{variant}: {text:?} does not show the value {f:?}"));
        }
    }
    out
}

/// Checks every sample; panics listing every defective text. `fields` gives a
/// variant's name and the field values its text must show.
fn check_all<E: std::fmt::Display>(
    enum_name: &str,
    samples: &[Sample<E>],
    fields: fn(&E) -> (&'static str, Vec<String>),
    variant_count: usize,
) {
    let mut names: Vec<&str> = samples.iter().map(|x| fields(&x.error).0).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(
        names.len(),
        samples.len(),
        "{enum_name}: a variant is sampled twice"
    );
    assert_eq!(
        samples.len(),
        variant_count,
        "{enum_name}: one sample per variant expected"
    );
    let mut found = vec![];
    let mut defective = vec![];
    for x in samples {
        let (variant, values) = fields(&x.error);
        let id = format!("{enum_name}::{variant}");
        let p = problems(&id, &x.error.to_string(), &values, x.names);
        if !p.is_empty() {
            defective.push(id);
            found.extend(p);
        }
    }
    let known: Vec<String> = KNOWN_DEFECTS
        .iter()
        .filter(|k| k.starts_with(&format!("{enum_name}::")))
        .map(|k| k.to_string())
        .collect();
    assert_eq!(
        defective,
        known,
        "defective error texts (a fixed one leaves KNOWN_DEFECTS, a new one is a bug):\n{}",
        found.join("\n")
    );
}

/// Texts found defective, pinned so that the suite passes while they are
/// reported and fails once one is fixed (remove it here) or a new one appears.
/// None at present.
const KNOWN_DEFECTS: &[&str] = &[];

fn d(v: impl std::fmt::Display) -> String {
    v.to_string()
}
