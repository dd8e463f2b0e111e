//! Every message the market-wide model test sends, built in one place.
//!
//! When a contract's messages change (agreed price on `open_lease`, fees owed
//! separately, new governance rules…), this is the one file to adapt: the
//! model and the runner only call these functions.

use cosmwasm_std::{coin, to_json_binary, Addr, BankMsg, Coin, CosmosMsg, Empty, Uint128, WasmMsg};
use cw20::Cw20ExecuteMsg;
use fairgrid::bps::Bps;
use fairgrid::hook::WeightChange;
use fairgrid::{distributor, escrow, governance, AssetInfoUnchecked};

use crate::market::{governance_params, Market, CREDIT};

fn wasm(contract: &Addr, msg: &impl serde::Serialize, funds: Vec<Coin>) -> CosmosMsg {
    WasmMsg::Execute {
        contract_addr: contract.to_string(),
        msg: to_json_binary(msg).expect("serializable message"),
        funds,
    }
    .into()
}

fn credits(amount: u128) -> Vec<Coin> {
    if amount == 0 {
        vec![]
    } else {
        vec![coin(amount, CREDIT)]
    }
}

/// A cw20 `Send` of FAIR to `contract` carrying `hook`.
pub fn send_fair(
    m: &Market,
    contract: &Addr,
    amount: u128,
    hook: &impl serde::Serialize,
) -> CosmosMsg {
    wasm(
        &m.token,
        &Cw20ExecuteMsg::Send {
            contract: contract.to_string(),
            amount: Uint128::new(amount),
            msg: to_json_binary(hook).expect("serializable hook"),
        },
        vec![],
    )
}

pub fn transfer_fair(m: &Market, to: &Addr, amount: u128) -> CosmosMsg {
    wasm(
        &m.token,
        &Cw20ExecuteMsg::Transfer {
            recipient: to.to_string(),
            amount: Uint128::new(amount),
        },
        vec![],
    )
}

pub fn allow_fair(m: &Market, spender: &Addr, amount: u128) -> CosmosMsg {
    wasm(
        &m.token,
        &Cw20ExecuteMsg::IncreaseAllowance {
            spender: spender.to_string(),
            amount: Uint128::new(amount),
            expires: None,
        },
        vec![],
    )
}

pub fn send_credits(to: &Addr, amount: u128) -> CosmosMsg {
    BankMsg::Send {
        to_address: to.to_string(),
        amount: credits(amount),
    }
    .into()
}

pub fn credit_asset() -> AssetInfoUnchecked {
    AssetInfoUnchecked::native(CREDIT)
}

pub fn fair_asset(m: &Market) -> AssetInfoUnchecked {
    AssetInfoUnchecked::cw20(m.token.as_str())
}

// ---------- compute-escrow ----------

pub fn esc(m: &Market, msg: escrow::ExecuteMsg, funds: u128) -> CosmosMsg {
    wasm(&m.escrow, &msg, credits(funds))
}

pub fn deposit(m: &Market, beneficiary: Option<&Addr>, amount: u128) -> CosmosMsg {
    esc(
        m,
        escrow::ExecuteMsg::Deposit {
            beneficiary: beneficiary.map(|b| b.to_string()),
        },
        amount,
    )
}

pub fn withdraw(m: &Market, asset: AssetInfoUnchecked, amount: u128) -> CosmosMsg {
    esc(
        m,
        escrow::ExecuteMsg::Withdraw {
            asset,
            amount: Uint128::new(amount),
            recipient: None,
        },
        0,
    )
}

fn metadata(name: &str) -> escrow::ProviderMetadata {
    escrow::ProviderMetadata {
        name: name.into(),
        contact: None,
    }
}

pub fn register_provider(m: &Market, collateral: u128) -> CosmosMsg {
    send_fair(
        m,
        &m.escrow,
        collateral,
        &escrow::ReceiveMsg::RegisterProvider {
            metadata: metadata("farm"),
        },
    )
}

/// The native form, refused: the collateral asset is the FAIR cw20.
pub fn register_provider_native(m: &Market, amount: u128) -> CosmosMsg {
    esc(
        m,
        escrow::ExecuteMsg::RegisterProvider {
            metadata: metadata("farm"),
        },
        amount,
    )
}

