//! Issue 12: no payout waits on a third party, collateral stays until its
//! last risk ends, the renter's agreed price holds, one dispute never fails a
//! batch, and the optional dispute bond. Each numbered input of the issue is
//! one test here, on the market as `Market::deploy` wires it (fee 2.5 %,
//! settlement delay 1 h, unbonding 7 d, credits in uusdc, FAIR collateral).
//! Governance messages are sent as governance (its proposal path is
//! story's subject); invariants are checked after every step.

use cosmwasm_std::{Addr, Coin, Uint128};
use cw_multi_test::{AppResponse, Executor};
use fairgrid::bps::Bps;
use fairgrid::{distributor, escrow, AssetInfo, AssetInfoUnchecked};
use fairgrid_compute_escrow::ContractError as EscrowError;
use fairgrid_multitest::market::{Market, CREDIT, DAY, FAIR, HOUR};
use fairgrid_testing::{wasm_attr, wasm_attrs, Snapshot};

const PRICE: u128 = 3_600_000;

struct Cast {
    provider: Addr,
    renter: Addr,
    anyone: Addr,
}

fn setup() -> (Market, Cast) {
    let api = cosmwasm_std::testing::MockApi::default();
    let c = Cast {
        provider: api.addr_make("provider"),
        renter: api.addr_make("renter"),
        anyone: api.addr_make("anyone"),
    };
    let mut m = Market::deploy(
        &[(&c.provider, 1_000 * FAIR)],
        &[(&c.renter, 100_000_000), (&c.anyone, 1_000)],
    );
    let escrow = m.escrow.clone();
    m.send_fair(
        &c.provider,
        &escrow,
        100 * FAIR,
        &escrow::ReceiveMsg::RegisterProvider {
            metadata: escrow::ProviderMetadata {
                name: "rack".into(),
                contact: None,
            },
        },
    )
    .unwrap();
    ok(
        &mut m,
        &c.provider.clone(),
        &escrow::ExecuteMsg::CreateOffer {
            offer: escrow::OfferParams {
                gpu_model: "H100".into(),
                gpu_count: 8,
                memory_gib: 80,
                region: "eu-west".into(),
                asset: AssetInfoUnchecked::native(CREDIT),
                price_per_hour: Uint128::new(PRICE),
                min_duration: 60,
                max_duration: 7 * DAY,
                slots: 5,
            },
        },
        &[],
    );
    (m, c)
}

fn exec(
    m: &mut Market,
    who: &Addr,
    msg: &escrow::ExecuteMsg,
    funds: &[Coin],
) -> anyhow::Result<AppResponse> {
    let escrow = m.escrow.clone();
    m.app.execute_contract(who.clone(), escrow, msg, funds)
}

fn ok(m: &mut Market, who: &Addr, msg: &escrow::ExecuteMsg, funds: &[Coin]) -> AppResponse {
    let res = exec(m, who, msg, funds).unwrap_or_else(|e| panic!("{msg:?}: {e:?}"));
    m.check_invariants();
    res
}

/// Everything a refusal must leave alone: the escrow's and the
/// distributor's raw storage and the parties' balances.
fn refused(m: &mut Market, who: &Addr, msg: &escrow::ExecuteMsg, funds: &[Coin]) -> anyhow::Error {
    fairgrid_testing::refused(m, |m| exec(m, who, msg, funds))
}

fn escrow_err(e: anyhow::Error) -> EscrowError {
    fairgrid_testing::downcast(e)
}

fn open(m: &mut Market, renter: &Addr, duration: u64, max_price: u128) -> u64 {
    let res = ok(
        m,
        renter,
        &escrow::ExecuteMsg::OpenLease {
            offer_id: 1,
            duration,
            max_price_per_hour: Uint128::new(max_price),
        },
        // the renter pays what it agreed to: the reservation at that price
        &Market::credits(max_price * duration as u128 / HOUR as u128),
    );
    wasm_attr(&res, "lease_id").parse().unwrap()
}

