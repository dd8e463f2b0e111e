//! "Must be refused": each refusal asserts the exact typed error, and
//! `Suite::refused` asserts that storage and every balance are unchanged.

use cosmwasm_std::{coin, Uint128};
use cw_multi_test::Executor;
use fairgrid::escrow::{ConfigUpdate, ExecuteMsg, ReceiveMsg};
use fairgrid::{AssetError, AssetInfoUnchecked, Bps};

use super::suite::*;
use crate::ContractError;

fn deposit() -> ExecuteMsg {
    ExecuteMsg::Deposit { beneficiary: None }
}

#[test]
fn cw20_receive_from_a_token_not_on_the_allowlist_is_refused() {
    let mut s = Suite::new();
    let (alice, bad) = (s.alice.clone(), s.bad_token.clone());
    let err = s.refused_cw20(
        &alice,
        &bad,
        100,
        &ReceiveMsg::Deposit { beneficiary: None },
    );
    assert_eq!(
        err,
        ContractError::Asset(AssetError::Cw20NotAccepted {
            sender: bad.to_string()
        })
    );
}

#[test]
fn spoofed_receive_called_directly_by_an_account_is_refused() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let msg = ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
        sender: alice.to_string(),
        amount: Uint128::new(1_000_000),
        msg: cosmwasm_std::to_json_binary(&ReceiveMsg::Deposit { beneficiary: None }).unwrap(),
    });
    assert_eq!(
        s.refused(&alice, &msg, &[]),
        ContractError::Asset(AssetError::Cw20NotAccepted {
            sender: alice.to_string()
        })
    );
}

#[test]
fn native_deposit_with_a_wrong_denom_is_refused() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    assert_eq!(
        s.refused(&alice, &deposit(), &[coin(5, JUNK)]),
        ContractError::Asset(AssetError::WrongDenom {
            got: JUNK.into(),
            expected: "one coin of an accepted native denom".into()
        })
    );
}

#[test]
fn native_deposit_with_an_extra_denom_is_refused() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    assert_eq!(
        s.refused(&alice, &deposit(), &[coin(5, CREDIT), coin(1, JUNK)]),
        ContractError::Asset(AssetError::ExtraCoins {
            got: format!("5{CREDIT},1{JUNK}"),
            expected: "one coin of an accepted native denom".into()
        })
    );
}

#[test]
fn native_deposit_without_funds_is_refused() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    assert_eq!(
        s.refused(&alice, &deposit(), &[]),
        ContractError::Asset(AssetError::NoFunds {
            expected: "one coin of an accepted native denom".into()
        })
    );
}

#[test]
fn native_deposit_of_zero_is_refused() {
    // multi-test's bank refuses a zero coin before any contract runs, so the
    // contract's own check is exercised on mock dependencies
    use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env};
    use cosmwasm_std::Storage;
    let s = Suite::new();
    let mut deps = mock_dependencies();
    let mut msg = default_instantiate(&s);
    msg.accepted_assets = vec![AssetInfoUnchecked::native(CREDIT)];
    msg.collateral_hook = None;
    let owner = deps.api.addr_make("owner");
    msg.owner = owner.to_string();
    msg.arbiter = owner.to_string();
    msg.fee_collector = owner.to_string();
    crate::contract::instantiate(deps.as_mut(), mock_env(), message_info(&owner, &[]), msg)
        .unwrap();
    let before = deps
        .storage
        .range(None, None, cosmwasm_std::Order::Ascending)
        .collect::<Vec<_>>();
    let err = crate::contract::execute(
        deps.as_mut(),
        mock_env(),
        message_info(&owner, &[coin(0, CREDIT)]),
        deposit(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        ContractError::Asset(AssetError::ZeroAmount {
            denom: CREDIT.into()
        })
    );
    let after = deps
        .storage
        .range(None, None, cosmwasm_std::Order::Ascending)
        .collect::<Vec<_>>();
    assert_eq!(before, after);
    assert!(crate::state::CREDITS
        .may_load(
            &deps.storage,
            (&owner, &fairgrid::AssetInfo::native(CREDIT).key())
        )
        .unwrap()
        .is_none());
}

