//! Fee pools that cannot be farmed by splitting stake (issue 10, item 3):
//! governance reports 0 below `min_stake`, and the deployed stakers pool is
//! linear, so no split of a stake over addresses earns more than the unsplit
//! stake. The providers pool weighs service (protocol fees paid on a
//! provider's leases), not collateral. Exact payouts through the deployed
//! market.

use cosmwasm_std::{Addr, DepsMut, Empty, Env, MessageInfo, Response, StdError, Uint128};
use cw_multi_test::{AppResponse, Contract, ContractWrapper, Executor};
use fairgrid::{distributor, escrow, governance};
use fairgrid_multitest::market::{Market, CREDIT, FAIR, HOUR, PROVIDERS_POOL, STAKERS_POOL};
use fairgrid_testing::wasm_attr as attr;

fn stake(m: &mut Market, who: &Addr, amount: u128) {
    let gov = m.governance.clone();
    m.send_fair(who, &gov, amount, &governance::ReceiveMsg::Stake {})
        .unwrap();
    m.check_invariants();
}

/// Deposits `amount` credits as fees (stakers get 50 %).
fn deposit_fees(m: &mut Market, payer: &Addr, amount: u128) {
    let dist = m.distributor.clone();
    m.app
        .execute_contract(
            payer.clone(),
            dist,
            &distributor::ExecuteMsg::Deposit {},
            &Market::credits(amount),
        )
        .unwrap();
    m.check_invariants();
}

fn member(m: &Market, who: &Addr) -> distributor::MemberResponse {
    pool_member(m, STAKERS_POOL, who)
}

fn pool_member(m: &Market, pool_id: &str, who: &Addr) -> distributor::MemberResponse {
    m.app
        .wrap()
        .query_wasm_smart(
            &m.distributor,
            &distributor::QueryMsg::Member {
                pool_id: pool_id.into(),
                address: who.to_string(),
            },
        )
        .unwrap()
}

fn stakers_pool_total(m: &Market) -> Uint128 {
    pool_total(m, STAKERS_POOL)
}

fn pool_total(m: &Market, pool_id: &str) -> Uint128 {
    let pools: distributor::PoolsResponse = m
        .app
        .wrap()
        .query_wasm_smart(
            &m.distributor,
            &distributor::QueryMsg::Pools {
                start_after: None,
                limit: None,
            },
        )
        .unwrap();
    pools
        .pools
        .into_iter()
        .find(|p| p.pool_id == pool_id)
        .unwrap()
        .total_weight
}

fn pending_credit(m: &Market, who: &Addr) -> u128 {
    pending_in(m, STAKERS_POOL, who)
}

fn pending_in(m: &Market, pool_id: &str, who: &Addr) -> u128 {
    let p = pool_member(m, pool_id, who).pending;
    assert_eq!(p.len(), 1, "one known asset");
    p[0].amount.u128()
}

fn claim(m: &mut Market, who: &Addr) {
    let dist = m.distributor.clone();
    m.app
        .execute_contract(
            who.clone(),
            dist,
            &distributor::ExecuteMsg::Claim {
                assets: None,
                recipient: None,
            },
            &[],
        )
        .unwrap();
    m.check_invariants();
}