pub fn update_provider(m: &Market, name: &str) -> CosmosMsg {
    esc(
        m,
        escrow::ExecuteMsg::UpdateProvider {
            metadata: metadata(name),
        },
        0,
    )
}

pub fn add_collateral(m: &Market, amount: u128) -> CosmosMsg {
    send_fair(m, &m.escrow, amount, &escrow::ReceiveMsg::AddCollateral {})
}

pub fn add_collateral_native(m: &Market, amount: u128) -> CosmosMsg {
    esc(m, escrow::ExecuteMsg::AddCollateral {}, amount)
}

pub fn request_withdrawal(m: &Market, amount: u128) -> CosmosMsg {
    esc(
        m,
        escrow::ExecuteMsg::RequestCollateralWithdrawal {
            amount: Uint128::new(amount),
        },
        0,
    )
}

pub fn withdraw_collateral(m: &Market) -> CosmosMsg {
    esc(m, escrow::ExecuteMsg::WithdrawCollateral {}, 0)
}

pub struct OfferTerms {
    pub price_per_hour: u128,
    pub min_duration: u64,
    pub max_duration: u64,
    pub slots: u32,
}

pub fn create_offer(m: &Market, t: &OfferTerms) -> CosmosMsg {
    esc(
        m,
        escrow::ExecuteMsg::CreateOffer {
            offer: escrow::OfferParams {
                gpu_model: "H100-SXM".into(),
                gpu_count: 8,
                memory_gib: 80,
                region: "eu-west".into(),
                asset: credit_asset(),
                price_per_hour: Uint128::new(t.price_per_hour),
                min_duration: t.min_duration,
                max_duration: t.max_duration,
                slots: t.slots,
            },
        },
        0,
    )
}

pub fn update_offer_price(m: &Market, offer_id: u64, price: u128) -> CosmosMsg {
    esc(
        m,
        escrow::ExecuteMsg::UpdateOfferPrice {
            offer_id,
            price_per_hour: Uint128::new(price),
        },
        0,
    )
}

pub fn close_offer(m: &Market, offer_id: u64) -> CosmosMsg {
    esc(m, escrow::ExecuteMsg::CloseOffer { offer_id }, 0)
}

/// `funds`: the reservation attached (0: paid from credits); `agreed`: the
/// renter's `max_price_per_hour`.
pub fn open_lease(
    m: &Market,
    offer_id: u64,
    duration: u64,
    agreed: u128,
    funds: u128,
) -> CosmosMsg {
    esc(
        m,
        escrow::ExecuteMsg::OpenLease {
            offer_id,
            duration,
            max_price_per_hour: Uint128::new(agreed),
        },
        funds,
    )
}

/// The identity registry's `link` of `who` to identity `id` (`None`: new),
/// live below height `expires` (`None`: until removed).
pub fn link(m: &Market, who: &Addr, id: Option<u64>, expires: Option<u64>) -> CosmosMsg {
    wasm(
        &m.identity,
        &fairgrid::identity::ExecuteMsg::Link {
            address: who.to_string(),
            identity: id,
            expires_at_height: expires,
        },
        vec![],
    )
}

pub fn revoke_link(m: &Market, who: &Addr) -> CosmosMsg {
    wasm(
        &m.identity,
        &fairgrid::identity::ExecuteMsg::Revoke {
            address: who.to_string(),
        },
        vec![],
    )
}

pub fn leave_identity(m: &Market) -> CosmosMsg {
    wasm(
        &m.identity,
        &fairgrid::identity::ExecuteMsg::Leave {},
        vec![],
    )
}

pub fn create_grant(m: &Market, grantee: &Addr, limit: u128, expires: Option<u64>) -> CosmosMsg {
    esc(
        m,
        escrow::ExecuteMsg::CreateGrant {
            grantee: grantee.to_string(),
            asset: credit_asset(),
            limit: Uint128::new(limit),
            expires,
        },
        0,
    )
}

pub fn revoke_grant(m: &Market, grant_id: u64) -> CosmosMsg {
    esc(m, escrow::ExecuteMsg::RevokeGrant { grant_id }, 0)
}