#[test]
fn funds_sent_to_a_message_that_takes_none_are_refused() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    assert_eq!(
        s.refused(
            &alice,
            &ExecuteMsg::Withdraw {
                asset: AssetInfoUnchecked::native(CREDIT),
                amount: u(1),
                recipient: None
            },
            &[coin(1, CREDIT)]
        ),
        ContractError::Asset(AssetError::UnexpectedFunds {
            got: format!("1{CREDIT}")
        })
    );
}

#[test]
fn open_lease_on_a_full_offer_is_refused() {
    let mut s = Suite::new();
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    let offer = s.provider_with_offer(3_600); // 2 slots
    s.deposit(&alice, 1_000);
    s.deposit(&bob, 1_000);
    s.open(&alice, offer, 10);
    s.open(&alice, offer, 10);
    assert_eq!(
        s.refused(
            &bob,
            &ExecuteMsg::OpenLease {
                offer_id: offer,
                duration: 10,
                max_price_per_hour: ANY_PRICE
            },
            &[]
        ),
        ContractError::OfferFull {
            offer_id: offer,
            used: 2,
            slots: 2
        }
    );
    // an ended lease frees its slot only once settled
    s.advance(10);
    s.ok(&bob, &ExecuteMsg::Settle { lease_ids: vec![1] }, &[]);
    s.open(&bob, offer, 10);
    s.check_invariants();
}

#[test]
fn open_lease_on_a_closed_offer_is_refused() {
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 1_000);
    s.ok(&carol, &ExecuteMsg::CloseOffer { offer_id: offer }, &[]);
    assert_eq!(
        s.refused(
            &alice,
            &ExecuteMsg::OpenLease {
                offer_id: offer,
                duration: 10,
                max_price_per_hour: ANY_PRICE
            },
            &[]
        ),
        ContractError::OfferClosed { offer_id: offer }
    );
}

#[test]
fn open_lease_with_duration_out_of_bounds_is_refused() {
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    s.register(&carol, 10_000);
    let offer = s.create_offer(
        &carol,
        fairgrid::escrow::OfferParams {
            min_duration: 60,
            max_duration: 3_600,
            ..offer_params(AssetInfoUnchecked::native(CREDIT), 3_600)
        },
    );
    s.deposit(&alice, 10_000);
    for duration in [0, 59, 3_601] {
        assert_eq!(
            s.refused(
                &alice,
                &ExecuteMsg::OpenLease {
                    offer_id: offer,
                    duration,
                    max_price_per_hour: ANY_PRICE
                },
                &[]
            ),
            ContractError::DurationOutOfBounds {
                duration,
                min: 60,
                max: 3_600
            }
        );
    }
    let id = s.open(&alice, offer, 3_000);
    assert_eq!(
        s.refused(
            &alice,
            &ExecuteMsg::ExtendLease {
                lease_id: id,
                extra: 601,
                max_price_per_hour: ANY_PRICE
            },
            &[]
        ),
        ContractError::DurationOutOfBounds {
            duration: 3_601,
            min: 60,
            max: 3_600
        }
    );
}

#[test]
fn open_lease_with_insufficient_credits_is_refused() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 99);
    assert_eq!(
        s.refused(
            &alice,
            &ExecuteMsg::OpenLease {
                offer_id: offer,
                duration: 100,
                max_price_per_hour: ANY_PRICE
            },
            &[]
        ),
        ContractError::InsufficientCredits {
            asset: format!("native:{CREDIT}"),
            available: u(99),
            requested: u(100)
        }
    );
}

#[test]
fn another_account_cannot_close_extend_or_dispute_a_renters_lease() {
    let mut s = Suite::new();
    let (alice, stranger, carol) = (s.alice.clone(), s.stranger.clone(), s.carol.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 1_000);
    s.deposit(&stranger, 1_000);
    let id = s.open(&alice, offer, 100);
    assert_eq!(
        s.refused(&stranger, &ExecuteMsg::CloseLease { lease_id: id }, &[]),
        ContractError::NotLeaseParty {
            lease_id: id,
            sender: stranger.to_string()
        }
    );
    for who in [&stranger, &carol] {
        assert_eq!(
            s.refused(
                who,
                &ExecuteMsg::ExtendLease {
                    lease_id: id,
                    extra: 10,
                    max_price_per_hour: ANY_PRICE
                },
                &[]
            ),
            ContractError::NotRenter {
                lease_id: id,
                sender: who.to_string(),
                renter: alice.to_string()
            }
        );
        assert_eq!(
            s.refused(
                who,
                &ExecuteMsg::OpenDispute {
                    lease_id: id,
                    reason: "x".into()
                },
                &[]
            ),
            ContractError::NotRenter {
                lease_id: id,
                sender: who.to_string(),
                renter: alice.to_string()
            }
        );
    }
}

