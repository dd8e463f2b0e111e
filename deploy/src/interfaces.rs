//! cw-orch interfaces of the five contracts of the market.
//!
//! `Uploadable::wrapper` gives the Rust entry points to the `Mock`;
//! `Uploadable::wasm` gives the optimized artifact to a real chain.

use std::path::PathBuf;

use cw_orch::prelude::*;
use fairgrid::{distributor, escrow, governance, identity};

/// The FAIR token: the audited cw20-base, unchanged. It has no wasm admin,
/// so it is never migrated (hence no migrate message).
#[cw_orch::interface(
    cw20_base::msg::InstantiateMsg,
    cw20_base::msg::ExecuteMsg,
    cw20_base::msg::QueryMsg,
    Empty
)]
pub struct FairToken;

#[cw_orch::interface(
    governance::InstantiateMsg,
    governance::ExecuteMsg,
    governance::QueryMsg,
    governance::MigrateMsg
)]
pub struct Governance;

#[cw_orch::interface(
    distributor::InstantiateMsg,
    distributor::ExecuteMsg,
    distributor::QueryMsg,
    distributor::MigrateMsg
)]
pub struct FeeDistributor;

#[cw_orch::interface(
    escrow::InstantiateMsg,
    escrow::ExecuteMsg,
    escrow::QueryMsg,
    escrow::MigrateMsg
)]
pub struct ComputeEscrow;

#[cw_orch::interface(
    identity::InstantiateMsg,
    identity::ExecuteMsg,
    identity::QueryMsg,
    identity::MigrateMsg
)]
pub struct IdentityRegistry;

/// Environment variable that points the real-chain deploy at another
/// artifacts directory than the workspace's `artifacts/`.
pub const ARTIFACTS_DIR_ENV: &str = "FAIRGRID_ARTIFACTS_DIR";

/// File names written by `scripts/build-artifacts.sh`.
pub const ARTIFACTS: [&str; 5] = [
    TOKEN_WASM,
    GOVERNANCE_WASM,
    DISTRIBUTOR_WASM,
    ESCROW_WASM,
    REGISTRY_WASM,
];
const TOKEN_WASM: &str = "cw20_base.wasm";
const GOVERNANCE_WASM: &str = "fairgrid_governance.wasm";
const DISTRIBUTOR_WASM: &str = "fairgrid_fee_distributor.wasm";
const ESCROW_WASM: &str = "fairgrid_compute_escrow.wasm";
const REGISTRY_WASM: &str = "fairgrid_identity_registry.wasm";

/// `$FAIRGRID_ARTIFACTS_DIR`, else the workspace's `artifacts/` (this crate
/// sits one level below the workspace root).
pub fn artifacts_dir() -> PathBuf {
    std::env::var_os(ARTIFACTS_DIR_ENV)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../artifacts")))
}

fn wasm_path(file: &str) -> WasmPath {
    let path = artifacts_dir().join(file);
    WasmPath::new(&path).unwrap_or_else(|e| {
        panic!(
            "artifact {} not found ({e}); run scripts/build-artifacts.sh",
            path.display()
        )
    })
}

impl<Chain> Uploadable for FairToken<Chain> {
    fn wasm(_chain: &ChainInfoOwned) -> WasmPath {
        wasm_path(TOKEN_WASM)
    }

    fn wrapper() -> Box<dyn MockContract<Empty>> {
        use cw20_base::contract as c;
        Box::new(ContractWrapper::new_with_empty(
            c::execute,
            c::instantiate,
            c::query,
        ))
    }
}

impl<Chain> Uploadable for Governance<Chain> {
    fn wasm(_chain: &ChainInfoOwned) -> WasmPath {
        wasm_path(GOVERNANCE_WASM)
    }

    fn wrapper() -> Box<dyn MockContract<Empty>> {
        use fairgrid_governance::contract as c;
        Box::new(
            ContractWrapper::new_with_empty(c::execute, c::instantiate, c::query)
                .with_reply(c::reply)
                .with_migrate(c::migrate),
        )
    }
}

impl<Chain> Uploadable for FeeDistributor<Chain> {
    fn wasm(_chain: &ChainInfoOwned) -> WasmPath {
        wasm_path(DISTRIBUTOR_WASM)
    }

    fn wrapper() -> Box<dyn MockContract<Empty>> {
        use fairgrid_fee_distributor::contract as c;
        Box::new(
            ContractWrapper::new_with_empty(c::execute, c::instantiate, c::query)
                .with_migrate(c::migrate),
        )
    }
}

impl<Chain> Uploadable for ComputeEscrow<Chain> {
    fn wasm(_chain: &ChainInfoOwned) -> WasmPath {
        wasm_path(ESCROW_WASM)
    }

    fn wrapper() -> Box<dyn MockContract<Empty>> {
        use fairgrid_compute_escrow::contract as c;
        Box::new(
            ContractWrapper::new_with_empty(c::execute, c::instantiate, c::query)
                .with_reply(c::reply)
                .with_migrate(c::migrate),
        )
    }
}

impl<Chain> Uploadable for IdentityRegistry<Chain> {
    fn wasm(_chain: &ChainInfoOwned) -> WasmPath {
        wasm_path(REGISTRY_WASM)
    }

    fn wrapper() -> Box<dyn MockContract<Empty>> {
        use fairgrid_identity_registry::contract as c;
        Box::new(
            ContractWrapper::new_with_empty(c::execute, c::instantiate, c::query)
                .with_migrate(c::migrate),
        )
    }
}