fn as_governance_on_distributor(m: &mut Market, msg: &distributor::ExecuteMsg) {
    let (gov, dist) = (m.governance.clone(), m.distributor.clone());
    m.app.execute_contract(gov, dist, msg, &[]).unwrap();
    m.check_invariants();
}

fn as_governance(m: &mut Market, msg: &escrow::ExecuteMsg) -> anyhow::Result<AppResponse> {
    let gov = m.governance.clone();
    exec(m, &gov, msg, &[])
}

fn set_delays(settlement: Option<u64>, unbonding: Option<u64>) -> escrow::ExecuteMsg {
    escrow::ExecuteMsg::UpdateConfig(escrow::ConfigUpdate {
        settlement_delay: settlement,
        unbonding_delay: unbonding,
        ..Default::default()
    })
}

fn solvency(m: &Market) -> escrow::AssetSolvency {
    let r: escrow::SolvencyResponse = m
        .app
        .wrap()
        .query_wasm_smart(
            &m.escrow,
            &escrow::QueryMsg::Solvency {
                start_after: None,
                limit: None,
            },
        )
        .unwrap();
    r.assets
        .into_iter()
        .find(|a| a.asset == AssetInfo::native(CREDIT))
        .expect("uusdc is owed")
}

fn credits_of(m: &Market, who: &Addr, asset: &AssetInfo) -> u128 {
    let r: escrow::CreditsResponse = m
        .app
        .wrap()
        .query_wasm_smart(
            &m.escrow,
            &escrow::QueryMsg::Credits {
                account: who.to_string(),
                start_after: None,
                limit: None,
            },
        )
        .unwrap();
    r.credits
        .into_iter()
        .find(|a| a.info == *asset)
        .map(|a| a.amount.u128())
        .unwrap_or_default()
}

fn provider_info(m: &Market, who: &Addr) -> escrow::ProviderResponse {
    m.app
        .wrap()
        .query_wasm_smart(
            &m.escrow,
            &escrow::QueryMsg::Provider {
                address: who.to_string(),
            },
        )
        .unwrap()
}

fn forward() -> escrow::ExecuteMsg {
    escrow::ExecuteMsg::ForwardFees {
        assets: vec![AssetInfoUnchecked::native(CREDIT)],
    }
}

fn stop_accepting_uusdc(m: &mut Market) {
    as_governance_on_distributor(
        m,
        &distributor::ExecuteMsg::UpdateAssets {
            add: vec![],
            remove: vec![AssetInfoUnchecked::native(CREDIT)],
        },
    );
}

// ---------- 1. a payout depends on the fee collector ----------

#[test]
fn a_claim_pays_the_provider_while_the_collector_refuses_the_asset() {
    let (mut m, c) = setup();
    let lease = open(&mut m, &c.renter, HOUR, PRICE);
    m.advance(HOUR / 2);
    stop_accepting_uusdc(&mut m);
    m.advance(HOUR + HOUR / 2);

    let res = ok(
        &mut m,
        &c.provider.clone(),
        &escrow::ExecuteMsg::ClaimEarnings {
            lease_ids: vec![lease],
        },
        &[],
    );
    assert_eq!(wasm_attr(&res, "net"), "3510000");
    assert_eq!(wasm_attr(&res, "fee"), "90000");
    assert_eq!(m.credit_balance(&c.provider), 3_510_000);
    // the fee stays owed to the collector, counted by solvency
    let s = solvency(&m);
    assert_eq!(s.fees_owed.u128(), 90_000);
    assert_eq!((s.owed.u128(), s.held.u128()), (90_000, 90_000));

    // forwarding is the only step that needs the collector; it fails alone
    let anyone = c.anyone.clone();
    let err = refused(&mut m, &anyone, &forward(), &[]);
    assert!(
        format!("{err:?}").contains("sent denom uusdc, expected one coin of"),
        "{err:?}"
    );
    // once the distributor takes uusdc again, anyone forwards the fee
    as_governance_on_distributor(
        &mut m,
        &distributor::ExecuteMsg::UpdateAssets {
            add: vec![AssetInfoUnchecked::native(CREDIT)],
            remove: vec![],
        },
    );
    let res = ok(&mut m, &anyone, &forward(), &[]);
    assert_eq!(wasm_attr(&res, "forwarded"), "90000");
    assert_eq!(m.reconciliation().received.u128(), 90_000);
    assert_eq!(m.credit_balance(&m.escrow), 0);
    assert_eq!(solvency(&m).fees_owed.u128(), 0);
    assert_eq!(m.credit_balance(&c.renter), 100_000_000 - PRICE);
}