#[test]
fn one_fair_split_into_100_dust_accounts_earns_nothing_in_the_stakers_pool() {
    let api = cosmwasm_std::testing::MockApi::default();
    let honest = api.addr_make("honest");
    let splitter = api.addr_make("splitter");
    let payer = api.addr_make("payer");
    let dust: Vec<Addr> = (0..100)
        .map(|i| api.addr_make(&format!("dust{i}")))
        .collect();
    let mut m = Market::deploy(&[(&honest, FAIR), (&splitter, FAIR)], &[(&payer, 10_000)]);
    // the splitter moves its 1 FAIR into 100 accounts of 0.01 FAIR each
    for d in &dust {
        let token = m.token.clone();
        m.app
            .execute_contract(
                splitter.clone(),
                token,
                &cw20::Cw20ExecuteMsg::Transfer {
                    recipient: d.to_string(),
                    amount: Uint128::new(FAIR / 100),
                },
                &[],
            )
            .unwrap();
        stake(&mut m, d, FAIR / 100);
        assert_eq!(member(&m, d).weight, Uint128::zero(), "dust has no weight");
    }
    assert_eq!(m.fair_balance(&splitter), 0);
    // the honest holder stakes 1 FAIR (= min_stake) in one account
    stake(&mut m, &honest, FAIR);
    assert_eq!(member(&m, &honest).weight, Uint128::new(FAIR));
    assert_eq!(stakers_pool_total(&m), Uint128::new(FAIR));

    deposit_fees(&mut m, &payer, 10_000);
    // the stakers' 50 % goes entirely to the one account at or above min_stake
    assert_eq!(pending_credit(&m, &honest), 5_000);
    for d in &dust {
        assert_eq!(pending_credit(&m, d), 0);
    }
    claim(&mut m, &honest);
    assert_eq!(m.credit_balance(&honest), 5_000);
    let rec = m.reconciliation();
    assert_eq!(rec.received.u128(), 10_000);
    assert_eq!(rec.paid.u128(), 5_000);
    assert_eq!(rec.owed.u128() + rec.carried.u128(), 0);
}

#[test]
fn splitting_above_min_stake_earns_exactly_the_unsplit_share() {
    let api = cosmwasm_std::testing::MockApi::default();
    let alice = api.addr_make("alice");
    let (b1, b2) = (api.addr_make("bob1"), api.addr_make("bob2"));
    let payer = api.addr_make("payer");
    let mut m = Market::deploy(
        &[(&alice, 2 * FAIR), (&b1, FAIR), (&b2, FAIR)],
        &[(&payer, 6_000)],
    );
    // alice: 2 FAIR in one account; bob: the same 2 FAIR over two accounts
    stake(&mut m, &alice, 2 * FAIR);
    stake(&mut m, &b1, FAIR);
    stake(&mut m, &b2, FAIR);
    assert_eq!(stakers_pool_total(&m), Uint128::new(4 * FAIR));
    deposit_fees(&mut m, &payer, 6_000);
    // stakers get 3,000: alice 1,500, bob 750 + 750 = 1,500
    assert_eq!(pending_credit(&m, &alice), 1_500);
    assert_eq!(pending_credit(&m, &b1), 750);
    assert_eq!(pending_credit(&m, &b2), 750);
}

/// Acts as governance itself, as an executed proposal does.
fn as_governance(m: &mut Market, msg: &governance::ExecuteMsg) {
    let gov = m.governance.clone();
    m.app.execute_contract(gov.clone(), gov, msg, &[]).unwrap();
    m.check_invariants();
}

fn resync(m: &mut Market, caller: &Addr, account: &Addr) {
    let (gov, dist) = (m.governance.clone(), m.distributor.clone());
    m.app
        .execute_contract(
            caller.clone(),
            gov,
            &governance::ExecuteMsg::ResyncWeight {
                account: account.to_string(),
                receiver: dist.to_string(),
            },
            &[],
        )
        .unwrap();
    m.check_invariants();
}