#[test]
fn a_non_provider_cannot_claim_earnings() {
    let mut s = Suite::new();
    let (alice, dave) = (s.alice.clone(), s.dave.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 1_000);
    let id = s.open(&alice, offer, 100);
    s.advance(100 + DELAY);
    for who in [&alice, &dave] {
        assert_eq!(
            s.refused(
                who,
                &ExecuteMsg::ClaimEarnings {
                    lease_ids: vec![id]
                },
                &[]
            ),
            ContractError::NotLeaseProvider {
                lease_id: id,
                sender: who.to_string(),
                provider: s.carol.to_string()
            }
        );
    }
}

#[test]
fn a_claim_skips_a_disputed_lease_and_changes_nothing() {
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 1_000);
    let id = s.open(&alice, offer, 100);
    s.ok(
        &alice,
        &ExecuteMsg::OpenDispute {
            lease_id: id,
            reason: "down".into(),
        },
        &[],
    );
    s.advance(100 + DELAY);
    s.claim_skipped(&carol, id, "disputed");
}

#[test]
fn resolving_a_dispute_by_anyone_but_the_arbiter_is_refused() {
    let mut s = Suite::new();
    let (alice, owner) = (s.alice.clone(), s.owner.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 1_000);
    let id = s.open(&alice, offer, 100);
    s.ok(
        &alice,
        &ExecuteMsg::OpenDispute {
            lease_id: id,
            reason: "down".into(),
        },
        &[],
    );
    for who in [&alice, &owner] {
        assert_eq!(
            s.refused(
                who,
                &ExecuteMsg::ResolveDispute {
                    lease_id: id,
                    provider_share: Bps::ZERO,
                    slash: u(0)
                },
                &[]
            ),
            ContractError::NotArbiter {
                sender: who.to_string(),
                arbiter: s.arbiter.to_string()
            }
        );
    }
}

#[test]
fn slashing_beyond_collateral_is_refused() {
    let mut s = Suite::new();
    let (alice, arbiter) = (s.alice.clone(), s.arbiter.clone());
    let offer = s.provider_with_offer(3_600); // collateral 10,000
    s.deposit(&alice, 1_000);
    let id = s.open(&alice, offer, 100);
    s.ok(
        &alice,
        &ExecuteMsg::OpenDispute {
            lease_id: id,
            reason: "down".into(),
        },
        &[],
    );
    assert_eq!(
        s.refused(
            &arbiter,
            &ExecuteMsg::ResolveDispute {
                lease_id: id,
                provider_share: Bps::ZERO,
                slash: u(10_001)
            },
            &[]
        ),
        ContractError::SlashAboveCollateral {
            slash: u(10_001),
            collateral: u(10_000)
        }
    );
}

#[test]
fn withdrawing_more_credits_than_free_is_refused() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 1_000);
    s.open(&alice, offer, 400); // 400 reserved, 600 free
    assert_eq!(
        s.refused(
            &alice,
            &ExecuteMsg::Withdraw {
                asset: AssetInfoUnchecked::native(CREDIT),
                amount: u(601),
                recipient: None
            },
            &[]
        ),
        ContractError::InsufficientCredits {
            asset: format!("native:{CREDIT}"),
            available: u(600),
            requested: u(601)
        }
    );
}