#[test]
fn a_ruling_pays_the_provider_and_frees_collateral_while_the_collector_refuses_the_asset() {
    let (mut m, c) = setup();
    let (provider, renter) = (c.provider.clone(), c.renter.clone());
    let lease = open(&mut m, &renter, HOUR, PRICE);
    m.advance(HOUR / 2);
    ok(
        &mut m,
        &renter,
        &escrow::ExecuteMsg::OpenDispute {
            lease_id: lease,
            reason: "GPUs never came up".into(),
        },
        &[],
    );
    stop_accepting_uusdc(&mut m);

    // half of the 1,800,000 accrued to the provider: fee ceil(2.5 %) = 22,500
    as_governance(
        &mut m,
        &escrow::ExecuteMsg::ResolveDispute {
            lease_id: lease,
            provider_share: Bps::new(5_000).unwrap(),
            slash: Uint128::zero(),
        },
    )
    .unwrap();
    m.check_invariants();
    assert_eq!(m.credit_balance(&provider), 877_500);
    assert_eq!(
        credits_of(&m, &renter, &AssetInfo::native(CREDIT)),
        900_000 + 1_800_000
    );
    assert_eq!(solvency(&m).fees_owed.u128(), 22_500);

    // no dispute is left open: the collateral leaves after unbonding
    ok(
        &mut m,
        &provider,
        &escrow::ExecuteMsg::CloseOffer { offer_id: 1 },
        &[],
    );
    ok(
        &mut m,
        &provider,
        &escrow::ExecuteMsg::RequestCollateralWithdrawal {
            amount: Uint128::new(100 * FAIR),
        },
        &[],
    );
    m.advance(7 * DAY);
    let before = m.fair_balance(&provider);
    ok(
        &mut m,
        &provider,
        &escrow::ExecuteMsg::WithdrawCollateral {},
        &[],
    );
    assert_eq!(m.fair_balance(&provider) - before, 100 * FAIR);
}

// ---------- 2. collateral leaves before the dispute window closes ----------

#[test]
fn config_refuses_an_unbonding_delay_shorter_than_the_settlement_delay() {
    let (mut m, _) = setup();
    let refused_with = |m: &mut Market, msg, unbonding, settlement| {
        let err = escrow_err(as_governance(m, &msg).unwrap_err());
        assert_eq!(
            err,
            EscrowError::UnbondingShorterThanSettlement {
                unbonding_delay: unbonding,
                settlement_delay: settlement,
            }
        );
    };
    // the inputs: 8 d window with 7 d unbonding; 1 h window, no unbonding
    refused_with(&mut m, set_delays(Some(8 * DAY), None), 7 * DAY, 8 * DAY);
    refused_with(&mut m, set_delays(None, Some(0)), 0, HOUR);
    // checked jointly: both in one update pass, and each alone is checked
    // against the other's stored value
    as_governance(&mut m, &set_delays(Some(8 * DAY), Some(8 * DAY))).unwrap();
    refused_with(&mut m, set_delays(None, Some(7 * DAY)), 7 * DAY, 8 * DAY);
    as_governance(&mut m, &set_delays(Some(0), Some(0))).unwrap();
    let cfg: escrow::ConfigResponse = m
        .app
        .wrap()
        .query_wasm_smart(&m.escrow, &escrow::QueryMsg::Config {})
        .unwrap();
    assert_eq!((cfg.settlement_delay, cfg.unbonding_delay), (0, 0));
}