pub fn open_lease_from_grant(
    m: &Market,
    grant_id: u64,
    offer_id: u64,
    duration: u64,
    agreed: u128,
    funds: u128,
) -> CosmosMsg {
    esc(
        m,
        escrow::ExecuteMsg::OpenLeaseFromGrant {
            grant_id,
            offer_id,
            duration,
            max_price_per_hour: Uint128::new(agreed),
        },
        funds,
    )
}

pub fn extend_lease(m: &Market, lease_id: u64, extra: u64, agreed: u128, funds: u128) -> CosmosMsg {
    esc(
        m,
        escrow::ExecuteMsg::ExtendLease {
            lease_id,
            extra,
            max_price_per_hour: Uint128::new(agreed),
        },
        funds,
    )
}

/// Permissionless: re-send `provider`'s bonded collateral to the hook.
pub fn resync_collateral(m: &Market, provider: &Addr) -> CosmosMsg {
    esc(
        m,
        escrow::ExecuteMsg::ResyncCollateralWeight {
            provider: provider.to_string(),
        },
        0,
    )
}

/// Permissionless: the fees owed to the collector in `assets`.
pub fn forward_fees(m: &Market, assets: Vec<AssetInfoUnchecked>) -> CosmosMsg {
    esc(m, escrow::ExecuteMsg::ForwardFees { assets }, 0)
}

pub fn close_lease(m: &Market, lease_id: u64) -> CosmosMsg {
    esc(m, escrow::ExecuteMsg::CloseLease { lease_id }, 0)
}

pub fn settle(m: &Market, lease_ids: Vec<u64>) -> CosmosMsg {
    esc(m, escrow::ExecuteMsg::Settle { lease_ids }, 0)
}

pub fn claim_earnings(m: &Market, lease_ids: Vec<u64>) -> CosmosMsg {
    esc(m, escrow::ExecuteMsg::ClaimEarnings { lease_ids }, 0)
}

pub fn open_dispute(m: &Market, lease_id: u64) -> CosmosMsg {
    esc(
        m,
        escrow::ExecuteMsg::OpenDispute {
            lease_id,
            reason: "gpu fell off the bus".into(),
        },
        0,
    )
}

pub fn resolve_dispute(m: &Market, lease_id: u64, share_bps: u16, slash: u128) -> CosmosMsg {
    esc(
        m,
        escrow::ExecuteMsg::ResolveDispute {
            lease_id,
            provider_share: Bps::new(share_bps).expect("bps ≤ 10000"),
            slash: Uint128::new(slash),
        },
        0,
    )
}

pub struct EscrowConfig {
    pub protocol_fee_bps: u16,
    pub settlement_delay: u64,
    pub min_collateral: u128,
    pub unbonding_delay: u64,
    pub dispute_bond_bps: u16,
}

pub fn escrow_config(m: &Market, c: &EscrowConfig) -> CosmosMsg {
    esc(
        m,
        escrow::ExecuteMsg::UpdateConfig(escrow::ConfigUpdate {
            protocol_fee: Some(Bps::new(c.protocol_fee_bps).expect("bps")),
            settlement_delay: Some(c.settlement_delay),
            min_collateral: Some(Uint128::new(c.min_collateral)),
            unbonding_delay: Some(c.unbonding_delay),
            dispute_bond: Some(Bps::new(c.dispute_bond_bps).expect("bps")),
            ..Default::default()
        }),
        0,
    )
}

pub fn escrow_collateral_hook(m: &Market, attach: bool) -> CosmosMsg {
    esc(
        m,
        escrow::ExecuteMsg::UpdateConfig(escrow::ConfigUpdate {
            collateral_hook: attach.then(|| m.distributor.to_string()),
            remove_collateral_hook: (!attach).then_some(true),
            ..Default::default()
        }),
        0,
    )
}

pub fn escrow_paused(m: &Market, paused: bool) -> CosmosMsg {
    esc(m, escrow::ExecuteMsg::SetPaused { paused }, 0)
}

