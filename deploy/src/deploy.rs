//! Uploads, instantiates and wires the market on any cw-orch environment.
//!
//! Order (docs/design.md, "The market in one picture"): FAIR token,
//! governance, escrow, distributor, identity registry. Governance and the
//! escrow must name the distributor before it exists, governance must name
//! the registry (whose hook it accepts) and be its own wasm admin, so the
//! three are instantiated with instantiate2 at addresses computed first; the
//! registry is owned by governance and has it as its one subscriber.
//! (The reference in tests/multitest instantiates governance with the
//! deployer as admin and then sends `UpdateAdmin`; cw-orch's `CwEnv` has no
//! generic way to send that message, and this way the deployer is never the
//! admin, even for one block.)
//!
//! Resumable: cw-orch records every code id and address in its state as
//! soon as its transaction succeeded, and `deploy` skips what the state
//! records and the chain confirms (uploads with the same checksum, contracts
//! on the same code). Before the first instantiation the two predicted
//! instantiate2 addresses must be free; when resuming, a contract found at
//! its predicted address but not recorded (the transaction landed, the run
//! died before recording it) is adopted, since only this deployer, this
//! code and this salt can create it there, and `verify` then checks it.

use cosmwasm_std::{Addr, Binary};
use cw_orch::core::CwEnvError;
use cw_orch::prelude::*;
use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::config::{ConfigError, DeployConfig};
use crate::interfaces::{ComputeEscrow, FairToken, FeeDistributor, Governance, IdentityRegistry};
use crate::messages::{
    self, DISTRIBUTOR_LABEL, ESCROW_LABEL, GOVERNANCE_LABEL, REGISTRY_LABEL, TOKEN_LABEL,
};

#[derive(Error, Debug)]
pub enum DeployError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Chain(#[from] CwEnvError),
    #[error("{contract}'s instantiate2 address {address} is taken (code {code_id}, created by {creator}): a market was already deployed from this key with salt {salt:?}; resume it with its cw-orch state file, or choose another salt")]
    SaltTaken {
        contract: &'static str,
        address: Addr,
        code_id: u64,
        creator: Addr,
        salt: String,
    },
    #[error("{contract} at {address} runs code {actual}, but the artifact is code {expected}: the artifacts changed since this deployment began; finish it with the old artifacts or start a new one (another salt or state file)")]
    StaleContract {
        contract: &'static str,
        address: Addr,
        expected: u64,
        actual: u64,
    },
    #[error("{contract} was instantiated at {actual}, not at the predicted {predicted}")]
    AddressMismatch {
        contract: &'static str,
        predicted: Addr,
        actual: Addr,
    },
}

/// The five contracts of a deployed market, on `Chain`.
#[derive(Clone)]
pub struct Deployment<Chain> {
    pub token: FairToken<Chain>,
    pub governance: Governance<Chain>,
    pub distributor: FeeDistributor<Chain>,
    pub escrow: ComputeEscrow<Chain>,
    pub registry: IdentityRegistry<Chain>,
    /// Governance treasury parameter and distributor fallback.
    pub community_pool: Addr,
    /// The native denom the escrow and the distributor accept.
    pub credit_denom: String,
}

/// What the binary prints: every address and code id of the deployment;
/// `fairgrid-deploy verify --addresses` reads it back.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DeployedAddresses {
    pub token: ContractRef,
    pub governance: ContractRef,
    pub fee_distributor: ContractRef,
    pub compute_escrow: ContractRef,
    pub identity_registry: ContractRef,
    pub community_pool: Addr,
}

#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ContractRef {
    pub address: Addr,
    pub code_id: u64,
}

impl<Chain: ChainState + Clone> Deployment<Chain> {
    /// Interfaces named like a deployment, without addresses: on a `Daemon`
    /// they load what cw-orch's state file recorded for this chain.
    pub fn interfaces(chain: Chain, community_pool: Addr, credit_denom: String) -> Self {
        Deployment {
            token: FairToken::new(TOKEN_LABEL, chain.clone()),
            governance: Governance::new(GOVERNANCE_LABEL, chain.clone()),
            distributor: FeeDistributor::new(DISTRIBUTOR_LABEL, chain.clone()),
            escrow: ComputeEscrow::new(ESCROW_LABEL, chain.clone()),
            registry: IdentityRegistry::new(REGISTRY_LABEL, chain),
            community_pool,
            credit_denom,
        }
    }

