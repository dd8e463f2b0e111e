//! Must work: deposits of both kinds, the exact split, same-tx sends and
//! burns, the fallback for zero-weight pools.

use cosmwasm_std::{coin, to_json_binary, to_json_string, Uint128};
use cw_multi_test::Executor;
use fairgrid::asset::AssetInfo;
use fairgrid::distributor::{ExecuteMsg, ReceiveMsg};

use super::suite::*;

#[test]
fn deposit_messages_share_the_json_compute_escrow_sends() {
    assert_eq!(
        to_json_string(&ExecuteMsg::Deposit {}).unwrap(),
        r#"{"deposit":{}}"#
    );
    assert_eq!(
        to_json_string(&ReceiveMsg::Deposit {}).unwrap(),
        r#"{"deposit":{}}"#
    );
}

#[test]
fn escrow_style_forwarding_of_native_and_cw20_fees_is_accepted() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    s.stake(&alice, 0, 10);
    let hook = to_json_binary(&serde_json_value()).unwrap();
    for info in [AssetInfo::native(DENOM), AssetInfo::Cw20(s.token.clone())] {
        let msg = info
            .with_amount(1_000u128)
            .send_to_contract_msg(&s.dist, hook.clone())
            .unwrap();
        let escrow = s.escrow.clone();
        s.app.execute(escrow, msg).unwrap();
        let r = s.recon(&info);
        assert_eq!(r.received, Uint128::new(1_000));
        s.check_invariants();
    }
}

fn serde_json_value() -> ReceiveMsg {
    ReceiveMsg::Deposit {}
}

#[test]
fn native_deposit_is_split_exactly_with_sends_and_burn_in_the_same_tx() {
    let mut s = Suite::new();
    let (alice, pat) = (s.addr("alice"), s.addr("pat"));
    s.stake(&alice, 0, 100);
    let escrow = s.escrow.clone();
    s.hook(&escrow, &pat, 0, 10_000).unwrap(); // sqrt: weight 100
    let res = s.deposit(DENOM, 10_000).unwrap();
    assert_eq!(attr(&res, "action"), vec!["deposit"]);
    assert_eq!(attr(&res, "amount"), vec!["10000"]);
    assert_eq!(s.native_balance(&s.treasury, DENOM), 2_000);
    assert_eq!(attr(&res, "burned"), vec!["1000"]);
    // the distributor holds only what the pools are owed
    assert_eq!(s.native_balance(&s.dist, DENOM), 7_000);
    assert_eq!(s.native_balance(&s.depositor, DENOM), START - 10_000);
    assert_eq!(s.pending_of(&alice, &AssetInfo::native(DENOM)), 4_000);
    assert_eq!(s.pending_of(&pat, &AssetInfo::native(DENOM)), 3_000);
    let r = s.recon(&AssetInfo::native(DENOM));
    assert_eq!(
        (
            r.received.u128(),
            r.sent.u128(),
            r.burned.u128(),
            r.owed.u128(),
            r.carried.u128(),
            r.held.u128()
        ),
        (10_000, 2_000, 1_000, 7_000, 0, 7_000)
    );
    s.check_invariants();
}

#[test]
fn cw20_deposit_through_receive_is_split_and_burned_with_cw20_burn() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    s.stake(&alice, 0, 1);
    let supply = s.cw20_supply(&s.token);
    let res = s.deposit_cw20(999).unwrap();
    let token = AssetInfo::Cw20(s.token.clone());
    // 999: treasury floor(199.8) = 199, burn floor(99.9) = 99, providers (no
    // members) floor(299.7) = 299 to the fallback, stakers take the rest 402
    assert_eq!(s.cw20_balance(&s.token, &s.treasury), 199);
    assert_eq!(s.cw20_supply(&s.token), supply - 99);
    assert_eq!(s.cw20_balance(&s.token, &s.fallback), 299);
    assert_eq!(s.pending_of(&alice, &token), 402);
    assert_eq!(attr(&res, "fallback").len(), 1);
    let r = s.recon(&token);
    assert_eq!(
        (
            r.received.u128(),
            r.sent.u128(),
            r.burned.u128(),
            r.owed.u128()
        ),
        (999, 498, 99, 402)
    );
    s.check_invariants();
}