#[test]
fn collateral_stays_slashable_until_every_lease_window_closes() {
    let (mut m, c) = setup();
    let (provider, renter) = (c.provider.clone(), c.renter.clone());
    // an 8 day window is accepted with an 8 day unbonding
    as_governance(&mut m, &set_delays(Some(8 * DAY), Some(8 * DAY))).unwrap();
    let t0 = m.app.block_info().time.seconds();
    let lease = open(&mut m, &renter, HOUR, PRICE);
    // the provider stops after 10 minutes and closes its offer
    m.advance(600);
    ok(
        &mut m,
        &provider,
        &escrow::ExecuteMsg::CloseLease { lease_id: lease },
        &[],
    );
    ok(
        &mut m,
        &provider,
        &escrow::ExecuteMsg::CloseOffer { offer_id: 1 },
        &[],
    );
    // governance shortens both delays again: the open lease keeps its 8 days
    as_governance(&mut m, &set_delays(Some(HOUR), Some(HOUR))).unwrap();
    let liable_until = t0 + HOUR + 8 * DAY;
    assert_eq!(provider_info(&m, &provider).liable_until, liable_until);
    ok(
        &mut m,
        &provider,
        &escrow::ExecuteMsg::RequestCollateralWithdrawal {
            amount: Uint128::new(100 * FAIR),
        },
        &[],
    );
    // day 7: unbonding is over, the lease's window is not
    m.advance(7 * DAY - 600);
    let now = m.app.block_info().time.seconds();
    let err = refused(
        &mut m,
        &provider,
        &escrow::ExecuteMsg::WithdrawCollateral {},
        &[],
    );
    assert_eq!(
        escrow_err(err),
        EscrowError::CollateralLiable { liable_until, now }
    );
    // the renter disputes inside its window; the arbiter slashes 50 FAIR
    ok(
        &mut m,
        &renter,
        &escrow::ExecuteMsg::OpenDispute {
            lease_id: lease,
            reason: "stopped after 10 minutes".into(),
        },
        &[],
    );
    as_governance(
        &mut m,
        &escrow::ExecuteMsg::ResolveDispute {
            lease_id: lease,
            provider_share: Bps::new(10_000).unwrap(),
            slash: Uint128::new(50 * FAIR),
        },
    )
    .unwrap();
    m.check_invariants();
    let fair = AssetInfo::Cw20(m.token.clone());
    assert_eq!(credits_of(&m, &renter, &fair), 50 * FAIR);
    let p = provider_info(&m, &provider);
    assert_eq!((p.collateral.u128(), p.unbonding.u128()), (0, 50 * FAIR));
    // renters see it: one lease of 10 minutes, one dispute, lost, 50 FAIR
    let r = p.track_record;
    assert_eq!((r.leases_served, r.seconds_delivered), (1, 600));
    assert_eq!((r.disputes_raised, r.disputes_lost), (1, 1));
    assert_eq!(r.slashed.u128(), 50 * FAIR);
    // the rest leaves once the window has closed
    m.advance(liable_until - m.app.block_info().time.seconds());
    let before = m.fair_balance(&provider);
    ok(
        &mut m,
        &provider,
        &escrow::ExecuteMsg::WithdrawCollateral {},
        &[],
    );
    assert_eq!(m.fair_balance(&provider) - before, 50 * FAIR);
    let token = m.token.to_string();
    ok(
        &mut m,
        &renter,
        &escrow::ExecuteMsg::Withdraw {
            asset: AssetInfoUnchecked::cw20(token),
            amount: Uint128::new(50 * FAIR),
            recipient: None,
        },
        &[],
    );
    assert_eq!(m.fair_balance(&renter), 50 * FAIR);
    assert_eq!(m.fair_balance(&m.escrow), 0);
}

