//! Uploads, instantiates and wires the market on any cw-orch environment.
//!
//! Order (SPEC.md, "The three contracts and how they connect"): FAIR token,
//! governance, escrow, distributor. Governance and the escrow must name the
//! distributor before it exists, and governance must be its own wasm admin,
//! so both are instantiated with instantiate2 at addresses computed first.
//! (The reference in tests/multitest instantiates governance with the
//! deployer as admin and then sends `UpdateAdmin`; cw-orch's `CwEnv` has no
//! generic way to send that message, and this way the deployer is never the
//! admin, even for one block.)

use cosmwasm_std::{Addr, Binary};
use cw_orch::core::CwEnvError;
use cw_orch::prelude::*;
use serde::Serialize;
use thiserror::Error;

use crate::config::{ConfigError, DeployConfig};
use crate::interfaces::{ComputeEscrow, FairToken, FeeDistributor, Governance};
use crate::messages::{self, DISTRIBUTOR_LABEL, ESCROW_LABEL, GOVERNANCE_LABEL, TOKEN_LABEL};

#[derive(Error, Debug)]
pub enum DeployError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Chain(#[from] CwEnvError),
    #[error("{contract} was instantiated at {actual}, not at the predicted {predicted}")]
    AddressMismatch {
        contract: &'static str,
        predicted: Addr,
        actual: Addr,
    },
}

/// The four contracts of a deployed market, on `Chain`.
#[derive(Clone)]
pub struct Deployment<Chain> {
    pub token: FairToken<Chain>,
    pub governance: Governance<Chain>,
    pub distributor: FeeDistributor<Chain>,
    pub escrow: ComputeEscrow<Chain>,
    /// Governance treasury parameter and distributor fallback.
    pub community_pool: Addr,
    /// The native denom the escrow and the distributor accept.
    pub credit_denom: String,
}

/// What the binary prints: every address and code id of the deployment.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct DeployedAddresses {
    pub token: ContractRef,
    pub governance: ContractRef,
    pub fee_distributor: ContractRef,
    pub compute_escrow: ContractRef,
    pub community_pool: Addr,
}

#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct ContractRef {
    pub address: Addr,
    pub code_id: u64,
}

impl<Chain: CwEnv> Deployment<Chain> {
    /// Interfaces named like a deployment, without addresses: on a `Daemon`
    /// they load what cw-orch's state file recorded for this chain.
    pub fn interfaces(chain: Chain, community_pool: Addr, credit_denom: String) -> Self {
        Deployment {
            token: FairToken::new(TOKEN_LABEL, chain.clone()),
            governance: Governance::new(GOVERNANCE_LABEL, chain.clone()),
            distributor: FeeDistributor::new(DISTRIBUTOR_LABEL, chain.clone()),
            escrow: ComputeEscrow::new(ESCROW_LABEL, chain),
            community_pool,
            credit_denom,
        }
    }

    pub fn addresses(&self) -> Result<DeployedAddresses, CwEnvError> {
        fn contract_ref<C: ContractInstance<Chain>, Chain: CwEnv>(
            c: &C,
        ) -> Result<ContractRef, CwEnvError> {
            Ok(ContractRef {
                address: c.address()?,
                code_id: c.code_id()?,
            })
        }
        Ok(DeployedAddresses {
            token: contract_ref(&self.token)?,
            governance: contract_ref(&self.governance)?,
            fee_distributor: contract_ref(&self.distributor)?,
            compute_escrow: contract_ref(&self.escrow)?,
            community_pool: self.community_pool.clone(),
        })
    }
}

/// Deploys the market with the chain's sender as deployer and returns it
/// wired (call `Deployment::verify` to check the wiring by queries).
pub fn deploy<Chain: CwEnv>(
    chain: Chain,
    config: &DeployConfig,
) -> Result<Deployment<Chain>, DeployError> {
    config.validate()?;
    let deployer = chain.sender_addr();
    let community = match &config.community_pool {
        Some(address) => Addr::unchecked(address),
        None => deployer.clone(),
    };
    let market = Deployment::interfaces(chain.clone(), community, config.credit_denom.clone());

    market.token.upload()?;
    market.governance.upload()?;
    market.distributor.upload()?;
    market.escrow.upload()?;

    market
        .token
        .instantiate(&messages::token(config, &deployer), None, &[])?;
    let token = market.token.address()?;

    let wasm = chain.wasm_querier();
    let governance_salt = Binary::from(config.governance_salt());
    let distributor_salt = Binary::from(config.distributor_salt());
    let predict = |code_id: u64, salt: &Binary| -> Result<Addr, CwEnvError> {
        let address = wasm
            .instantiate2_addr(code_id, &deployer, salt.clone())
            .map_err(Into::into)?;
        Ok(Addr::unchecked(address))
    };
    let governance = predict(market.governance.code_id()?, &governance_salt)?;
    let distributor = predict(market.distributor.code_id()?, &distributor_salt)?;

    market.governance.instantiate2(
        &messages::governance(config, &token, &market.community_pool, &distributor),
        // Its own admin: only a proposal migrates governance.
        Some(&governance),
        &[],
        governance_salt,
    )?;
    expect_at("governance", &governance, market.governance.address()?)?;

    market.escrow.instantiate(
        &messages::escrow(config, &token, &governance, &distributor),
        Some(&governance),
        &[],
    )?;
    let escrow = market.escrow.address()?;

    market.distributor.instantiate2(
        &messages::distributor(config, &governance, &escrow, &market.community_pool),
        Some(&governance),
        &[],
        distributor_salt,
    )?;
    expect_at(
        "fee-distributor",
        &distributor,
        market.distributor.address()?,
    )?;

    Ok(market)
}

fn expect_at(contract: &'static str, predicted: &Addr, actual: Addr) -> Result<(), DeployError> {
    if actual != *predicted {
        return Err(DeployError::AddressMismatch {
            contract,
            predicted: predicted.clone(),
            actual,
        });
    }
    Ok(())
}