#[test]
fn withdrawing_collateral_with_open_leases_is_refused() {
    let mut s = Suite::new();
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 1_000);
    let id = s.open(&alice, offer, 100);
    s.ok(&carol, &ExecuteMsg::CloseOffer { offer_id: offer }, &[]);
    let req = ExecuteMsg::RequestCollateralWithdrawal { amount: u(1) };
    assert_eq!(
        s.refused(&carol, &req, &[]),
        ContractError::LiveOffers {
            provider: carol.to_string(),
            live_offers: 1
        }
    );
    s.advance(100);
    s.ok(&carol, &ExecuteMsg::CloseLease { lease_id: id }, &[]);
    s.ok(&carol, &req, &[]);
    s.check_invariants();
}

#[test]
fn withdrawing_collateral_before_the_unbonding_delay_is_refused() {
    let mut s = Suite::new();
    let carol = s.carol.clone();
    s.register(&carol, 5_000);
    s.ok(
        &carol,
        &ExecuteMsg::RequestCollateralWithdrawal { amount: u(5_000) },
        &[],
    );
    let release = s.now() + UNBONDING;
    s.advance(UNBONDING - 1);
    assert_eq!(
        s.refused(&carol, &ExecuteMsg::WithdrawCollateral {}, &[]),
        ContractError::UnbondingNotReady {
            release,
            now: release - 1
        }
    );
}

#[test]
fn every_owner_message_from_anyone_else_is_refused() {
    let mut s = Suite::new();
    let (stranger, arbiter, owner) = (s.stranger.clone(), s.arbiter.clone(), s.owner.clone());
    let msgs = [
        (
            "update_config",
            ExecuteMsg::UpdateConfig(ConfigUpdate {
                protocol_fee: Some(Bps::ZERO),
                ..Default::default()
            }),
        ),
        (
            "update_config",
            ExecuteMsg::UpdateConfig(ConfigUpdate {
                fee_collector: Some(stranger.to_string()),
                ..Default::default()
            }),
        ),
        (
            "update_assets",
            ExecuteMsg::UpdateAssets {
                add: vec![AssetInfoUnchecked::native(JUNK)],
                remove: vec![],
            },
        ),
        ("set_paused", ExecuteMsg::SetPaused { paused: true }),
    ];
    for who in [&stranger, &arbiter] {
        for (action, msg) in &msgs {
            assert_eq!(
                s.refused(who, msg, &[]),
                ContractError::NotOwner {
                    action: action.to_string(),
                    sender: who.to_string(),
                    owner: owner.to_string()
                }
            );
        }
    }
}

#[test]
fn a_protocol_fee_above_the_maximum_is_refused() {
    let mut s = Suite::new();
    let owner = s.owner.clone();
    assert_eq!(
        s.refused(
            &owner,
            &ExecuteMsg::UpdateConfig(ConfigUpdate {
                protocol_fee: Some(Bps::new(1_001).unwrap()),
                ..Default::default()
            }),
            &[]
        ),
        ContractError::FeeAboveMax {
            fee: 1_001,
            max: 1_000
        }
    );
    let mut msg = default_instantiate(&s);
    msg.protocol_fee = Bps::new(1_001).unwrap();
    let err = s
        .app
        .instantiate_contract(s.escrow_code, owner, &msg, &[], "x", None)
        .unwrap_err()
        .downcast::<ContractError>()
        .unwrap();
    assert_eq!(
        err,
        ContractError::FeeAboveMax {
            fee: 1_001,
            max: 1_000
        }
    );
}

#[test]
fn a_maximum_lease_duration_of_zero_or_beyond_a_century_is_refused() {
    let mut s = Suite::new();
    let owner = s.owner.clone();
    let cap = crate::execute::admin::MAX_LEASE_DURATION_CAP;
    for max in [0, cap + 1, u64::MAX] {
        assert_eq!(
            s.refused(
                &owner,
                &ExecuteMsg::UpdateConfig(ConfigUpdate {
                    max_lease_duration: Some(max),
                    ..Default::default()
                }),
                &[]
            ),
            ContractError::InvalidConfig {
                reason: format!("max_lease_duration must be 1 to {cap} seconds, got {max}")
            }
        );
    }
    s.ok(
        &owner,
        &ExecuteMsg::UpdateConfig(ConfigUpdate {
            max_lease_duration: Some(cap),
            ..Default::default()
        }),
        &[],
    );
}

