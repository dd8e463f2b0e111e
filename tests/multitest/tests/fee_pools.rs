//! Fee pools that cannot be farmed by splitting stake (issue 10, item 3):
//! governance reports 0 below `min_stake`, and the deployed stakers pool is
//! linear, so no split of a stake over addresses earns more than the unsplit
//! stake. Exact payouts through the deployed market.

use cosmwasm_std::{Addr, DepsMut, Empty, Env, MessageInfo, Response, StdError, Uint128};
use cw_multi_test::{AppResponse, Contract, ContractWrapper, Executor};
use fairgrid::{distributor, escrow, governance};
use fairgrid_multitest::market::{Market, FAIR, PROVIDERS_POOL, STAKERS_POOL};

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

/// The providers pool refuses the hook of a withdrawal request: the exit
/// stands (`collateral_hook_failed`) and the pool keeps paying the old
/// collateral; a re-sync while the pool still refuses fails and changes
/// nothing; once the pool is repaired, anyone's `resync_collateral_weight`
/// gives it the true weight, and the distributor's reconciliation stays
/// exact throughout.
#[test]
fn a_providers_pool_that_refused_an_exit_pays_the_true_weight_after_resync() {
    let api = cosmwasm_std::testing::MockApi::default();
    let (alice, bob) = (api.addr_make("alice"), api.addr_make("bob"));
    let (payer, anyone) = (api.addr_make("payer"), api.addr_make("anyone"));
    let mut m = Market::deploy(
        &[(&alice, 300 * FAIR), (&bob, 100 * FAIR)],
        &[(&payer, 30_000)],
    );
    register_provider(&mut m, &alice, 300 * FAIR);
    register_provider(&mut m, &bob, 100 * FAIR);
    assert_eq!(pool_total(&m, PROVIDERS_POOL), Uint128::new(400 * FAIR));

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
    // alice's withdrawal request stands; the failure is reported
    let esc = m.escrow.clone();
    let res = m
        .app
        .execute_contract(
            alice.clone(),
            esc.clone(),
            &escrow::ExecuteMsg::RequestCollateralWithdrawal {
                amount: Uint128::new(200 * FAIR),
            },
            &[],
        )
        .unwrap();
    m.check_invariants();
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
    let before = (m.app.dump_wasm_raw(&esc), m.app.dump_wasm_raw(&dist));
    let err = resync_collateral(&mut m, &anyone, &alice).unwrap_err();
    assert!(format!("{err:?}").contains("pool offline"), "{err:?}");
    assert_eq!(
        before,
        (m.app.dump_wasm_raw(&esc), m.app.dump_wasm_raw(&dist))
    );

    // repaired, the pool still weighs alice's old collateral and pays it
    migrate_distributor(&mut m, good_code);
    assert_eq!(
        pool_member(&m, PROVIDERS_POOL, &alice).weight,
        Uint128::new(300 * FAIR)
    );
    deposit_fees(&mut m, &payer, 10_000);
    // providers get 30 %: 3,000 over 300 + 100 FAIR
    assert_eq!(pending_in(&m, PROVIDERS_POOL, &alice), 2_250);
    assert_eq!(pending_in(&m, PROVIDERS_POOL, &bob), 750);

    // anyone re-syncs alice: her bonded 100 FAIR, and she keeps what was credited
    let res = resync_collateral(&mut m, &anyone, &alice).unwrap();
    m.check_invariants();
    let attr = |key: &str| {
        res.events
            .iter()
            .filter(|e| e.ty == "wasm")
            .flat_map(|e| e.attributes.iter())
            .find(|a| a.key == key)
            .map(|a| a.value.clone())
    };
    assert_eq!(attr("action").as_deref(), Some("resync_collateral_weight"));
    assert_eq!(attr("weight"), Some((100 * FAIR).to_string()));
    assert_eq!(
        pool_member(&m, PROVIDERS_POOL, &alice).weight,
        Uint128::new(100 * FAIR)
    );
    assert_eq!(pool_total(&m, PROVIDERS_POOL), Uint128::new(200 * FAIR));
    // re-syncing a provider in sync changes nothing
    resync_collateral(&mut m, &anyone, &bob).unwrap();
    m.check_invariants();
    assert_eq!(
        pool_member(&m, PROVIDERS_POOL, &bob).weight,
        Uint128::new(100 * FAIR)
    );
    deposit_fees(&mut m, &payer, 20_000);
    // 6,000 over 100 + 100 FAIR
    assert_eq!(pending_in(&m, PROVIDERS_POOL, &alice), 2_250 + 3_000);
    assert_eq!(pending_in(&m, PROVIDERS_POOL, &bob), 750 + 3_000);
    claim(&mut m, &alice);
    claim(&mut m, &bob);
    assert_eq!(m.credit_balance(&alice), 5_250);
    assert_eq!(m.credit_balance(&bob), 3_750);
    let rec = m.reconciliation();
    assert_eq!(rec.received.u128(), 30_000);
    assert_eq!(rec.paid.u128(), 9_000);
    assert_eq!(rec.owed.u128() + rec.carried.u128(), 0);
    assert_eq!(
        rec.received,
        rec.paid + rec.sent + rec.burned + rec.owed + rec.carried
    );
}