pub fn escrow_accept_credit(m: &Market, accept: bool) -> CosmosMsg {
    let (add, remove) = if accept {
        (vec![credit_asset()], vec![])
    } else {
        (vec![], vec![credit_asset()])
    };
    esc(m, escrow::ExecuteMsg::UpdateAssets { add, remove }, 0)
}

// ---------- governance ----------

pub fn gov(m: &Market, msg: governance::ExecuteMsg) -> CosmosMsg {
    wasm(&m.governance, &msg, vec![])
}

pub fn stake(m: &Market, amount: u128) -> CosmosMsg {
    send_fair(m, &m.governance, amount, &governance::ReceiveMsg::Stake {})
}

pub fn unstake(m: &Market, amount: u128) -> CosmosMsg {
    gov(
        m,
        governance::ExecuteMsg::Unstake {
            amount: Uint128::new(amount),
        },
    )
}

pub fn claim_stake(m: &Market) -> CosmosMsg {
    gov(m, governance::ExecuteMsg::Claim {})
}

pub fn propose(m: &Market, deposit: u128, title: &str, msgs: Vec<CosmosMsg<Empty>>) -> CosmosMsg {
    send_fair(
        m,
        &m.governance,
        deposit,
        &governance::ReceiveMsg::Propose {
            title: title.into(),
            description: String::new(),
            msgs,
        },
    )
}

pub fn vote(m: &Market, proposal_id: u64, option: u8) -> CosmosMsg {
    let vote = match option % 4 {
        0 => governance::VoteOption::Yes,
        1 => governance::VoteOption::No,
        2 => governance::VoteOption::Abstain,
        _ => governance::VoteOption::Veto,
    };
    gov(m, governance::ExecuteMsg::Vote { proposal_id, vote })
}

pub fn execute_proposal(m: &Market, proposal_id: u64) -> CosmosMsg {
    gov(m, governance::ExecuteMsg::Execute { proposal_id })
}

pub fn close_proposal(m: &Market, proposal_id: u64) -> CosmosMsg {
    gov(m, governance::ExecuteMsg::CloseProposal { proposal_id })
}

pub fn guardian_veto(m: &Market, proposal_id: u64) -> CosmosMsg {
    gov(m, governance::ExecuteMsg::GuardianVeto { proposal_id })
}

pub struct GovTimes {
    pub voting_period: u64,
    pub timelock: u64,
    pub execution_window: u64,
    pub min_deposit: u128,
    pub unbonding_period: u64,
    /// `None`: `majority`; else `percent` with these bps.
    pub threshold_bps: Option<u16>,
    pub deposit_refund: governance::RefundPolicy,
}

pub fn gov_params(m: &Market, t: &GovTimes) -> CosmosMsg {
    let mut p = governance_params(&m.community);
    p.threshold = match t.threshold_bps {
        Some(b) => governance::Threshold::Percent(Bps::new(b).expect("bps")),
        None => governance::Threshold::Majority {},
    };
    p.deposit_refund = t.deposit_refund;
    p.voting_period = t.voting_period;
    p.timelock = t.timelock;
    p.execution_window = t.execution_window;
    p.min_deposit = Uint128::new(t.min_deposit);
    p.unbonding_period = cw_utils::Duration::Time(t.unbonding_period);
    gov(m, governance::ExecuteMsg::UpdateConfig { params: p })
}

pub fn gov_hooks(m: &Market, attach: bool) -> CosmosMsg {
    let d = vec![m.distributor.to_string()];
    let (add, remove) = if attach { (d, vec![]) } else { (vec![], d) };
    gov(m, governance::ExecuteMsg::UpdateHooks { add, remove })
}

pub fn gov_guardian(m: &Market, guardian: Option<&Addr>) -> CosmosMsg {
    gov(
        m,
        governance::ExecuteMsg::UpdateGuardian {
            guardian: guardian.map(|g| g.to_string()),
        },
    )
}

pub fn run_proposal(m: &Market, proposal_id: u64) -> CosmosMsg {
    gov(m, governance::ExecuteMsg::RunProposal { proposal_id })
}

pub fn check_solvency(m: &Market) -> CosmosMsg {
    gov(m, governance::ExecuteMsg::CheckSolvency {})
}