#[test]
fn invalid_and_upper_case_addresses_are_refused() {
    let mut s = Suite::new();
    let (owner, alice) = (s.owner.clone(), s.alice.clone());
    let upper = alice.to_string().to_uppercase();
    s.deposit(&alice, 10);
    let msgs = [
        ExecuteMsg::UpdateConfig(ConfigUpdate {
            owner: Some(upper.clone()),
            ..Default::default()
        }),
        ExecuteMsg::UpdateConfig(ConfigUpdate {
            arbiter: Some("not-an-address".into()),
            ..Default::default()
        }),
        ExecuteMsg::UpdateConfig(ConfigUpdate {
            fee_collector: Some(upper.clone()),
            ..Default::default()
        }),
        ExecuteMsg::UpdateConfig(ConfigUpdate {
            collateral_hook: Some(upper.clone()),
            ..Default::default()
        }),
        ExecuteMsg::UpdateAssets {
            add: vec![AssetInfoUnchecked::cw20(s.token.to_string().to_uppercase())],
            remove: vec![],
        },
    ];
    for msg in &msgs {
        let err = s.refused(&owner, msg, &[]);
        assert!(
            matches!(
                err,
                ContractError::Std(_) | ContractError::Asset(AssetError::Std(_))
            ),
            "{err:?}"
        );
    }
    let err = s.refused(
        &alice,
        &ExecuteMsg::Deposit {
            beneficiary: Some(upper.clone()),
        },
        &[coin(1, CREDIT)],
    );
    assert!(matches!(err, ContractError::Std(_)), "{err:?}");
    let err = s.refused(
        &alice,
        &ExecuteMsg::Withdraw {
            asset: AssetInfoUnchecked::native(CREDIT),
            amount: u(1),
            recipient: Some(upper.clone()),
        },
        &[],
    );
    assert!(matches!(err, ContractError::Std(_)), "{err:?}");
    // at instantiate too
    let mut msg = default_instantiate(&s);
    msg.arbiter = upper;
    let err = s
        .app
        .instantiate_contract(s.escrow_code, owner, &msg, &[], "x", None)
        .unwrap_err()
        .downcast::<ContractError>()
        .unwrap();
    assert!(matches!(err, ContractError::Std(_)), "{err:?}");
}

#[test]
fn new_offers_leases_extensions_and_deposits_are_refused_while_paused() {
    let mut s = Suite::new();
    let (owner, alice, carol, dave, token) = (
        s.owner.clone(),
        s.alice.clone(),
        s.carol.clone(),
        s.dave.clone(),
        s.token.clone(),
    );
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 1_000);
    let id = s.open(&alice, offer, 100);
    s.ok(&owner, &ExecuteMsg::SetPaused { paused: true }, &[]);
    let p = ContractError::Paused {};
    assert_eq!(
        s.refused(
            &alice,
            &ExecuteMsg::OpenLease {
                offer_id: offer,
                duration: 10,
                max_price_per_hour: ANY_PRICE
            },
            &[]
        ),
        p
    );
    assert_eq!(
        s.refused(
            &alice,
            &ExecuteMsg::ExtendLease {
                lease_id: id,
                extra: 10,
                max_price_per_hour: ANY_PRICE
            },
            &[]
        ),
        p
    );
    assert_eq!(s.refused(&alice, &deposit(), &[coin(1, CREDIT)]), p);
    assert_eq!(
        s.refused_cw20(
            &alice,
            &token,
            1,
            &ReceiveMsg::Deposit { beneficiary: None }
        ),
        p
    );
    assert_eq!(
        s.refused(
            &carol,
            &ExecuteMsg::CreateOffer {
                offer: offer_params(AssetInfoUnchecked::native(CREDIT), 1)
            },
            &[]
        ),
        p
    );
    assert_eq!(
        s.refused(
            &dave,
            &ExecuteMsg::RegisterProvider {
                metadata: fairgrid::escrow::ProviderMetadata {
                    name: "d".into(),
                    contact: None
                }
            },
            &[coin(5_000, FAIR)]
        ),
        p
    );
}

