//! "Must be refused": each refusal asserts the exact typed error, and
//! `Suite::refused` asserts that the registry's and the subscribers'
//! storage are unchanged.

use cosmwasm_std::coin;
use cw_multi_test::Executor;
use fairgrid::identity::{ExecuteMsg, MAX_ADDRESSES_LIMIT, MAX_SUBSCRIBERS};
use fairgrid::AssetError;

use super::suite::*;
use crate::ContractError;

#[test]
fn linking_an_address_that_already_has_an_identity_is_refused() {
    let mut s = Suite::new();
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    let id = s.link(&alice, None);
    let other = s.link(&bob, None);
    let attester2 = s.attester2.clone();
    for target in [None, Some(id), Some(other)] {
        assert_eq!(
            s.refused(&attester2, &Suite::link_msg(&alice, target, None)),
            ContractError::AlreadyLinked {
                address: alice.to_string(),
                identity: id
            }
        );
    }
}

#[test]
fn linking_more_addresses_than_the_bound_is_refused() {
    let mut s = Suite::new();
    let id = s.link(&s.addr("a0"), None);
    for i in 1..MAX {
        s.link(&s.addr(&format!("a{i}")), Some(id));
    }
    let extra = s.addr("one-too-many");
    let attester = s.attester.clone();
    assert_eq!(
        s.refused(&attester, &Suite::link_msg(&extra, Some(id), None)),
        ContractError::IdentityFull {
            identity: id,
            addresses: MAX,
            max: MAX
        }
    );
}

#[test]
fn expired_links_fill_the_bound_until_expire_removes_them() {
    let mut s = Suite::new();
    let attester = s.attester.clone();
    let expiry = s.height() + 2;
    let first = s.addr("a0");
    let id = s.link_by(&attester, &first, None, Some(expiry));
    for i in 1..MAX {
        s.link(&s.addr(&format!("a{i}")), Some(id));
    }
    s.advance(2);
    let extra = s.addr("extra");
    assert_eq!(
        s.refused(&attester, &Suite::link_msg(&extra, Some(id), None)),
        ContractError::IdentityFull {
            identity: id,
            addresses: MAX,
            max: MAX
        }
    );
    let stranger = s.stranger.clone();
    s.ok(
        &stranger,
        &ExecuteMsg::Expire {
            address: first.to_string(),
        },
    );
    s.link(&extra, Some(id));
}

#[test]
fn attestation_by_a_non_attester_is_refused() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    let id = s.link(&s.addr("bob"), None);
    let (stranger, owner) = (s.stranger.clone(), s.owner.clone());
    for sender in [&stranger, &owner, &alice] {
        for target in [None, Some(id)] {
            assert_eq!(
                s.refused(sender, &Suite::link_msg(&alice, target, None)),
                ContractError::NotAttester {
                    sender: sender.to_string()
                }
            );
        }
    }
}

#[test]
fn a_removed_attester_can_no_longer_attest() {
    let mut s = Suite::new();
    let (owner, attester) = (s.owner.clone(), s.attester.clone());
    s.ok(
        &owner,
        &ExecuteMsg::UpdateAttesters {
            add: vec![],
            remove: vec![attester.to_string()],
        },
    );
    let alice = s.addr("alice");
    assert_eq!(
        s.refused(&attester, &Suite::link_msg(&alice, None, None)),
        ContractError::NotAttester {
            sender: attester.to_string()
        }
    );
}

#[test]
fn attester_changes_not_sent_by_the_owner_are_refused() {
    let mut s = Suite::new();
    let (owner, attester, stranger) = (s.owner.clone(), s.attester.clone(), s.stranger.clone());
    let msgs = [
        ExecuteMsg::UpdateAttesters {
            add: vec![stranger.to_string()],
            remove: vec![],
        },
        ExecuteMsg::UpdateAttesters {
            add: vec![],
            remove: vec![s.attester2.to_string()],
        },
        ExecuteMsg::UpdateSubscribers {
            add: vec![stranger.to_string()],
            remove: vec![],
        },
        ExecuteMsg::UpdateConfig {
            owner: Some(stranger.to_string()),
            max_addresses: None,
        },
    ];
    for msg in &msgs {
        for sender in [&stranger, &attester] {
            assert_eq!(
                s.refused(sender, msg),
                ContractError::NotOwner {
                    sender: sender.to_string(),
                    owner: owner.to_string()
                }
            );
        }
    }
}

#[test]
fn an_expired_attestation_is_not_counted_and_cannot_be_kept_alive() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    let attester = s.attester.clone();
    let expiry = s.height() + 3;
    s.link_by(&attester, &alice, None, Some(expiry));
    // an expiry at or below the current height is refused
    let height = s.height();
    assert_eq!(
        s.refused(
            &attester,
            &Suite::link_msg(&s.addr("bob"), None, Some(height))
        ),
        ContractError::ExpiryNotAhead {
            expires_at_height: height,
            height
        }
    );
    // a live link cannot be expired
    let stranger = s.stranger.clone();
    let expire = ExecuteMsg::Expire {
        address: alice.to_string(),
    };
    assert_eq!(
        s.refused(&stranger, &expire),
        ContractError::NotYetExpired {
            address: alice.to_string(),
            expires_at_height: expiry,
            height
        }
    );
    s.advance(3);
    // expired: counted nowhere, though still stored until `expire`
    assert_eq!(s.member(&alice, None), None);
    assert_eq!(s.identity(&alice, None).identity, None);
    s.ok(&stranger, &expire);
}

