//! Must be refused, with a typed error and no state change.

use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
use cosmwasm_std::{coin, to_json_binary, Storage, Uint128};
use cw20::Cw20ReceiveMsg;
use cw_multi_test::Executor;
use fairgrid::asset::{AssetError, AssetInfoUnchecked};
use fairgrid::curve::Curve;
use fairgrid::distributor::{ExecuteMsg, PoolMsg, ReceiveMsg};
use fairgrid::hook::WeightChange;

use super::suite::*;
use crate::contract::{execute, instantiate};
use crate::ContractError;

#[test]
fn recipient_weights_not_summing_to_10000_are_refused() {
    let mut s = Suite::new();
    let owner = s.owner.clone();
    let before = s.snapshot();
    for (set, sum) in [
        (vec![pool_r("stakers", 5_000), burn_r(4_999)], 9_999),
        (vec![pool_r("stakers", 5_000), burn_r(5_001)], 10_001),
        // each share valid alone, too much together
        (vec![pool_r("stakers", 10_000), burn_r(10_000)], 20_000),
    ] {
        let res = s.exec(&owner, &ExecuteMsg::SetRecipients { recipients: set }, &[]);
        assert_eq!(err(res), ContractError::WeightsNotWhole { sum });
        assert_eq!(s.snapshot(), before);
    }
    // at instantiation too
    let mut bare = Suite::bare();
    let msg = bare.default_instantiate(vec![burn_r(9_000)]);
    let code = bare.app.store_code(distributor_contract());
    let res = Executor::instantiate_contract(&mut bare.app, code, owner, &msg, &[], "dist", None);
    assert_eq!(err(res), ContractError::WeightsNotWhole { sum: 9_000 });
}

#[test]
fn recipient_sets_with_zero_weights_unknown_or_repeated_pools_are_refused() {
    let mut s = Suite::new();
    let owner = s.owner.clone();
    let before = s.snapshot();
    let cases = [
        (
            vec![pool_r("stakers", 10_000), burn_r(0)],
            ContractError::ZeroWeight { index: 1 },
        ),
        (
            vec![pool_r("nobody", 10_000)],
            ContractError::UnknownPool {
                pool_id: "nobody".into(),
            },
        ),
        (
            vec![pool_r("stakers", 5_000), pool_r("stakers", 5_000)],
            ContractError::DuplicatePoolRecipient {
                pool_id: "stakers".into(),
            },
        ),
        (vec![], ContractError::RecipientCount { count: 0, max: 10 }),
        (
            vec![burn_r(1_000); 10]
                .into_iter()
                .chain([burn_r(0)])
                .collect(),
            ContractError::RecipientCount { count: 11, max: 10 },
        ),
    ];
    for (set, e) in cases {
        let res = s.exec(&owner, &ExecuteMsg::SetRecipients { recipients: set }, &[]);
        assert_eq!(err(res), e);
        assert_eq!(s.snapshot(), before);
    }
}

#[test]
fn hook_from_anyone_but_the_pool_source_is_refused() {
    let mut s = Suite::new();
    let (alice, stranger, owner) = (s.addr("alice"), s.stranger.clone(), s.owner.clone());
    let dist = s.dist.clone();
    let before = s.snapshot();
    for sender in [&stranger, &owner, &alice, &dist] {
        assert_eq!(
            err(s.hook(sender, &alice, 0, 1_000)),
            ContractError::NotPoolSource {
                sender: sender.to_string()
            }
        );
        assert_eq!(s.snapshot(), before);
    }
}

#[test]
fn hook_with_an_upper_case_account_is_refused() {
    let mut s = Suite::new();
    let gov = s.gov.clone();
    let alice = s.addr("alice");
    let before = s.snapshot();
    let msg = ExecuteMsg::WeightChanged(WeightChange {
        account: alice.as_str().to_uppercase(),
        old: Uint128::zero(),
        new: Uint128::new(5),
    });
    assert!(matches!(
        err(s.exec(&gov, &msg, &[])),
        ContractError::Std(_)
    ));
    assert_eq!(s.snapshot(), before);
}

#[test]
fn receive_from_a_second_cw20_instance_is_refused() {
    let mut s = Suite::new();
    let (d, fake) = (s.depositor.clone(), s.other_token.clone());
    let before = s.snapshot();
    assert_eq!(
        err(s.send_cw20(&d, &fake, 1_000)),
        ContractError::Asset(AssetError::Cw20NotAccepted {
            sender: fake.to_string()
        })
    );
    assert_eq!(s.snapshot(), before);
    assert_eq!(s.cw20_balance(&fake, &s.dist), 0);
}

#[test]
fn receive_called_directly_by_a_user_is_refused() {
    let mut s = Suite::new();
    let d = s.depositor.clone();
    let before = s.snapshot();
    let msg = ExecuteMsg::Receive(Cw20ReceiveMsg {
        sender: d.to_string(),
        amount: Uint128::new(1_000_000),
        msg: to_json_binary(&ReceiveMsg::Deposit {}).unwrap(),
    });
    assert_eq!(
        err(s.exec(&d, &msg, &[])),
        ContractError::Asset(AssetError::Cw20NotAccepted {
            sender: d.to_string()
        })
    );
    assert_eq!(s.snapshot(), before);
}