/// Migrate a contract to the code it already runs (wasm admin: governance).
pub fn migrate_same(contract: &Addr, code_id: u64) -> CosmosMsg {
    WasmMsg::Migrate {
        contract_addr: contract.to_string(),
        new_code_id: code_id,
        msg: to_json_binary(&escrow::MigrateMsg {}).expect("empty"),
    }
    .into()
}

// ---------- fee-distributor ----------

pub fn dist(m: &Market, msg: distributor::ExecuteMsg, funds: u128) -> CosmosMsg {
    wasm(&m.distributor, &msg, credits(funds))
}

pub fn fee_deposit(m: &Market, amount: u128) -> CosmosMsg {
    dist(m, distributor::ExecuteMsg::Deposit {}, amount)
}

pub fn claim_rewards(m: &Market) -> CosmosMsg {
    dist(
        m,
        distributor::ExecuteMsg::Claim {
            assets: None,
            recipient: None,
        },
        0,
    )
}

pub fn forged_weight(m: &Market, account: &Addr, new: u128) -> CosmosMsg {
    dist(
        m,
        distributor::ExecuteMsg::WeightChanged(WeightChange::new(
            account,
            Uint128::zero(),
            Uint128::new(new),
        )),
        0,
    )
}

pub fn dist_accept_credit(m: &Market, accept: bool) -> CosmosMsg {
    let (add, remove) = if accept {
        (vec![credit_asset()], vec![])
    } else {
        (vec![], vec![credit_asset()])
    };
    dist(m, distributor::ExecuteMsg::UpdateAssets { add, remove }, 0)
}

pub fn dist_recipients_to(m: &Market, address: &Addr) -> CosmosMsg {
    dist(
        m,
        distributor::ExecuteMsg::SetRecipients {
            recipients: vec![distributor::RecipientMsg {
                target: distributor::RecipientTargetMsg::Address {
                    address: address.to_string(),
                },
                weight: Bps::new(10_000).expect("bps"),
            }],
        },
        0,
    )
}

pub fn dist_add_pool(m: &Market, source: &Addr) -> CosmosMsg {
    dist(
        m,
        distributor::ExecuteMsg::AddPool {
            pool: distributor::PoolMsg {
                pool_id: "hostile".into(),
                source: source.to_string(),
                curve: fairgrid::curve::Curve::Linear,
            },
        },
        0,
    )
}

pub fn dist_owner(m: &Market, owner: &Addr) -> CosmosMsg {
    dist(
        m,
        distributor::ExecuteMsg::UpdateConfig {
            owner: Some(owner.to_string()),
            fallback: Some(owner.to_string()),
        },
        0,
    )
}

/// Governance's permissionless re-report of `account`'s pool weight.
pub fn gov_resync(m: &Market, account: &Addr) -> CosmosMsg {
    wasm(
        &m.governance,
        &governance::ExecuteMsg::ResyncWeight {
            account: account.to_string(),
            receiver: m.distributor.to_string(),
        },
        vec![],
    )
}

/// Owner-only messages of the identity registry, the distributor's pool and
/// asset administration, and governance's registry hook, sent by `h`.
pub fn registry_attesters(m: &Market, h: &Addr) -> CosmosMsg {
    wasm(
        &m.identity,
        &fairgrid::identity::ExecuteMsg::UpdateAttesters {
            add: vec![h.to_string()],
            remove: vec![],
        },
        vec![],
    )
}

pub fn registry_subscribers(m: &Market, h: &Addr) -> CosmosMsg {
    wasm(
        &m.identity,
        &fairgrid::identity::ExecuteMsg::UpdateSubscribers {
            add: vec![h.to_string()],
            remove: vec![m.governance.to_string()],
        },
        vec![],
    )
}

pub fn registry_config(m: &Market, h: &Addr) -> CosmosMsg {
    wasm(
        &m.identity,
        &fairgrid::identity::ExecuteMsg::UpdateConfig {
            owner: Some(h.to_string()),
            max_addresses: Some(10_000),
        },
        vec![],
    )
}