// ---------- 3. price changed under the renter ----------

#[test]
fn open_lease_refuses_a_price_raised_in_the_renters_block() {
    let (mut m, c) = setup();
    let (provider, renter) = (c.provider.clone(), c.renter.clone());
    ok(
        &mut m,
        &provider,
        &escrow::ExecuteMsg::UpdateOfferPrice {
            offer_id: 1,
            price_per_hour: Uint128::new(2 * PRICE),
        },
        &[],
    );
    let agreed = escrow::ExecuteMsg::OpenLease {
        offer_id: 1,
        duration: HOUR,
        max_price_per_hour: Uint128::new(PRICE),
    };
    let above = EscrowError::PriceAboveAgreed {
        offer_id: 1,
        price: Uint128::new(2 * PRICE),
        max_price_per_hour: Uint128::new(PRICE),
    };
    // paid with funds (any amount) or from credits: refused, nothing moves
    for funds in [Market::credits(PRICE), Market::credits(2 * PRICE)] {
        let err = refused(&mut m, &renter, &agreed, &funds);
        assert_eq!(escrow_err(err), above);
    }
    ok(
        &mut m,
        &renter,
        &escrow::ExecuteMsg::Deposit { beneficiary: None },
        &Market::credits(2 * PRICE),
    );
    assert_eq!(escrow_err(refused(&mut m, &renter, &agreed, &[])), above);
    assert_eq!(
        credits_of(&m, &renter, &AssetInfo::native(CREDIT)),
        2 * PRICE
    );
    // at the new price, agreed, it opens; an extension states it again
    let lease = open(&mut m, &renter, HOUR, 2 * PRICE);
    let extend = escrow::ExecuteMsg::ExtendLease {
        lease_id: lease,
        extra: HOUR,
        max_price_per_hour: Uint128::new(PRICE),
    };
    assert_eq!(escrow_err(refused(&mut m, &renter, &extend, &[])), above);
    ok(
        &mut m,
        &renter,
        &escrow::ExecuteMsg::ExtendLease {
            lease_id: lease,
            extra: HOUR,
            max_price_per_hour: Uint128::new(2 * PRICE),
        },
        &[],
    );
    assert_eq!(credits_of(&m, &renter, &AssetInfo::native(CREDIT)), 0);
    assert_eq!(m.credit_balance(&renter), 100_000_000 - 4 * PRICE);
}

// ---------- 4. one dispute fails a batch ----------

#[test]
fn one_disputed_lease_does_not_fail_a_batched_claim() {
    let (mut m, c) = setup();
    let (provider, renter) = (c.provider.clone(), c.renter.clone());
    let ids: Vec<u64> = (0..3).map(|_| open(&mut m, &renter, HOUR, PRICE)).collect();
    m.advance(600);
    ok(
        &mut m,
        &renter,
        &escrow::ExecuteMsg::OpenDispute {
            lease_id: ids[1],
            reason: "slow".into(),
        },
        &[],
    );
    m.advance(2 * HOUR);
    let res = ok(
        &mut m,
        &provider,
        &escrow::ExecuteMsg::ClaimEarnings {
            lease_ids: ids.clone(),
        },
        &[],
    );
    assert_eq!(m.credit_balance(&provider), 2 * 3_510_000);
    assert_eq!(wasm_attrs(&res, "skipped"), vec![ids[1].to_string()]);
    assert_eq!(
        wasm_attrs(&res, "skip_reason"),
        vec!["disputed".to_string()]
    );
    assert_eq!(
        wasm_attrs(&res, "lease_id"),
        vec![ids[0].to_string(), ids[2].to_string()]
    );
    assert_eq!(solvency(&m).fees_owed.u128(), 2 * 90_000);
    // the disputed lease's reservation stays whole for the arbiter
    let s = solvency(&m);
    assert_eq!(s.owed.u128(), 2 * 90_000 + PRICE);
}

