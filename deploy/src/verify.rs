//! Checks every link of the market's wiring by queries, so an auditor (or
//! the deploy binary right after deploying) sees exactly which one is broken.

use std::fmt::Debug;

use cw_orch::core::CwEnvError;
use cw_orch::prelude::*;
use fairgrid::distributor::{self, RecipientTarget};
use fairgrid::{escrow, governance, identity, AssetInfo};
use thiserror::Error;

use crate::deploy::Deployment;
use crate::messages::{PROVIDERS_POOL, STAKERS_POOL};

#[derive(Error, Debug)]
pub enum WiringError {
    #[error("broken link {link}: expected {expected}, found {found}")]
    Broken {
        link: &'static str,
        expected: String,
        found: String,
    },
    #[error("query for {link} failed: {source}")]
    Query {
        link: &'static str,
        source: CwEnvError,
    },
}

fn check<T: PartialEq + Debug>(
    link: &'static str,
    expected: T,
    found: T,
) -> Result<(), WiringError> {
    if expected == found {
        return Ok(());
    }
    Err(WiringError::Broken {
        link,
        expected: format!("{expected:?}"),
        found: format!("{found:?}"),
    })
}

fn query<T>(link: &'static str, result: Result<T, CwEnvError>) -> Result<T, WiringError> {
    result.map_err(|source| WiringError::Query { link, source })
}

impl<Chain: QueryHandler + DefaultQueriers + ChainState + Clone> Deployment<Chain> {
    /// Every link of the wiring in docs/design.md, in deployment order, then each
    /// contract's code id and wasm admin. Returns the first broken one. Needs
    /// queries only, so it also runs on a query-only `Daemon`.
    pub fn verify(&self) -> Result<(), WiringError> {
        let token = query("token address", self.token.address())?;
        let gov = query("governance address", self.governance.address())?;
        let dist = query("fee-distributor address", self.distributor.address())?;
        let escrow = query("compute-escrow address", self.escrow.address())?;
        let registry = query("identity-registry address", self.registry.address())?;

        let g: governance::ConfigResponse = query(
            "governance config",
            self.governance.query(&governance::QueryMsg::Config {}),
        )?;
        check("governance.token", &token, &g.token)?;
        check("governance.hooks", &vec![dist.clone()], &g.hooks)?;
        check(
            "governance.treasury",
            &self.community_pool,
            &g.params.treasury,
        )?;
        check(
            "governance.identity.registry",
            Some(&registry),
            g.identity.registry.as_ref(),
        )?;

        let e: escrow::ConfigResponse = query(
            "compute-escrow config",
            self.escrow.query(&escrow::QueryMsg::Config {}),
        )?;
        check("compute-escrow.owner", &gov, &e.owner)?;
        check("compute-escrow.arbiter", &gov, &e.arbiter)?;
        check("compute-escrow.fee_collector", &dist, &e.fee_collector)?;
        check(
            "compute-escrow.collateral_hook",
            Some(&dist),
            e.collateral_hook.as_ref(),
        )?;
        check(
            "compute-escrow.collateral_asset",
            &AssetInfo::Cw20(token.clone()),
            &e.collateral_asset,
        )?;
        // the providers pool weighs fees in the one credit asset
        check(
            "compute-escrow.service_asset",
            e.accepted_assets.first(),
            e.service_asset.as_ref(),
        )?;

        let d: distributor::ConfigResponse = query(
            "fee-distributor config",
            self.distributor.query(&distributor::QueryMsg::Config {}),
        )?;
        check("fee-distributor.owner", &gov, &d.owner)?;
        check(
            "fee-distributor.fallback",
            &self.community_pool,
            &d.fallback,
        )?;
        let treasury = d.recipients.iter().find_map(|r| match &r.target {
            RecipientTarget::Address { address } => Some(address),
            _ => None,
        });
        check("fee-distributor.treasury_recipient", Some(&gov), treasury)?;

        let pools: distributor::PoolsResponse = query(
            "fee-distributor pools",
            self.distributor.query(&distributor::QueryMsg::Pools {
                start_after: None,
                limit: None,
            }),
        )?;
        let source = |pool: &str| {
            pools
                .pools
                .iter()
                .find(|p| p.pool_id == pool)
                .map(|p| p.source.clone())
        };
        check(
            "fee-distributor.stakers_pool.source",
            Some(gov.clone()),
            source(STAKERS_POOL),
        )?;
        check(
            "fee-distributor.providers_pool.source",
            Some(escrow.clone()),
            source(PROVIDERS_POOL),
        )?;

        let i: identity::ConfigResponse = query(
            "identity-registry config",
            self.registry.query(&identity::QueryMsg::Config {}),
        )?;
        check("identity-registry.owner", &gov, &i.owner)?;
        check(
            "identity-registry.subscribers",
            &vec![gov.clone()],
            &i.subscribers,
        )?;

        let wasm = self.governance.environment().wasm_querier();
        let code_id = |link, c: &dyn ContractInstance<Chain>| query(link, c.code_id());
        for (link, contract, code, admin) in [
            (
                ["token.code_id", "token.wasm_admin"],
                &token,
                code_id("token code id", &self.token)?,
                None,
            ),
            (
                ["governance.code_id", "governance.wasm_admin"],
                &gov,
                code_id("governance code id", &self.governance)?,
                Some(&gov),
            ),
            (
                ["compute-escrow.code_id", "compute-escrow.wasm_admin"],
                &escrow,
                code_id("compute-escrow code id", &self.escrow)?,
                Some(&gov),
            ),
            (
                ["fee-distributor.code_id", "fee-distributor.wasm_admin"],
                &dist,
                code_id("fee-distributor code id", &self.distributor)?,
                Some(&gov),
            ),
            (
                ["identity-registry.code_id", "identity-registry.wasm_admin"],
                &registry,
                code_id("identity-registry code id", &self.registry)?,
                Some(&gov),
            ),
        ] {
            let info = query(link[0], wasm.contract_info(contract).map_err(Into::into))?;
            check(link[0], code, info.code_id)?;
            // The token has no admin: nobody migrates FAIR.
            check(link[1], admin, info.admin.as_ref())?;
        }
        Ok(())
    }
}