#[test]
fn parts_sum_to_each_deposit_and_carries_pay_out_later() {
    let mut s = Suite::new();
    let (alice, pat) = (s.addr("alice"), s.addr("pat"));
    s.stake(&alice, 0, 1);
    let escrow = s.escrow.clone();
    s.hook(&escrow, &pat, 0, 1).unwrap();
    // ten deposits of 1 unit: 40/30/20/10 % of 10 units in total
    for _ in 0..10 {
        s.deposit(DENOM, 1).unwrap();
        s.check_invariants();
    }
    let d = AssetInfo::native(DENOM);
    let treasury = s.native_balance(&s.treasury, DENOM);
    let burned = s.recon(&d).burned.u128();
    let (a, p) = (s.pending_of(&alice, &d), s.pending_of(&pat, &d));
    assert_eq!(a + p + treasury + burned, 10);
    // one-unit deposits cannot pay every carry: the non-rest recipients are
    // behind by their carries (treasury and burn one unit each), never ahead;
    // the rest recipient (stakers, largest weight) is ahead by the same
    assert_eq!((p, treasury, burned, a), (3, 1, 0, 6));
    // the next deposit large enough pays the carries: 110 in total is split
    // exactly 44 / 33 / 22 / 11
    s.deposit(DENOM, 100).unwrap();
    let treasury = s.native_balance(&s.treasury, DENOM);
    let burned = s.recon(&d).burned.u128();
    let (a, p) = (s.pending_of(&alice, &d), s.pending_of(&pat, &d));
    assert_eq!((a, p, treasury, burned), (44, 33, 22, 11));
    s.check_invariants();
}

#[test]
fn zero_total_weight_pool_share_goes_to_the_fallback_in_the_same_tx() {
    let mut s = Suite::new();
    let res = s.deposit(DENOM, 10_000).unwrap();
    // both pools empty: 4,000 + 3,000 to the fallback
    assert_eq!(s.native_balance(&s.fallback, DENOM), 7_000);
    assert_eq!(attr(&res, "fallback").len(), 2);
    assert_eq!(s.native_balance(&s.dist, DENOM), 0);
    let r = s.recon(&AssetInfo::native(DENOM));
    assert_eq!((r.sent.u128(), r.owed.u128()), (9_000, 0));
    s.check_invariants();
}

#[test]
fn first_staker_after_a_zero_weight_period_gets_no_windfall() {
    let mut s = Suite::new();
    s.deposit(DENOM, 10_000).unwrap();
    let alice = s.addr("alice");
    s.stake(&alice, 0, 5);
    let d = AssetInfo::native(DENOM);
    assert_eq!(s.pending_of(&alice, &d), 0);
    s.deposit(DENOM, 100).unwrap();
    assert_eq!(s.pending_of(&alice, &d), 40);
    // a staker who leaves makes the pool empty again: fallback again
    s.stake(&alice, 5, 0);
    let before = s.native_balance(&s.fallback, DENOM);
    s.deposit(DENOM, 100).unwrap();
    assert_eq!(s.native_balance(&s.fallback, DENOM), before + 70);
    assert_eq!(s.pending_of(&alice, &d), 40);
    s.check_invariants();
}

#[test]
fn deposits_from_anyone_are_accepted() {
    let mut s = Suite::new();
    let escrow = s.escrow.clone();
    s.app
        .execute_contract(
            escrow,
            s.dist.clone(),
            &ExecuteMsg::Deposit {},
            &[coin(50, DENOM2)],
        )
        .unwrap();
    assert_eq!(s.recon(&AssetInfo::native(DENOM2)).received.u128(), 50);
    s.check_invariants();
}