// ---------- dispute bond ----------

fn bond_market(bond_bps: u16) -> (Market, Cast, u64) {
    let (mut m, c) = setup();
    as_governance(
        &mut m,
        &escrow::ExecuteMsg::UpdateConfig(escrow::ConfigUpdate {
            dispute_bond: Some(Bps::new(bond_bps).unwrap()),
            ..Default::default()
        }),
    )
    .unwrap();
    let renter = c.renter.clone();
    let lease = open(&mut m, &renter, HOUR, PRICE);
    ok(
        &mut m,
        &renter,
        &escrow::ExecuteMsg::Deposit { beneficiary: None },
        &Market::credits(400_000),
    );
    m.advance(HOUR / 2);
    let res = ok(
        &mut m,
        &renter,
        &escrow::ExecuteMsg::OpenDispute {
            lease_id: lease,
            reason: "flaky".into(),
        },
        &[],
    );
    // 10 % of the 3,600,000 reservation, from the renter's free credits
    assert_eq!(wasm_attr(&res, "bond"), "360000");
    assert_eq!(credits_of(&m, &renter, &AssetInfo::native(CREDIT)), 40_000);
    (m, c, lease)
}

fn resolve(m: &mut Market, lease: u64, share: u16) {
    as_governance(
        m,
        &escrow::ExecuteMsg::ResolveDispute {
            lease_id: lease,
            provider_share: Bps::new(share).unwrap(),
            slash: Uint128::zero(),
        },
    )
    .unwrap();
    m.check_invariants();
}

#[test]
fn a_dispute_bond_returns_to_a_renter_the_ruling_gives_anything() {
    let (mut m, c, lease) = bond_market(1_000);
    resolve(&mut m, lease, 9_000);
    // 10 % of the 1,800,000 accrued + the 1,800,000 unused + the bond back
    assert_eq!(
        credits_of(&m, &c.renter, &AssetInfo::native(CREDIT)),
        40_000 + 180_000 + 1_800_000 + 360_000
    );
    assert_eq!(credits_of(&m, &c.provider, &AssetInfo::native(CREDIT)), 0);
}

#[test]
fn a_dispute_bond_goes_to_the_provider_when_the_renter_gets_nothing() {
    let (mut m, c, lease) = bond_market(1_000);
    resolve(&mut m, lease, 10_000);
    assert_eq!(
        credits_of(&m, &c.renter, &AssetInfo::native(CREDIT)),
        40_000 + 1_800_000
    );
    assert_eq!(
        credits_of(&m, &c.provider, &AssetInfo::native(CREDIT)),
        360_000
    );
    // 1,800,000 gross, fee 45,000, paid at once; the bond waits as credits
    assert_eq!(m.credit_balance(&c.provider), 1_755_000);
}

#[test]
fn a_dispute_bond_the_renter_cannot_post_refuses_the_dispute() {
    let (mut m, c) = setup();
    as_governance(
        &mut m,
        &escrow::ExecuteMsg::UpdateConfig(escrow::ConfigUpdate {
            dispute_bond: Some(Bps::new(1_000).unwrap()),
            ..Default::default()
        }),
    )
    .unwrap();
    let renter = c.renter.clone();
    let lease = open(&mut m, &renter, HOUR, PRICE);
    let err = refused(
        &mut m,
        &renter,
        &escrow::ExecuteMsg::OpenDispute {
            lease_id: lease,
            reason: "flaky".into(),
        },
        &[],
    );
    assert_eq!(
        escrow_err(err),
        EscrowError::InsufficientCredits {
            asset: AssetInfo::native(CREDIT).to_string(),
            available: Uint128::zero(),
            requested: Uint128::new(360_000),
        }
    );
    let err = escrow_err(
        as_governance(
            &mut m,
            &escrow::ExecuteMsg::UpdateConfig(escrow::ConfigUpdate {
                dispute_bond: Some(Bps::new(5_001).unwrap()),
                ..Default::default()
            }),
        )
        .unwrap_err(),
    );
    assert_eq!(
        err,
        EscrowError::DisputeBondAboveMax {
            bond: 5_001,
            max: 5_000
        }
    );
}

