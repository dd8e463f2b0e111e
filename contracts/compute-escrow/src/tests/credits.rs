//! Credit accounts: native and cw20 deposits, sponsorship, withdrawals.

use cosmwasm_std::coin;
use fairgrid::escrow::{ExecuteMsg, ReceiveMsg};
use fairgrid::AssetInfoUnchecked;

use super::suite::*;
use crate::ContractError;

#[test]
fn native_deposit_credits_the_sender_and_withdraw_returns_it() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let res = s.ok(
        &alice,
        &ExecuteMsg::Deposit { beneficiary: None },
        &[coin(500, CREDIT)],
    );
    assert_eq!(attr(&res, "action"), "deposit");
    assert_eq!(attr(&res, "amount"), "500");
    assert_eq!(s.credits(&alice, &Suite::credit()), u(500));
    assert_eq!(s.balance(&s.escrow.clone(), CREDIT), u(500));
    s.check_invariants();

    let res = s.ok(
        &alice,
        &ExecuteMsg::Withdraw {
            asset: AssetInfoUnchecked::native(CREDIT),
            amount: u(200),
            recipient: None,
        },
        &[],
    );
    assert_eq!(attr(&res, "action"), "withdraw");
    assert_eq!(s.credits(&alice, &Suite::credit()), u(300));
    assert_eq!(s.balance(&alice, CREDIT), u(START - 300));
    s.check_invariants();
}

#[test]
fn cw20_deposit_through_receive_on_the_real_token_and_withdraw() {
    let mut s = Suite::new();
    let (alice, token) = (s.alice.clone(), s.token.clone());
    s.send_cw20(
        &alice,
        &token,
        700,
        &ReceiveMsg::Deposit { beneficiary: None },
    )
    .unwrap();
    assert_eq!(s.credits(&alice, &s.gpu()), u(700));
    assert_eq!(s.cw20_balance(&token, &s.escrow.clone()), u(700));
    s.check_invariants();

    s.ok(
        &alice,
        &ExecuteMsg::Withdraw {
            asset: AssetInfoUnchecked::cw20(token.as_str()),
            amount: u(700),
            recipient: None,
        },
        &[],
    );
    assert_eq!(s.credits(&alice, &s.gpu()), u(0));
    assert_eq!(s.cw20_balance(&token, &alice), u(START));
    s.check_invariants();
}

#[test]
fn sponsor_deposits_for_a_beneficiary_who_alone_can_withdraw() {
    let mut s = Suite::new();
    let (alice, bob, token) = (s.alice.clone(), s.bob.clone(), s.token.clone());
    s.ok(
        &alice,
        &ExecuteMsg::Deposit {
            beneficiary: Some(bob.to_string()),
        },
        &[coin(900, CREDIT)],
    );
    s.send_cw20(
        &alice,
        &token,
        40,
        &ReceiveMsg::Deposit {
            beneficiary: Some(bob.to_string()),
        },
    )
    .unwrap();
    assert_eq!(s.credits(&alice, &Suite::credit()), u(0));
    assert_eq!(s.credits(&bob, &Suite::credit()), u(900));
    assert_eq!(s.credits(&bob, &s.gpu()), u(40));
    s.check_invariants();
    // bob withdraws to a recipient of his choice
    let carol = s.carol.clone();
    s.ok(
        &bob,
        &ExecuteMsg::Withdraw {
            asset: AssetInfoUnchecked::native(CREDIT),
            amount: u(900),
            recipient: Some(carol.to_string()),
        },
        &[],
    );
    assert_eq!(s.balance(&carol, CREDIT), u(START + 900));
    s.check_invariants();
}

#[test]
fn credits_query_lists_every_asset_once_across_pages() {
    let mut s = Suite::new();
    let (alice, token) = (s.alice.clone(), s.token.clone());
    s.deposit(&alice, 5);
    s.send_cw20(
        &alice,
        &token,
        6,
        &ReceiveMsg::Deposit { beneficiary: None },
    )
    .unwrap();
    let page1: fairgrid::escrow::CreditsResponse = s.q(&fairgrid::escrow::QueryMsg::Credits {
        account: alice.to_string(),
        start_after: None,
        limit: Some(1),
    });
    assert_eq!(page1.credits.len(), 1);
    let page2: fairgrid::escrow::CreditsResponse = s.q(&fairgrid::escrow::QueryMsg::Credits {
        account: alice.to_string(),
        start_after: Some(page1.credits[0].info.clone().into()),
        limit: Some(1),
    });
    assert_eq!(page2.credits.len(), 1);
    let mut all = [page1.credits[0].clone(), page2.credits[0].clone()];
    all.sort_by_key(|a| a.amount);
    assert_eq!(all[0], Suite::credit().with_amount(5u128));
    assert_eq!(all[1], s.gpu().with_amount(6u128));
}

/// `withdraw` to the escrow itself, or `deposit` for it, would strand the
/// coins: credits burnt (or granted to an account nobody can act for) while
/// the coins stay held and owed to nobody. Both are refused, changing nothing.
#[test]
fn a_withdrawal_to_the_escrow_itself_is_refused_so_no_coin_is_stranded() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let escrow = s.escrow.clone();
    s.deposit(&alice, 1_000);
    let before = s.snapshot();
    let withdraw = ExecuteMsg::Withdraw {
        asset: AssetInfoUnchecked::native(CREDIT),
        amount: u(1_000),
        recipient: Some(escrow.to_string()),
    };
    assert_eq!(
        s.refused(&alice, &withdraw, &[]),
        ContractError::OwnAddress {
            field: "recipient".into()
        }
    );
    assert_eq!(s.snapshot(), before);
    let deposit = ExecuteMsg::Deposit {
        beneficiary: Some(escrow.to_string()),
    };
    assert_eq!(
        s.refused(&alice, &deposit, &[coin(10, CREDIT)]),
        ContractError::OwnAddress {
            field: "beneficiary".into()
        }
    );
    assert_eq!(s.snapshot(), before);
    let token = s.token.clone();
    let cw20_deposit = ReceiveMsg::Deposit {
        beneficiary: Some(escrow.to_string()),
    };
    assert_eq!(
        s.refused_cw20(&alice, &token, 10, &cw20_deposit),
        ContractError::OwnAddress {
            field: "beneficiary".into()
        }
    );
    assert_eq!(s.snapshot(), before);
    assert_eq!(s.credits(&alice, &Suite::credit()), u(1_000));
    s.check_invariants();
}