/// Issue 10, item 4: a staker leaves while the stakers pool's hook is
/// removed; after the hook is re-added the pool still pays the old weight;
/// after anyone's `resync_weight` it pays the true weight, and the
/// distributor's reconciliation stays exact throughout.
#[test]
fn a_pool_that_missed_hooks_pays_the_true_weight_after_resync() {
    let api = cosmwasm_std::testing::MockApi::default();
    let (alice, bob) = (api.addr_make("alice"), api.addr_make("bob"));
    let (payer, anyone) = (api.addr_make("payer"), api.addr_make("anyone"));
    let mut m = Market::deploy(
        &[(&alice, 100 * FAIR), (&bob, 100 * FAIR)],
        &[(&payer, 60_000)],
    );
    stake(&mut m, &alice, 100 * FAIR);
    stake(&mut m, &bob, 100 * FAIR);
    let dist = m.distributor.clone().to_string();
    let hooks =
        |add: Vec<String>, remove: Vec<String>| governance::ExecuteMsg::UpdateHooks { add, remove };
    as_governance(&mut m, &hooks(vec![], vec![dist.clone()]));
    // alice leaves while the pool hears nothing
    let gov = m.governance.clone();
    m.app
        .execute_contract(
            alice.clone(),
            gov,
            &governance::ExecuteMsg::Unstake {
                amount: Uint128::new(100 * FAIR),
            },
            &[],
        )
        .unwrap();
    m.check_invariants();
    as_governance(&mut m, &hooks(vec![dist], vec![]));
    // the pool still weighs alice's old stake and pays her on zero stake
    assert_eq!(member(&m, &alice).weight, Uint128::new(100 * FAIR));
    deposit_fees(&mut m, &payer, 20_000);
    assert_eq!(pending_credit(&m, &alice), 5_000);
    assert_eq!(pending_credit(&m, &bob), 5_000);

    // anyone re-syncs alice: weight 0, and she keeps what was credited
    resync(&mut m, &anyone, &alice);
    assert_eq!(member(&m, &alice).weight, Uint128::zero());
    assert_eq!(stakers_pool_total(&m), Uint128::new(100 * FAIR));
    // re-syncing an account in sync changes nothing
    resync(&mut m, &anyone, &bob);
    assert_eq!(member(&m, &bob).weight, Uint128::new(100 * FAIR));
    deposit_fees(&mut m, &payer, 40_000);
    assert_eq!(pending_credit(&m, &alice), 5_000);
    assert_eq!(pending_credit(&m, &bob), 25_000);
    claim(&mut m, &alice);
    claim(&mut m, &bob);
    assert_eq!(m.credit_balance(&alice), 5_000);
    assert_eq!(m.credit_balance(&bob), 25_000);
    let rec = m.reconciliation();
    assert_eq!(rec.received.u128(), 60_000);
    assert_eq!(rec.paid.u128(), 30_000);
    assert_eq!(rec.owed.u128() + rec.carried.u128(), 0);
    assert_eq!(
        rec.received,
        rec.paid + rec.sent + rec.burned + rec.owed + rec.carried
    );
}

// ---------- the providers pool and the escrow's re-sync ----------

/// The distributor's code with a fault: it refuses every `weight_changed`
/// (a pool after a bad upgrade) and does everything else as usual.
fn refusing_distributor_code() -> Box<dyn Contract<Empty>> {
    use fairgrid_fee_distributor::contract as c;
    fn execute(
        deps: DepsMut,
        env: Env,
        info: MessageInfo,
        msg: distributor::ExecuteMsg,
    ) -> Result<Response, fairgrid_fee_distributor::ContractError> {
        if let distributor::ExecuteMsg::WeightChanged(_) = msg {
            return Err(StdError::generic_err("pool offline: weight_changed refused").into());
        }
        c::execute(deps, env, info, msg)
    }
    Box::new(ContractWrapper::new(execute, c::instantiate, c::query).with_migrate(c::migrate))
}

/// Migrates the distributor to `code_id`, as an executed proposal does
/// (governance is its wasm admin).
fn migrate_distributor(m: &mut Market, code_id: u64) {
    let (gov, dist) = (m.governance.clone(), m.distributor.clone());
    m.app
        .migrate_contract(gov, dist, &distributor::MigrateMsg {}, code_id)
        .unwrap();
    m.check_invariants();
}

fn register_provider(m: &mut Market, who: &Addr, amount: u128) {
    let esc = m.escrow.clone();
    let register = escrow::ReceiveMsg::RegisterProvider {
        metadata: escrow::ProviderMetadata {
            name: "rack".into(),
            contact: None,
        },
    };
    m.send_fair(who, &esc, amount, &register).unwrap();
    m.check_invariants();
}

fn resync_collateral(
    m: &mut Market,
    caller: &Addr,
    provider: &Addr,
) -> anyhow::Result<AppResponse> {
    let esc = m.escrow.clone();
    m.app.execute_contract(
        caller.clone(),
        esc,
        &escrow::ExecuteMsg::ResyncCollateralWeight {
            provider: provider.to_string(),
        },
        &[],
    )
}