// ---------- 1, past the distributor's ten slots: retirement ----------

/// The distributor's slot for uusdc retires once its pools owe nothing in
/// it; meanwhile and afterwards the escrow pays every party and keeps the
/// fee owed, and accepting uusdc again lets anyone forward it.
#[test]
fn the_distributor_retires_a_fee_asset_slot_once_nothing_is_owed_while_the_escrow_keeps_fees_owed()
{
    let (mut m, c) = setup();
    let (provider, renter, anyone) = (c.provider.clone(), c.renter.clone(), c.anyone.clone());
    let lease = open(&mut m, &renter, HOUR, PRICE);
    m.advance(2 * HOUR);
    ok(
        &mut m,
        &provider,
        &escrow::ExecuteMsg::ClaimEarnings {
            lease_ids: vec![lease],
        },
        &[],
    );
    // 90,000 forwarded: stakers' 45,000 to the fallback (no stakers),
    // treasury 18,000, the providers pool 27,000 owed to the provider
    ok(&mut m, &anyone, &forward(), &[]);
    assert_eq!(m.reconciliation().owed.u128(), 27_000);
    let (gov, dist) = (m.governance.clone(), m.distributor.clone());
    let retire = distributor::ExecuteMsg::RetireAsset {
        asset: AssetInfoUnchecked::native(CREDIT),
    };
    stop_accepting_uusdc(&mut m);
    let before = Snapshot::of(&m.app);
    let err = m
        .app
        .execute_contract(gov.clone(), dist.clone(), &retire, &[])
        .unwrap_err();
    assert_eq!(
        err.downcast::<fairgrid_fee_distributor::ContractError>()
            .unwrap(),
        fairgrid_fee_distributor::ContractError::AssetStillOwed {
            asset: format!("native:{CREDIT}"),
            owed: Uint128::new(27_000),
            carried: Uint128::zero(),
        }
    );
    fairgrid_testing::assert_unchanged(&before, &Snapshot::of(&m.app), "the refused step");
    // the provider takes its pool share: nothing is owed, the slot retires
    m.app
        .execute_contract(
            provider.clone(),
            dist.clone(),
            &distributor::ExecuteMsg::Claim {
                assets: None,
                recipient: None,
            },
            &[],
        )
        .unwrap();
    assert_eq!(m.credit_balance(&provider), 3_510_000 + 27_000);
    as_governance_on_distributor(&mut m, &retire);
    let cfg: distributor::ConfigResponse = m
        .app
        .wrap()
        .query_wasm_smart(&dist, &distributor::QueryMsg::Config {})
        .unwrap();
    assert!(cfg.assets[0].retired && !cfg.assets[0].accepted);

    // a second lease: the provider is paid in full, the fee stays owed
    let lease = open(&mut m, &renter, HOUR, PRICE);
    m.advance(2 * HOUR);
    let res = ok(
        &mut m,
        &provider,
        &escrow::ExecuteMsg::ClaimEarnings {
            lease_ids: vec![lease],
        },
        &[],
    );
    assert_eq!(wasm_attr(&res, "net"), "3510000");
    assert_eq!(m.credit_balance(&provider), 2 * 3_510_000 + 27_000);
    refused(&mut m, &anyone, &forward(), &[]);
    let s = solvency(&m);
    assert_eq!(
        (s.fees_owed.u128(), s.owed.u128(), s.held.u128()),
        (90_000, 90_000, 90_000)
    );
    // uusdc accepted again takes back its own slot; the fee reaches it
    as_governance_on_distributor(
        &mut m,
        &distributor::ExecuteMsg::UpdateAssets {
            add: vec![AssetInfoUnchecked::native(CREDIT)],
            remove: vec![],
        },
    );
    let res = ok(&mut m, &anyone, &forward(), &[]);
    assert_eq!(wasm_attr(&res, "forwarded"), "90000");
    let rec = m.reconciliation();
    assert_eq!((rec.received.u128(), rec.owed.u128()), (90_000, 27_000));
    assert_eq!(m.credit_balance(&m.escrow), 0);
}