    /// An existing deployment from its addresses and code ids (what the
    /// binary printed), for `verify` alone; nothing is read from or written
    /// to cw-orch's state beyond these.
    pub fn from_addresses(
        chain: Chain,
        addresses: &DeployedAddresses,
        credit_denom: String,
    ) -> Self {
        let market = Self::interfaces(chain, addresses.community_pool.clone(), credit_denom);
        let set = |c: &dyn ContractInstance<Chain>, r: &ContractRef| {
            c.set_address(&r.address);
            c.set_code_id(r.code_id);
        };
        set(&market.token, &addresses.token);
        set(&market.governance, &addresses.governance);
        set(&market.distributor, &addresses.fee_distributor);
        set(&market.escrow, &addresses.compute_escrow);
        set(&market.registry, &addresses.identity_registry);
        market
    }

    pub fn addresses(&self) -> Result<DeployedAddresses, CwEnvError> {
        fn contract_ref<C: ContractInstance<Chain>, Chain: ChainState>(
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
            identity_registry: contract_ref(&self.registry)?,
            community_pool: self.community_pool.clone(),
        })
    }
}

/// Deploys the market with the chain's sender as deployer, or resumes the
/// deployment cw-orch's state recorded, and returns it wired (call
/// `Deployment::verify` to check the wiring by queries). Refuses a config
/// that fails `DeployConfig::validate` or whose initial distribution cannot
/// reach quorum (`DeployConfig::check_launch_quorum`) before any transaction.
pub fn deploy<Chain: CodeStore>(
    chain: Chain,
    config: &DeployConfig,
) -> Result<Deployment<Chain>, DeployError> {
    config.validate()?;
    let deployer = chain.sender_addr();
    config.check_launch_quorum(deployer.as_str())?;
    let community = config.community_pool_addr(&deployer)?;
    let market = Deployment::interfaces(chain.clone(), community, config.credit_denom.clone());

    upload_unless_recorded(&market.token)?;
    upload_unless_recorded(&market.governance)?;
    upload_unless_recorded(&market.distributor)?;
    upload_unless_recorded(&market.escrow)?;
    upload_unless_recorded(&market.registry)?;

    let wasm = chain.wasm_querier();
    let governance_salt = Binary::from(config.governance_salt());
    let distributor_salt = Binary::from(config.distributor_salt());
    let registry_salt = Binary::from(config.registry_salt());
    let predict = |code_id: u64, salt: &Binary| -> Result<Addr, CwEnvError> {
        let address = wasm
            .instantiate2_addr(code_id, &deployer, salt.clone())
            .map_err(Into::into)?;
        Ok(Addr::unchecked(address))
    };
    let governance = predict(market.governance.code_id()?, &governance_salt)?;
    let distributor = predict(market.distributor.code_id()?, &distributor_salt)?;
    let registry = predict(market.registry.code_id()?, &registry_salt)?;
    let on_chain = |address: &Addr| wasm.contract_info(address).ok();

    if recorded("FAIR token", &market.token, &on_chain)?.is_none() {
        // A fresh deployment: nothing may sit where instantiate2 will put
        // governance and the distributor.
        for (contract, address) in [
            ("governance", &governance),
            ("fee-distributor", &distributor),
            ("identity-registry", &registry),
        ] {
            if let Some(info) = on_chain(address) {
                return Err(DeployError::SaltTaken {
                    contract,
                    address: address.clone(),
                    code_id: info.code_id,
                    creator: info.creator,
                    salt: config.salt.clone(),
                });
            }
        }
        market
            .token
            .instantiate(&messages::token(config, &deployer), None, &[])?;
    }
    let token = market.token.address()?;

    if recorded("governance", &market.governance, &on_chain)?.is_none() {
        if on_chain(&governance).is_some() {
            market.governance.set_address(&governance);
        } else {
            market.governance.instantiate2(
                &messages::governance(
                    config,
                    &token,
                    &market.community_pool,
                    &distributor,
                    &registry,
                ),
                // Its own admin: only a proposal migrates governance.
                Some(&governance),
                &[],
                governance_salt,
            )?;
        }
    }
    expect_at("governance", &governance, market.governance.address()?)?;

    if recorded("compute-escrow", &market.escrow, &on_chain)?.is_none() {
        market.escrow.instantiate(
            &messages::escrow(config, &token, &governance, &distributor),
            Some(&governance),
            &[],
        )?;
    }
    let escrow = market.escrow.address()?;

    if recorded("fee-distributor", &market.distributor, &on_chain)?.is_none() {
        if on_chain(&distributor).is_some() {
            market.distributor.set_address(&distributor);
        } else {
            market.distributor.instantiate2(
                &messages::distributor(config, &governance, &escrow, &market.community_pool),
                Some(&governance),
                &[],
                distributor_salt,
            )?;
        }
    }
    expect_at(
        "fee-distributor",
        &distributor,
        market.distributor.address()?,
    )?;

    if recorded("identity-registry", &market.registry, &on_chain)?.is_none() {
        if on_chain(&registry).is_some() {
            market.registry.set_address(&registry);
        } else {
            market.registry.instantiate2(
                &messages::registry(config, &governance),
                Some(&governance),
                &[],
                registry_salt,
            )?;
        }
    }
    expect_at("identity-registry", &registry, market.registry.address()?)?;

    Ok(market)
}