pub fn registry_expire(m: &Market, who: &Addr) -> CosmosMsg {
    wasm(
        &m.identity,
        &fairgrid::identity::ExecuteMsg::Expire {
            address: who.to_string(),
        },
        vec![],
    )
}

/// Governance's permissionless `report_expiry` of `who`'s recorded link.
pub fn report_expiry(m: &Market, who: &Addr) -> CosmosMsg {
    gov(
        m,
        governance::ExecuteMsg::ReportExpiry {
            address: who.to_string(),
        },
    )
}

/// The registry's owner-only `update_attesters`.
pub fn registry_update_attesters(m: &Market, add: &[&Addr], remove: &[&Addr]) -> CosmosMsg {
    let s = |v: &[&Addr]| v.iter().map(|a| a.to_string()).collect();
    wasm(
        &m.identity,
        &fairgrid::identity::ExecuteMsg::UpdateAttesters {
            add: s(add),
            remove: s(remove),
        },
        vec![],
    )
}

/// The registry's owner-only `update_subscribers`.
pub fn registry_update_subscribers(m: &Market, add: &[&Addr], remove: &[&Addr]) -> CosmosMsg {
    let s = |v: &[&Addr]| v.iter().map(|a| a.to_string()).collect();
    wasm(
        &m.identity,
        &fairgrid::identity::ExecuteMsg::UpdateSubscribers {
            add: s(add),
            remove: s(remove),
        },
        vec![],
    )
}

/// The registry's owner-only `update_config` handing the registry to
/// `owner`.
pub fn registry_owner(m: &Market, owner: &Addr) -> CosmosMsg {
    wasm(
        &m.identity,
        &fairgrid::identity::ExecuteMsg::UpdateConfig {
            owner: Some(owner.to_string()),
            max_addresses: None,
        },
        vec![],
    )
}

/// The registry's owner-only `update_config` of `max_addresses` alone.
pub fn registry_max_addresses(m: &Market, max_addresses: u32) -> CosmosMsg {
    wasm(
        &m.identity,
        &fairgrid::identity::ExecuteMsg::UpdateConfig {
            owner: None,
            max_addresses: Some(max_addresses),
        },
        vec![],
    )
}

/// Governance's self-only `update_identity_config`: the market's registry
/// or none, and the policy for stake without identity.
pub fn gov_identity(m: &Market, registry: bool, per_address: bool) -> CosmosMsg {
    gov(
        m,
        governance::ExecuteMsg::UpdateIdentityConfig {
            identity: governance::IdentityConfigMsg {
                registry: registry.then(|| m.identity.to_string()),
                unidentified: if per_address {
                    governance::UnidentifiedPolicy::PerAddress
                } else {
                    governance::UnidentifiedPolicy::LinearShare
                },
            },
        },
    )
}

pub fn forged_identity(m: &Market, h: &Addr) -> CosmosMsg {
    wasm(
        &m.governance,
        &governance::ExecuteMsg::IdentityChanged(fairgrid::identity::IdentityChange::new(
            h,
            None,
            Some(1),
            None,
        )),
        vec![],
    )
}

pub fn gov_identity_config(m: &Market) -> CosmosMsg {
    wasm(
        &m.governance,
        &governance::ExecuteMsg::UpdateIdentityConfig {
            identity: governance::IdentityConfigMsg {
                registry: None,
                unidentified: governance::UnidentifiedPolicy::PerAddress,
            },
        },
        vec![],
    )
}

pub fn dist_retire_credit(m: &Market) -> CosmosMsg {
    dist(
        m,
        distributor::ExecuteMsg::RetireAsset {
            asset: credit_asset(),
        },
        0,
    )
}

pub fn dist_update_pool(m: &Market, h: &Addr) -> CosmosMsg {
    dist(
        m,
        distributor::ExecuteMsg::UpdatePool {
            pool_id: crate::market::STAKERS_POOL.into(),
            source: Some(h.to_string()),
            curve: None,
        },
        0,
    )
}

pub fn dist_remove_pool(m: &Market) -> CosmosMsg {
    dist(
        m,
        distributor::ExecuteMsg::RemovePool {
            pool_id: crate::market::PROVIDERS_POOL.into(),
        },
        0,
    )
}