#[test]
fn expiring_a_link_without_expiry_or_without_link_is_refused() {
    let mut s = Suite::new();
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    let id = s.link(&alice, None);
    let stranger = s.stranger.clone();
    assert_eq!(
        s.refused(
            &stranger,
            &ExecuteMsg::Expire {
                address: alice.to_string()
            }
        ),
        ContractError::NeverExpires {
            address: alice.to_string(),
            identity: id
        }
    );
    assert_eq!(
        s.refused(
            &stranger,
            &ExecuteMsg::Expire {
                address: bob.to_string()
            }
        ),
        ContractError::NotLinked {
            address: bob.to_string()
        }
    );
}

#[test]
fn revoking_a_link_made_by_another_attester_is_refused() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    s.link(&alice, None);
    let (attester, attester2, stranger) =
        (s.attester.clone(), s.attester2.clone(), s.stranger.clone());
    let revoke = ExecuteMsg::Revoke {
        address: alice.to_string(),
    };
    for sender in [&attester2, &stranger, &alice] {
        assert_eq!(
            s.refused(sender, &revoke),
            ContractError::NotLinkAttester {
                address: alice.to_string(),
                sender: sender.to_string(),
                attester: attester.to_string()
            }
        );
    }
}

#[test]
fn leaving_or_revoking_without_a_link_is_refused() {
    let mut s = Suite::new();
    let (alice, attester) = (s.addr("alice"), s.attester.clone());
    assert_eq!(
        s.refused(&alice, &ExecuteMsg::Leave {}),
        ContractError::NotLinked {
            address: alice.to_string()
        }
    );
    assert_eq!(
        s.refused(
            &attester,
            &ExecuteMsg::Revoke {
                address: alice.to_string()
            }
        ),
        ContractError::NotLinked {
            address: alice.to_string()
        }
    );
}

#[test]
fn linking_to_an_identity_that_does_not_exist_is_refused() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    let attester = s.attester.clone();
    // ids are assigned by the registry: no one picks an unused one
    assert_eq!(
        s.refused(&attester, &Suite::link_msg(&alice, Some(1), None)),
        ContractError::IdentityNotFound { identity: 1 }
    );
}

#[test]
fn funds_sent_with_any_message_are_refused() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    let attester = s.attester.clone();
    s.app
        .init_modules(|r, _, st| r.bank.init_balance(st, &attester, vec![coin(5, "ufair")]))
        .unwrap();
    let before = s.snapshot();
    let err = s
        .app
        .execute_contract(
            attester.clone(),
            s.registry.clone(),
            &Suite::link_msg(&alice, None, None),
            &[coin(5, "ufair")],
        )
        .unwrap_err();
    assert_eq!(before, s.snapshot());
    assert_eq!(
        fairgrid_testing::downcast::<ContractError>(err),
        ContractError::Asset(AssetError::UnexpectedFunds {
            got: "5ufair".into()
        })
    );
}

#[test]
fn bad_configuration_and_list_changes_are_refused() {
    let mut s = Suite::new();
    let (owner, attester, stranger) = (s.owner.clone(), s.attester.clone(), s.stranger.clone());
    for max in [0, MAX_ADDRESSES_LIMIT + 1] {
        assert_eq!(
            s.refused(
                &owner,
                &ExecuteMsg::UpdateConfig {
                    owner: None,
                    max_addresses: Some(max)
                }
            ),
            ContractError::InvalidMaxAddresses {
                max_addresses: max,
                limit: MAX_ADDRESSES_LIMIT
            }
        );
    }
    let attesters = |add: &Addr, remove: &[&Addr]| ExecuteMsg::UpdateAttesters {
        add: vec![add.to_string()],
        remove: remove.iter().map(|a| a.to_string()).collect(),
    };
    use cosmwasm_std::Addr;
    assert_eq!(
        s.refused(&owner, &attesters(&attester, &[])),
        ContractError::AttesterExists {
            address: attester.to_string()
        }
    );
    assert_eq!(
        s.refused(&owner, &attesters(&attester, &[&stranger])),
        ContractError::UnknownAttester {
            address: stranger.to_string()
        }
    );
    let sub = s.sub.clone();
    let subs =
        |add: Vec<String>, remove: Vec<String>| ExecuteMsg::UpdateSubscribers { add, remove };
    assert_eq!(
        s.refused(&owner, &subs(vec![sub.to_string()], vec![])),
        ContractError::SubscriberExists {
            address: sub.to_string()
        }
    );
    assert_eq!(
        s.refused(&owner, &subs(vec![], vec![stranger.to_string()])),
        ContractError::UnknownSubscriber {
            address: stranger.to_string()
        }
    );
    let many: Vec<String> = (0..MAX_SUBSCRIBERS)
        .map(|i| s.addr(&format!("sub{i}")).to_string())
        .collect();
    assert_eq!(
        s.refused(&owner, &subs(many, vec![])),
        ContractError::TooMany {
            what: "subscribers".into(),
            count: MAX_SUBSCRIBERS + 1,
            max: MAX_SUBSCRIBERS
        }
    );
}