/// How a deployment tells that the code id its state records for a contract
/// already holds that contract's code, so a resumed deployment does not
/// upload it again.
pub trait CodeStore: CwEnv {
    fn holds_code<T: Uploadable + ContractInstance<Self>>(
        &self,
        contract: &T,
        code_id: u64,
    ) -> bool;
}

/// A real chain stores bytes: the recorded code's checksum must be the
/// artifact's (which `artifacts::verify_artifacts` checked against
/// checksums.txt).
impl CodeStore for cw_orch::daemon::Daemon {
    fn holds_code<T: Uploadable + ContractInstance<Self>>(
        &self,
        contract: &T,
        code_id: u64,
    ) -> bool {
        let wasm = self.wasm_querier();
        match (wasm.code_id_hash(code_id), wasm.local_hash(contract)) {
            (Ok(on_chain), Ok(local)) => on_chain == local,
            _ => false,
        }
    }
}

/// The Mock stores the contracts' Rust entry points, not bytes (its
/// checksums are made up): a recorded code that exists is the contract's.
impl CodeStore for Mock {
    fn holds_code<T: Uploadable + ContractInstance<Self>>(&self, _: &T, code_id: u64) -> bool {
        self.wasm_querier().code(code_id).is_ok()
    }
}

fn upload_unless_recorded<
    Chain: CodeStore,
    T: Uploadable + ContractInstance<Chain> + CwOrchUpload<Chain>,
>(
    contract: &T,
) -> Result<(), CwEnvError> {
    if let Ok(code_id) = contract.code_id() {
        if contract.environment().holds_code(contract, code_id) {
            return Ok(());
        }
    }
    contract.upload()?;
    Ok(())
}

/// The contract's address when the state records one that exists on chain
/// on the code id the state records; `None` when it is still to be
/// instantiated.
fn recorded<Chain: CwEnv>(
    contract: &'static str,
    instance: &dyn ContractInstance<Chain>,
    on_chain: &dyn Fn(&Addr) -> Option<cosmwasm_std::ContractInfoResponse>,
) -> Result<Option<Addr>, DeployError> {
    let Ok(address) = instance.address() else {
        return Ok(None);
    };
    let Some(info) = on_chain(&address) else {
        return Ok(None);
    };
    let expected = instance.code_id()?;
    if info.code_id != expected {
        return Err(DeployError::StaleContract {
            contract,
            address,
            expected,
            actual: info.code_id,
        });
    }
    Ok(Some(address))
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