#[test]
fn native_deposit_with_a_wrong_extra_or_missing_coin_is_refused() {
    let mut s = Suite::new();
    let d = s.depositor.clone();
    let expected = "one coin of: ufair, uatom".to_string();
    let before = s.snapshot();
    let cases = [
        (
            vec![coin(10, JUNK)],
            AssetError::WrongDenom {
                got: JUNK.into(),
                expected: expected.clone(),
            },
        ),
        (
            vec![coin(10, DENOM), coin(1, JUNK)],
            AssetError::ExtraCoins {
                got: "10ufair,1ujunk".into(),
                expected: expected.clone(),
            },
        ),
        (
            vec![coin(10, DENOM), coin(1, DENOM2)],
            AssetError::ExtraCoins {
                got: "10ufair,1uatom".into(),
                expected: expected.clone(),
            },
        ),
        (
            vec![],
            AssetError::NoFunds {
                expected: expected.clone(),
            },
        ),
    ];
    for (funds, e) in cases {
        assert_eq!(
            err(s.exec(&d, &ExecuteMsg::Deposit {}, &funds)),
            ContractError::Asset(e)
        );
        assert_eq!(s.snapshot(), before);
    }
}

#[test]
fn native_deposit_of_a_zero_coin_is_refused() {
    // the bank module of multi-test refuses zero coins before any contract
    // runs, so call the entry point directly
    let mut deps = mock_dependencies();
    let api = deps.api;
    let owner = api.addr_make("owner");
    let msg = fairgrid::distributor::InstantiateMsg {
        owner: owner.to_string(),
        fallback: owner.to_string(),
        assets: vec![AssetInfoUnchecked::native(DENOM)],
        pools: vec![],
        recipients: vec![burn_r(10_000)],
    };
    instantiate(deps.as_mut(), mock_env(), message_info(&owner, &[]), msg).unwrap();
    let before = deps
        .storage
        .range(None, None, cosmwasm_std::Order::Ascending)
        .collect::<Vec<_>>();
    let e = execute(
        deps.as_mut(),
        mock_env(),
        message_info(&owner, &[coin(0, DENOM)]),
        ExecuteMsg::Deposit {},
    )
    .unwrap_err();
    assert_eq!(
        e,
        ContractError::Asset(AssetError::ZeroAmount {
            denom: DENOM.into()
        })
    );
    let after = deps
        .storage
        .range(None, None, cosmwasm_std::Order::Ascending)
        .collect::<Vec<_>>();
    assert_eq!(before, after);
}

#[test]
fn deposit_of_a_no_longer_accepted_denom_is_refused() {
    let mut s = Suite::new();
    let owner = s.owner.clone();
    s.exec(
        &owner,
        &ExecuteMsg::UpdateAssets {
            add: vec![],
            remove: vec![AssetInfoUnchecked::native(DENOM2)],
        },
        &[],
    )
    .unwrap();
    let before = s.snapshot();
    assert_eq!(
        err(s.deposit(DENOM2, 5)),
        ContractError::Asset(AssetError::WrongDenom {
            got: DENOM2.into(),
            expected: "one coin of: ufair".into()
        })
    );
    assert_eq!(s.snapshot(), before);
}

#[test]
fn too_many_assets_are_refused() {
    let mut s = Suite::new();
    let owner = s.owner.clone();
    let before = s.snapshot();
    // three known, eight more make eleven
    let add: Vec<_> = (0..8)
        .map(|i| AssetInfoUnchecked::native(format!("udenom{i}")))
        .collect();
    assert_eq!(
        err(s.exec(
            &owner,
            &ExecuteMsg::UpdateAssets {
                add,
                remove: vec![]
            },
            &[]
        )),
        ContractError::TooManyAssets { count: 11, max: 10 }
    );
    assert_eq!(s.snapshot(), before);
    // removing does not free a slot: a removed asset stays claimable
    let rm = vec![AssetInfoUnchecked::native(DENOM2)];
    s.exec(
        &owner,
        &ExecuteMsg::UpdateAssets {
            add: vec![],
            remove: rm,
        },
        &[],
    )
    .unwrap();
    let add: Vec<_> = (0..8)
        .map(|i| AssetInfoUnchecked::native(format!("udenom{i}")))
        .collect();
    assert_eq!(
        err(s.exec(
            &owner,
            &ExecuteMsg::UpdateAssets {
                add,
                remove: vec![]
            },
            &[]
        )),
        ContractError::TooManyAssets { count: 11, max: 10 }
    );
    // at instantiation too
    let mut bare = Suite::bare();
    let mut msg = bare.default_instantiate(vec![burn_r(10_000)]);
    msg.assets = (0..11)
        .map(|i| AssetInfoUnchecked::native(format!("udenom{i}")))
        .collect();
    let code = bare.app.store_code(distributor_contract());
    let res = Executor::instantiate_contract(&mut bare.app, code, owner, &msg, &[], "dist", None);
    assert_eq!(
        err(res),
        ContractError::TooManyAssets { count: 11, max: 10 }
    );
}