/// The distributor's owner-only `update_pool`.
pub fn dist_update_pool_to(
    m: &Market,
    pool: &str,
    source: Option<&Addr>,
    curve: Option<fairgrid::curve::Curve>,
) -> CosmosMsg {
    dist(
        m,
        distributor::ExecuteMsg::UpdatePool {
            pool_id: pool.into(),
            source: source.map(|s| s.to_string()),
            curve,
        },
        0,
    )
}

/// The distributor's owner-only `remove_pool`.
pub fn dist_remove_pool_id(m: &Market, pool: &str) -> CosmosMsg {
    dist(
        m,
        distributor::ExecuteMsg::RemovePool {
            pool_id: pool.into(),
        },
        0,
    )
}

/// The deployed recipient set, or (`providers` false) the same without the
/// providers pool, whose share goes to the stakers pool.
pub fn dist_recipients(m: &Market, providers: bool) -> CosmosMsg {
    use crate::market::{PROVIDERS_BPS, PROVIDERS_POOL, STAKERS_BPS, STAKERS_POOL, TREASURY_BPS};
    let pool = |id: &str, bps: u16| distributor::RecipientMsg {
        target: distributor::RecipientTargetMsg::Pool { pool_id: id.into() },
        weight: Bps::new(bps).expect("bps"),
    };
    let mut recipients = if providers {
        vec![
            pool(STAKERS_POOL, STAKERS_BPS),
            pool(PROVIDERS_POOL, PROVIDERS_BPS),
        ]
    } else {
        vec![pool(STAKERS_POOL, STAKERS_BPS + PROVIDERS_BPS)]
    };
    recipients.push(distributor::RecipientMsg {
        target: distributor::RecipientTargetMsg::Address {
            address: m.governance.to_string(),
        },
        weight: Bps::new(TREASURY_BPS).expect("bps"),
    });
    dist(m, distributor::ExecuteMsg::SetRecipients { recipients }, 0)
}

/// The distributor's owner-only `add_pool` of the providers pool, sourced
/// by the escrow, with `curve`.
pub fn dist_add_providers(m: &Market, curve: fairgrid::curve::Curve) -> CosmosMsg {
    dist(
        m,
        distributor::ExecuteMsg::AddPool {
            pool: distributor::PoolMsg {
                pool_id: crate::market::PROVIDERS_POOL.into(),
                source: m.escrow.to_string(),
                curve,
            },
        },
        0,
    )
}

pub fn q_dist_config() -> distributor::QueryMsg {
    distributor::QueryMsg::Config {}
}

pub fn q_identity_power(identity: u64, height: Option<u64>) -> governance::QueryMsg {
    governance::QueryMsg::IdentityPower { identity, height }
}

// ---------- queries ----------

pub fn q_solvency() -> escrow::QueryMsg {
    escrow::QueryMsg::Solvency {
        start_after: None,
        limit: Some(30),
    }
}

pub fn q_pending(who: &Addr) -> distributor::QueryMsg {
    distributor::QueryMsg::Pending {
        address: who.to_string(),
    }
}

pub fn q_member(pool: &str, who: &Addr) -> distributor::QueryMsg {
    distributor::QueryMsg::Member {
        pool_id: pool.into(),
        address: who.to_string(),
    }
}

pub fn q_pools() -> distributor::QueryMsg {
    distributor::QueryMsg::Pools {
        start_after: None,
        limit: None,
    }
}

pub fn q_reconciliation() -> distributor::QueryMsg {
    distributor::QueryMsg::Reconciliation {
        asset: credit_asset(),
    }
}

pub fn q_power(who: &Addr, height: Option<u64>) -> governance::QueryMsg {
    governance::QueryMsg::VotingPower {
        address: who.to_string(),
        height,
    }
}

pub fn q_total_power(height: Option<u64>) -> governance::QueryMsg {
    governance::QueryMsg::TotalPower { height }
}

pub fn q_proposal(proposal_id: u64) -> governance::QueryMsg {
    governance::QueryMsg::Proposal { proposal_id }
}

pub fn q_metrics() -> governance::QueryMsg {
    governance::QueryMsg::Metrics {}
}