fn exec_escrow(m: &mut Market, who: &Addr, msg: &escrow::ExecuteMsg, credits: u128) -> AppResponse {
    let esc = m.escrow.clone();
    let funds = if credits == 0 {
        vec![]
    } else {
        Market::credits(credits)
    };
    let res = m
        .app
        .execute_contract(who.clone(), esc, msg, &funds)
        .unwrap();
    m.check_invariants();
    res
}

/// `provider` posts an offer at `price` ucredit per hour; returns its id.
fn create_offer(m: &mut Market, provider: &Addr, price: u128) -> u64 {
    let res = exec_escrow(
        m,
        provider,
        &escrow::ExecuteMsg::CreateOffer {
            offer: escrow::OfferParams {
                gpu_model: "H100-SXM".into(),
                gpu_count: 8,
                memory_gib: 80,
                region: "eu-west".into(),
                asset: fairgrid::AssetInfoUnchecked::native(CREDIT),
                price_per_hour: Uint128::new(price),
                min_duration: 60,
                max_duration: 24 * HOUR,
                slots: 4,
            },
        },
        0,
    );
    attr(&res, "offer_id").parse().unwrap()
}

/// `renter` deposits and rents `offer` for one hour; returns the lease id.
fn rent_one_hour(m: &mut Market, renter: &Addr, offer_id: u64, price: u128) -> u64 {
    exec_escrow(
        m,
        renter,
        &escrow::ExecuteMsg::Deposit { beneficiary: None },
        price,
    );
    let res = exec_escrow(
        m,
        renter,
        &escrow::ExecuteMsg::OpenLease {
            offer_id,
            duration: HOUR,
            max_price_per_hour: Uint128::new(price),
        },
        0,
    );
    attr(&res, "lease_id").parse().unwrap()
}

fn claim_earnings(m: &mut Market, provider: &Addr, lease_id: u64) -> AppResponse {
    exec_escrow(
        m,
        provider,
        &escrow::ExecuteMsg::ClaimEarnings {
            lease_ids: vec![lease_id],
        },
        0,
    )
}

fn forward_fees(m: &mut Market) {
    exec_escrow(
        m,
        &m.addr("keeper"),
        &escrow::ExecuteMsg::ForwardFees {
            assets: vec![fairgrid::AssetInfoUnchecked::native(CREDIT)],
        },
        0,
    );
}

/// One hour at 3.6 M ucredit: the protocol fee (2.5 %) is 90,000.
const PRICE: u128 = 3_600_000;
const FEE: u128 = 90_000;

/// The providers pool weighs service, not capital: a provider with ten
/// times the collateral that serves nothing earns nothing from it, while
/// one with the minimum collateral that served a lease earns the whole
/// providers share (30 %) of the fees.
#[test]
fn a_provider_with_idle_collateral_earns_nothing_from_the_providers_pool_while_one_that_serves_does(
) {
    let api = cosmwasm_std::testing::MockApi::default();
    let (idle, server, renter) = (
        api.addr_make("idle"),
        api.addr_make("server"),
        api.addr_make("renter"),
    );
    let mut m = Market::deploy(
        &[(&idle, 1_000 * FAIR), (&server, 100 * FAIR)],
        &[(&renter, PRICE)],
    );
    register_provider(&mut m, &idle, 1_000 * FAIR);
    register_provider(&mut m, &server, 100 * FAIR);
    create_offer(&mut m, &idle, PRICE);
    let offer = create_offer(&mut m, &server, PRICE);
    assert_eq!(pool_total(&m, PROVIDERS_POOL), Uint128::zero());

    let lease = rent_one_hour(&mut m, &renter, offer, PRICE);
    m.advance(HOUR + HOUR);
    let res = claim_earnings(&mut m, &server, lease);
    assert_eq!(attr(&res, "fee"), FEE.to_string());
    assert_eq!(attr(&res, "service_weight"), FEE.to_string());
    assert_eq!(
        pool_member(&m, PROVIDERS_POOL, &server).weight,
        Uint128::new(FEE)
    );
    assert_eq!(
        pool_member(&m, PROVIDERS_POOL, &idle).weight,
        Uint128::zero()
    );
    forward_fees(&mut m);
    // providers get 30 % of 90,000, all to the provider that served
    assert_eq!(pending_in(&m, PROVIDERS_POOL, &server), 27_000);
    assert_eq!(pending_in(&m, PROVIDERS_POOL, &idle), 0);
    claim(&mut m, &server);
    assert_eq!(m.credit_balance(&server), PRICE - FEE + 27_000);
    assert_eq!(m.credit_balance(&idle), 0);
}