// ---------- sponsor grants ----------

/// A sponsor funds a research team's compute: the team's lease is paid from
/// the sponsor's credits; the unused part returns to the sponsor, never to
/// the team; past the limit, after revocation, the grant pays nothing.
#[test]
fn a_sponsor_grant_pays_a_teams_lease_and_the_unused_credit_returns_to_the_sponsor() {
    let (mut m, c) = setup();
    let (provider, sponsor) = (c.provider.clone(), c.renter.clone());
    let team = m.addr("research-team");
    ok(
        &mut m,
        &sponsor,
        &escrow::ExecuteMsg::Deposit { beneficiary: None },
        &Market::credits(10_000_000),
    );
    let res = ok(
        &mut m,
        &sponsor,
        &escrow::ExecuteMsg::CreateGrant {
            grantee: team.to_string(),
            asset: AssetInfoUnchecked::native(CREDIT),
            limit: Uint128::new(2 * PRICE),
            expires: None,
        },
        &[],
    );
    let grant_id: u64 = wasm_attr(&res, "grant_id").parse().unwrap();
    let open = |duration| escrow::ExecuteMsg::OpenLeaseFromGrant {
        grant_id,
        offer_id: 1,
        duration,
        max_price_per_hour: Uint128::new(PRICE),
    };
    let res = ok(&mut m, &team, &open(HOUR), &[]);
    let lease: u64 = wasm_attr(&res, "lease_id").parse().unwrap();
    let credit = AssetInfo::native(CREDIT);
    assert_eq!(credits_of(&m, &sponsor, &credit), 10_000_000 - PRICE);
    // 1 h 30 min more would pass the 2 h limit
    let err = escrow_err(refused(&mut m, &team, &open(HOUR + HOUR / 2), &[]));
    assert_eq!(
        err,
        EscrowError::GrantLimitExceeded {
            grant_id,
            limit: Uint128::new(2 * PRICE),
            spent: Uint128::new(PRICE),
            requested: Uint128::new(PRICE * 3 / 2),
        }
    );
    // the team stops after 20 minutes: 2,400,000 back to the sponsor
    m.advance(HOUR / 3);
    let res = ok(
        &mut m,
        &team,
        &escrow::ExecuteMsg::CloseLease { lease_id: lease },
        &[],
    );
    assert_eq!(wasm_attr(&res, "refund"), "2400000");
    assert_eq!(wasm_attr(&res, "refund_to"), sponsor.to_string());
    assert_eq!(credits_of(&m, &sponsor, &credit), 10_000_000 - 1_200_000);
    assert_eq!(credits_of(&m, &team, &credit), 0);
    ok(
        &mut m,
        &sponsor,
        &escrow::ExecuteMsg::RevokeGrant { grant_id },
        &[],
    );
    let err = escrow_err(refused(&mut m, &team, &open(600), &[]));
    assert_eq!(err, EscrowError::GrantRevoked { grant_id });
    // the provider is paid the 20 minutes: 1,200,000 less 30,000 fee
    m.advance(HOUR);
    ok(
        &mut m,
        &provider,
        &escrow::ExecuteMsg::ClaimEarnings {
            lease_ids: vec![lease],
        },
        &[],
    );
    assert_eq!(m.credit_balance(&provider), 1_170_000);
    assert_eq!(m.credit_balance(&team), 0);
    let s = solvency(&m);
    assert_eq!(
        (s.owed.u128(), s.fees_owed.u128()),
        (8_800_000 + 30_000, 30_000)
    );
}