#[test]
fn registering_with_too_little_or_the_wrong_collateral_is_refused() {
    let mut s = Suite::new();
    let dave = s.dave.clone();
    let reg = ExecuteMsg::RegisterProvider {
        metadata: fairgrid::escrow::ProviderMetadata {
            name: "d".into(),
            contact: None,
        },
    };
    assert_eq!(
        s.refused(&dave, &reg, &[coin(MIN_COLLATERAL - 1, FAIR)]),
        ContractError::CollateralBelowMin {
            collateral: u(MIN_COLLATERAL - 1),
            min: u(MIN_COLLATERAL)
        }
    );
    assert_eq!(
        s.refused(&dave, &reg, &[coin(5_000, CREDIT)]),
        ContractError::Asset(AssetError::WrongDenom {
            got: CREDIT.into(),
            expected: format!("one coin of the collateral asset native:{FAIR}")
        })
    );
    s.register(&dave, 5_000);
    assert_eq!(
        s.refused(&dave, &reg, &[coin(5_000, FAIR)]),
        ContractError::AlreadyRegistered {
            address: dave.to_string()
        }
    );
}

#[test]
fn a_cw20_lease_above_the_agreed_price_is_refused_and_the_tokens_stay() {
    let mut s = Suite::new();
    let (alice, carol, token) = (s.alice.clone(), s.carol.clone(), s.token.clone());
    s.register(&carol, 10_000);
    let offer = s.create_offer(
        &carol,
        offer_params(AssetInfoUnchecked::cw20(token.as_str()), 3_600),
    );
    let err = s.refused_cw20(
        &alice,
        &token,
        1_000,
        &ReceiveMsg::OpenLease {
            offer_id: offer,
            duration: 1_000,
            max_price_per_hour: u(3_599),
        },
    );
    assert_eq!(
        err,
        ContractError::PriceAboveAgreed {
            offer_id: offer,
            price: u(3_600),
            max_price_per_hour: u(3_599),
        }
    );
    // at exactly the agreed price it opens
    s.send_cw20(
        &alice,
        &token,
        1_000,
        &ReceiveMsg::OpenLease {
            offer_id: offer,
            duration: 1_000,
            max_price_per_hour: u(3_600),
        },
    )
    .unwrap();
    s.check_invariants();
}

fn resync(provider: &cosmwasm_std::Addr) -> ExecuteMsg {
    ExecuteMsg::ResyncCollateralWeight {
        provider: provider.to_string(),
    }
}

#[test]
fn resync_of_an_address_that_is_not_a_provider_is_refused() {
    let mut s = Suite::new();
    let (carol, dave) = (s.carol.clone(), s.dave.clone());
    s.register(&carol, 10_000);
    assert_eq!(
        s.refused(&carol, &resync(&dave), &[]),
        ContractError::NotRegistered {
            address: dave.to_string()
        }
    );
}

#[test]
fn resync_without_a_collateral_hook_is_refused() {
    let mut s = Suite::with(|m| m.collateral_hook = None);
    let (carol, stranger) = (s.carol.clone(), s.stranger.clone());
    s.register(&carol, 10_000);
    assert_eq!(
        s.refused(&stranger, &resync(&carol), &[]),
        ContractError::NoCollateralHook {
            provider: carol.to_string()
        }
    );
}

#[test]
fn resync_with_funds_attached_is_refused() {
    let mut s = Suite::new();
    let (carol, stranger) = (s.carol.clone(), s.stranger.clone());
    s.register(&carol, 10_000);
    assert_eq!(
        s.refused(&stranger, &resync(&carol), &[coin(1, FAIR)]),
        ContractError::Asset(AssetError::UnexpectedFunds {
            got: format!("1{FAIR}")
        })
    );
}

#[test]
fn a_dispute_reason_over_256_bytes_is_refused_naming_the_field() {
    let mut s = Suite::new();
    let alice = s.alice.clone();
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 1_000);
    let id = s.open(&alice, offer, 100);
    let open = |reason: String| ExecuteMsg::OpenDispute {
        lease_id: id,
        reason,
    };
    assert_eq!(
        s.refused(&alice, &open("é".repeat(129)), &[]),
        ContractError::TextTooLong {
            field: "reason".into(),
            len: 258,
            max: 256
        }
    );
    // 256 bytes exactly is the bound
    s.ok(&alice, &open("x".repeat(256)), &[]);
}