/// Renting one's own offer through a second address (wash trading) buys
/// service weight at exactly the protocol fee it pays, and the providers
/// pool returns at most its 30 % share of that fee: the pair ends poorer
/// by 70 % of the fee, however the fees of honest providers fall.
#[test]
fn wash_trading_ones_own_offer_costs_more_in_fees_than_the_providers_pool_returns() {
    let api = cosmwasm_std::testing::MockApi::default();
    let (washer, shill, honest, renter) = (
        api.addr_make("washer"),
        api.addr_make("shill"),
        api.addr_make("honest"),
        api.addr_make("renter"),
    );
    let mut m = Market::deploy(
        &[(&washer, 100 * FAIR), (&honest, 100 * FAIR)],
        &[(&shill, PRICE), (&renter, PRICE)],
    );
    register_provider(&mut m, &washer, 100 * FAIR);
    register_provider(&mut m, &honest, 100 * FAIR);
    let wash_offer = create_offer(&mut m, &washer, PRICE);
    let honest_offer = create_offer(&mut m, &honest, PRICE);
    let wash = rent_one_hour(&mut m, &shill, wash_offer, PRICE);
    let served = rent_one_hour(&mut m, &renter, honest_offer, PRICE);
    m.advance(HOUR + HOUR);
    claim_earnings(&mut m, &washer, wash);
    claim_earnings(&mut m, &honest, served);
    assert_eq!(pool_total(&m, PROVIDERS_POOL), Uint128::new(2 * FEE));
    forward_fees(&mut m);
    // providers get 30 % of 180,000 = 54,000, half each
    assert_eq!(pending_in(&m, PROVIDERS_POOL, &washer), 27_000);
    claim(&mut m, &washer);
    let pair = m.credit_balance(&washer) + m.credit_balance(&shill);
    assert_eq!(pair, PRICE - FEE + 27_000);
    assert_eq!(PRICE - pair, 63_000, "the wash cost 70 % of its fee");
}

