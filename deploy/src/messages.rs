//! Instantiate messages of the five contracts, from the config and the
//! addresses of the contracts they are wired to.

use cosmwasm_std::Addr;
use cw20::Cw20Coin;
use fairgrid::bps::Bps;
use fairgrid::{distributor, escrow, governance, identity, AssetInfoUnchecked};

use crate::config::DeployConfig;

/// Pool ids in the distributor; `verify` looks them up by these ids.
pub const STAKERS_POOL: &str = "stakers";
pub const PROVIDERS_POOL: &str = "providers";

/// Contract ids in cw-orch's state, also the labels on chain.
pub const TOKEN_LABEL: &str = "fairgrid-fair-token";
pub const GOVERNANCE_LABEL: &str = "fairgrid-governance";
pub const DISTRIBUTOR_LABEL: &str = "fairgrid-fee-distributor";
pub const ESCROW_LABEL: &str = "fairgrid-compute-escrow";
pub const REGISTRY_LABEL: &str = "fairgrid-identity-registry";

pub fn token(config: &DeployConfig, deployer: &Addr) -> cw20_base::msg::InstantiateMsg {
    let t = &config.token;
    let deployer_balance = (!t.deployer_balance.is_zero()).then(|| Cw20Coin {
        address: deployer.to_string(),
        amount: t.deployer_balance,
    });
    let others = t.initial_balances.iter().map(|b| Cw20Coin {
        address: b.address.clone(),
        amount: b.amount,
    });
    cw20_base::msg::InstantiateMsg {
        name: t.name.clone(),
        symbol: t.symbol.clone(),
        decimals: t.decimals,
        initial_balances: deployer_balance.into_iter().chain(others).collect(),
        // Fixed supply: nobody mints FAIR after deployment.
        mint: None,
        marketing: None,
    }
}

pub fn governance(
    config: &DeployConfig,
    token: &Addr,
    community: &Addr,
    distributor: &Addr,
    registry: &Addr,
) -> governance::InstantiateMsg {
    let g = &config.governance;
    governance::InstantiateMsg {
        token: token.to_string(),
        curve: g.curve,
        min_stake: g.min_stake,
        params: governance::ParamsMsg {
            cap: g.cap,
            quorum: g.quorum,
            threshold: governance::Threshold::Percent(g.threshold),
            veto_threshold: g.veto_threshold,
            voting_period: g.voting_period,
            timelock: g.timelock,
            execution_window: g.execution_window,
            min_deposit: g.min_deposit,
            min_propose_power: g.min_propose_power,
            unbonding_period: cw_utils::Duration::Time(g.unbonding_period),
            treasury: community.to_string(),
            deposit_refund: governance::RefundPolicy::NotVetoed,
        },
        guardian: g.guardian.clone(),
        // Every stake change reaches the distributor's stakers pool.
        hooks: vec![distributor.to_string()],
        // Identities come from the registry's hook only.
        identity: governance::IdentityConfigMsg {
            registry: Some(registry.to_string()),
            unidentified: g.unidentified,
        },
    }
}

/// The identity registry: owned by governance, which hears every change.
pub fn registry(config: &DeployConfig, governance: &Addr) -> identity::InstantiateMsg {
    identity::InstantiateMsg {
        owner: governance.to_string(),
        max_addresses: config.identity.max_addresses,
        attesters: config.identity.attesters.clone(),
        subscribers: vec![governance.to_string()],
    }
}

pub fn escrow(
    config: &DeployConfig,
    token: &Addr,
    governance: &Addr,
    distributor: &Addr,
) -> escrow::InstantiateMsg {
    let e = &config.escrow;
    escrow::InstantiateMsg {
        owner: governance.to_string(),
        arbiter: governance.to_string(),
        fee_collector: distributor.to_string(),
        collateral_hook: Some(distributor.to_string()),
        accepted_assets: vec![AssetInfoUnchecked::native(&config.credit_denom)],
        collateral_asset: AssetInfoUnchecked::cw20(token.as_str()),
        service_asset: None,
        protocol_fee: e.protocol_fee,
        min_collateral: e.min_collateral,
        settlement_delay: e.settlement_delay,
        unbonding_delay: e.unbonding_delay,
        max_lease_duration: e.max_lease_duration,
    }
}

pub fn distributor(
    config: &DeployConfig,
    governance: &Addr,
    escrow: &Addr,
    community: &Addr,
) -> distributor::InstantiateMsg {
    let d = &config.distributor;
    let treasury = distributor::RecipientTargetMsg::Address {
        address: governance.to_string(),
    };
    let recipients = [
        (pool_target(STAKERS_POOL), d.stakers_bps),
        (pool_target(PROVIDERS_POOL), d.providers_bps),
        (treasury, d.treasury_bps),
    ]
    .into_iter()
    // The distributor refuses zero-weight recipients: a 0 share means none.
    .filter(|(_, weight)| *weight > 0)
    .map(|(target, weight)| distributor::RecipientMsg {
        target,
        weight: Bps::new(weight).expect("validated: the split sums to 10000"),
    })
    .collect();
    distributor::InstantiateMsg {
        owner: governance.to_string(),
        fallback: community.to_string(),
        assets: vec![AssetInfoUnchecked::native(&config.credit_denom)],
        pools: vec![
            distributor::PoolMsg {
                pool_id: STAKERS_POOL.into(),
                source: governance.to_string(),
                curve: d.stakers_curve,
            },
            distributor::PoolMsg {
                pool_id: PROVIDERS_POOL.into(),
                source: escrow.to_string(),
                curve: d.providers_curve,
            },
        ],
        recipients,
    }
}

fn pool_target(pool_id: &str) -> distributor::RecipientTargetMsg {
    distributor::RecipientTargetMsg::Pool {
        pool_id: pool_id.into(),
    }
}