#[test]
fn too_many_or_conflicting_pools_are_refused() {
    let mut s = Suite::new();
    let owner = s.owner.clone();
    let pool = |id: &str, src: &cosmwasm_std::Addr| ExecuteMsg::AddPool {
        pool: PoolMsg {
            pool_id: id.into(),
            source: src.to_string(),
            curve: Curve::Linear,
        },
    };
    let before = s.snapshot();
    let gov = s.gov.clone();
    let x = s.addr("x");
    assert_eq!(
        err(s.exec(&owner, &pool("stakers", &x), &[])),
        ContractError::DuplicatePool {
            pool_id: "stakers".into()
        }
    );
    assert_eq!(
        err(s.exec(&owner, &pool("other", &gov), &[])),
        ContractError::DuplicateSource {
            source_addr: gov.to_string(),
            pool_id: "stakers".into()
        }
    );
    assert_eq!(
        err(s.exec(&owner, &pool("Big Pool", &x), &[])),
        ContractError::InvalidPoolId {
            pool_id: "Big Pool".into()
        }
    );
    assert_eq!(s.snapshot(), before);
    for i in 0..3 {
        let src = s.addr(&format!("src{i}"));
        s.exec(&owner, &pool(&format!("p{i}"), &src), &[]).unwrap();
    }
    let src = s.addr("src9");
    assert_eq!(
        err(s.exec(&owner, &pool("p9", &src), &[])),
        ContractError::TooManyPools { count: 6, max: 5 }
    );
}

#[test]
fn owner_messages_from_anyone_else_are_refused() {
    let mut s = Suite::new();
    let stranger = s.stranger.clone();
    let owner = s.owner.to_string();
    let msgs = [
        (
            "set recipients",
            ExecuteMsg::SetRecipients {
                recipients: vec![burn_r(10_000)],
            },
        ),
        (
            "update assets",
            ExecuteMsg::UpdateAssets {
                add: vec![AssetInfoUnchecked::native("uevil")],
                remove: vec![],
            },
        ),
        (
            "add a pool",
            ExecuteMsg::AddPool {
                pool: PoolMsg {
                    pool_id: "evil".into(),
                    source: stranger.to_string(),
                    curve: Curve::Linear,
                },
            },
        ),
        (
            "update a pool",
            ExecuteMsg::UpdatePool {
                pool_id: "stakers".into(),
                source: Some(stranger.to_string()),
                curve: Some(Curve::SquareRoot),
            },
        ),
        (
            "remove a pool",
            ExecuteMsg::RemovePool {
                pool_id: "providers".into(),
            },
        ),
        (
            "update config",
            ExecuteMsg::UpdateConfig {
                owner: Some(stranger.to_string()),
                fallback: None,
            },
        ),
    ];
    let before = s.snapshot();
    for (action, msg) in msgs {
        for sender in [stranger.clone(), s.gov.clone(), s.treasury.clone()] {
            assert_eq!(
                err(s.exec(&sender, &msg, &[])),
                ContractError::NotOwner {
                    sender: sender.to_string(),
                    owner: owner.clone(),
                    action: action.into()
                }
            );
            assert_eq!(s.snapshot(), before);
        }
    }
}

#[test]
fn funds_sent_with_a_hook_or_claim_are_refused() {
    let mut s = Suite::new();
    let escrow = s.escrow.clone();
    let alice = s.addr("alice");
    let msg = ExecuteMsg::WeightChanged(WeightChange::new(&alice, Uint128::zero(), Uint128::one()));
    let before = s.snapshot();
    assert_eq!(
        err(s.exec(&escrow, &msg, &[coin(5, DENOM)])),
        ContractError::Asset(AssetError::UnexpectedFunds {
            got: "5ufair".into()
        })
    );
    let claim = ExecuteMsg::Claim {
        assets: None,
        recipient: None,
    };
    assert_eq!(
        err(s.exec(&escrow, &claim, &[coin(5, DENOM)])),
        ContractError::Asset(AssetError::UnexpectedFunds {
            got: "5ufair".into()
        })
    );
    assert_eq!(s.snapshot(), before);
}

#[test]
fn cw20_send_with_another_hook_message_is_refused() {
    let mut s = Suite::new();
    let (d, token) = (s.depositor.clone(), s.token.clone());
    let before = s.snapshot();
    let res = s.app.execute_contract(
        d.clone(),
        token.clone(),
        &cw20::Cw20ExecuteMsg::Send {
            contract: s.dist.to_string(),
            amount: Uint128::new(10),
            msg: cosmwasm_std::Binary::from(br#"{"stake":{}}"#),
        },
        &[],
    );
    assert!(matches!(err(res), ContractError::Std(_)));
    assert_eq!(s.snapshot(), before);
    assert_eq!(s.cw20_balance(&token, &d), START);
}