/// The providers pool refuses the weight hook of a claim: the claim pays
/// (`collateral_hook_failed` reports the refusal) and the pool keeps paying
/// the old service weight; a re-sync while the pool still refuses fails and
/// changes nothing; once the pool is repaired, anyone's
/// `resync_collateral_weight` gives it the true weight, and the
/// distributor's reconciliation stays exact throughout.
#[test]
fn a_providers_pool_that_refused_a_claims_weight_pays_the_true_weight_after_resync() {
    let api = cosmwasm_std::testing::MockApi::default();
    let (alice, bob, renter) = (
        api.addr_make("alice"),
        api.addr_make("bob"),
        api.addr_make("renter"),
    );
    let (payer, anyone) = (api.addr_make("payer"), api.addr_make("anyone"));
    let mut m = Market::deploy(
        &[(&alice, 100 * FAIR), (&bob, 100 * FAIR)],
        &[(&payer, 54_000), (&renter, 3 * PRICE)],
    );
    register_provider(&mut m, &alice, 100 * FAIR);
    register_provider(&mut m, &bob, 100 * FAIR);
    let (a_offer, b_offer) = (
        create_offer(&mut m, &alice, PRICE),
        create_offer(&mut m, &bob, PRICE),
    );
    let a1 = rent_one_hour(&mut m, &renter, a_offer, PRICE);
    let b1 = rent_one_hour(&mut m, &renter, b_offer, PRICE);
    m.advance(HOUR + HOUR);
    claim_earnings(&mut m, &alice, a1);
    claim_earnings(&mut m, &bob, b1);
    assert_eq!(pool_total(&m, PROVIDERS_POOL), Uint128::new(2 * FEE));
    let a2 = rent_one_hour(&mut m, &renter, a_offer, PRICE);
    m.advance(HOUR + HOUR);

    // the pool breaks: it refuses every weight change
    let dist = m.distributor.clone();
    let good_code = m
        .app
        .wrap()
        .query_wasm_contract_info(&dist)
        .unwrap()
        .code_id;
    let bad_code = m.app.store_code(refusing_distributor_code());
    migrate_distributor(&mut m, bad_code);
    // alice's claim pays; the failure is reported
    let before = m.credit_balance(&alice);
    let res = claim_earnings(&mut m, &alice, a2);
    assert_eq!(m.credit_balance(&alice) - before, PRICE - FEE);
    let failed: Vec<_> = res
        .events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .filter(|a| a.key == "action" && a.value == "collateral_hook_failed")
        .collect();
    assert_eq!(failed.len(), 1);
    // the repair path is a plain message: the broken pool fails it, and
    // neither the escrow nor the pool changes
    let esc = m.escrow.clone();
    let before = (m.app.dump_wasm_raw(&esc), m.app.dump_wasm_raw(&dist));
    let err = resync_collateral(&mut m, &anyone, &alice).unwrap_err();
    assert!(format!("{err:?}").contains("pool offline"), "{err:?}");
    assert_eq!(
        before,
        (m.app.dump_wasm_raw(&esc), m.app.dump_wasm_raw(&dist))
    );

    // repaired, the pool still weighs alice's old weight and pays by it
    migrate_distributor(&mut m, good_code);
    assert_eq!(
        pool_member(&m, PROVIDERS_POOL, &alice).weight,
        Uint128::new(FEE)
    );
    deposit_fees(&mut m, &payer, 18_000);
    // providers get 30 %: 5,400 over 90,000 + 90,000
    assert_eq!(pending_in(&m, PROVIDERS_POOL, &alice), 2_700);
    assert_eq!(pending_in(&m, PROVIDERS_POOL, &bob), 2_700);

    // anyone re-syncs alice: two fees of weight; she keeps what was credited
    let res = resync_collateral(&mut m, &anyone, &alice).unwrap();
    m.check_invariants();
    assert_eq!(attr(&res, "action"), "resync_collateral_weight");
    assert_eq!(attr(&res, "weight"), (2 * FEE).to_string());
    assert_eq!(
        pool_member(&m, PROVIDERS_POOL, &alice).weight,
        Uint128::new(2 * FEE)
    );
    assert_eq!(pool_total(&m, PROVIDERS_POOL), Uint128::new(3 * FEE));
    // re-syncing a provider in sync changes nothing
    resync_collateral(&mut m, &anyone, &bob).unwrap();
    m.check_invariants();
    assert_eq!(
        pool_member(&m, PROVIDERS_POOL, &bob).weight,
        Uint128::new(FEE)
    );
    deposit_fees(&mut m, &payer, 36_000);
    // 10,800 over 180,000 + 90,000
    assert_eq!(pending_in(&m, PROVIDERS_POOL, &alice), 2_700 + 7_200);
    assert_eq!(pending_in(&m, PROVIDERS_POOL, &bob), 2_700 + 3_600);
    let (a_before, b_before) = (m.credit_balance(&alice), m.credit_balance(&bob));
    claim(&mut m, &alice);
    claim(&mut m, &bob);
    assert_eq!(m.credit_balance(&alice) - a_before, 9_900);
    assert_eq!(m.credit_balance(&bob) - b_before, 6_300);
    let rec = m.reconciliation();
    assert_eq!(rec.received.u128(), 54_000);
    assert_eq!(rec.paid.u128(), 16_200);
    assert_eq!(rec.owed.u128() + rec.carried.u128(), 0);
    assert_eq!(
        rec.received,
        rec.paid + rec.sent + rec.burned + rec.owed + rec.carried
    );
}
