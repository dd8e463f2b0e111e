//! Sponsor grants: a sponsor's allowance pays a grantee's leases from the
//! sponsor's credits, and whatever those leases do not use (close, settle,
//! a ruling's renter side, a slash) returns to the sponsor, never to the
//! grantee. Refusals (limit, expiry, revocation, self-grant, reuse of a
//! revoked grant, wrong grantee, wrong asset) change nothing.

use cosmwasm_std::{coin, Uint128};
use fairgrid::escrow::{ConfigUpdate, ExecuteMsg, GrantsResponse, QueryMsg};
use fairgrid::{AssetInfoUnchecked, Bps};

use super::suite::*;
use crate::error::ContractError;

/// carol's offer at `price` ucredit/hour, alice (sponsor) with 1,000,000
/// ucredit of credits, and a grant from alice to bob of `limit`.
fn setup(price: u128, limit: u128, expires: Option<u64>) -> (Suite, u64, u64) {
    let mut s = Suite::new();
    let offer = s.provider_with_offer(price);
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.deposit(&alice, 1_000_000);
    let g = s.grant(&alice, &bob, limit, expires);
    s.check_invariants();
    (s, offer, g)
}

fn revoke(s: &mut Suite, grant_id: u64) {
    let alice = s.alice.clone();
    s.ok(&alice, &ExecuteMsg::RevokeGrant { grant_id }, &[]);
}

fn extend(lease_id: u64, extra: u64) -> ExecuteMsg {
    ExecuteMsg::ExtendLease {
        lease_id,
        extra,
        max_price_per_hour: ANY_PRICE,
    }
}

#[test]
fn a_grant_lease_takes_the_sponsors_credits_and_its_close_refund_returns_to_the_sponsor() {
    // 3,600/h = 1 ucredit per second
    let (mut s, offer, g) = setup(3_600, 5_000, None);
    let (alice, bob, carol) = (s.alice.clone(), s.bob.clone(), s.carol.clone());
    let res = s.ok(
        &bob,
        &ExecuteMsg::OpenLeaseFromGrant {
            grant_id: g,
            offer_id: offer,
            duration: 1_000,
            max_price_per_hour: u(3_600),
        },
        &[],
    );
    assert_eq!(attr(&res, "paid_from"), "grant");
    assert_eq!(attr(&res, "grant_id"), g.to_string());
    assert_eq!(attr(&res, "sponsor"), alice.to_string());
    assert_eq!(attr(&res, "renter"), bob.to_string());
    let lease: u64 = attr(&res, "lease_id").parse().unwrap();
    assert_eq!(s.lease(lease).grant_id, Some(g));
    assert_eq!(s.credits(&alice, &Suite::credit()), u(999_000));
    assert_eq!(s.credits(&bob, &Suite::credit()), u(0));
    let info = s.grant_info(g);
    assert_eq!((info.spent, info.available), (u(1_000), u(4_000)));
    s.check_invariants();

    s.advance(400);
    let res = s.ok(&bob, &ExecuteMsg::CloseLease { lease_id: lease }, &[]);
    assert_eq!(attr(&res, "refund"), "600");
    assert_eq!(attr(&res, "refund_to"), alice.to_string());
    assert_eq!(s.credits(&alice, &Suite::credit()), u(999_600));
    assert_eq!(s.credits(&bob, &Suite::credit()), u(0));
    let info = s.grant_info(g);
    assert_eq!((info.spent, info.available), (u(400), u(4_600)));
    s.check_invariants();

    // the provider is paid what ran: 400 gross, fee ceil(400 * 2.5 %) = 10
    s.advance(DELAY);
    let res = s.claim(&carol, vec![lease]);
    assert_eq!(attr(&res, "net"), "390");
    assert_eq!(attr(&res, "fee"), "10");
    assert_eq!(s.balance(&carol, CREDIT), u(START + 390));
    assert_eq!(s.balance(&bob, CREDIT), u(START));
    s.check_invariants();
}

#[test]
fn settling_a_grant_lease_returns_the_rounding_remainder_to_the_sponsor() {
    // 1 s at 3,601/h: reservation ceil(3601/3600) = 2, accrued floor = 1
    let (mut s, offer, g) = setup(3_601, 5_000, None);
    let (alice, bob, stranger) = (s.alice.clone(), s.bob.clone(), s.stranger.clone());
    let lease = s.open_from_grant(&bob, g, offer, 1);
    assert_eq!(s.credits(&alice, &Suite::credit()), u(999_998));
    s.advance(1);
    let res = s.ok(
        &stranger,
        &ExecuteMsg::Settle {
            lease_ids: vec![lease],
        },
        &[],
    );
    assert_eq!(attr(&res, "refund"), "1");
    assert_eq!(attr(&res, "refund_to"), alice.to_string());
    assert_eq!(s.credits(&alice, &Suite::credit()), u(999_999));
    assert_eq!(s.credits(&bob, &Suite::credit()), u(0));
    assert_eq!(s.grant_info(g).spent, u(1));
    s.check_invariants();
}

#[test]
fn extensions_of_a_grant_lease_draw_on_the_grant_within_its_limit_and_refuse_funds() {
    let (mut s, offer, g) = setup(3_600, 1_500, None);
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    let lease = s.open_from_grant(&bob, g, offer, 1_000);
    s.advance(100);
    let res = s.ok(&bob, &extend(lease, 400), &[]);
    assert_eq!(attr(&res, "paid"), "400");
    assert_eq!(attr(&res, "paid_from"), "grant");
    assert_eq!(s.credits(&alice, &Suite::credit()), u(998_600));
    assert_eq!(s.grant_info(g).spent, u(1_400));
    s.check_invariants();

    // the renter's own funds never mix into a sponsored lease
    assert_eq!(
        s.refused(&bob, &extend(lease, 50), &[coin(50, CREDIT)]),
        ContractError::GrantLeaseFunds {
            lease_id: lease,
            grant_id: g
        }
    );
    assert_eq!(
        s.refused(&bob, &extend(lease, 200), &[]),
        ContractError::GrantLimitExceeded {
            grant_id: g,
            limit: u(1_500),
            spent: u(1_400),
            requested: u(200),
        }
    );
    // exactly up to the limit is allowed
    s.ok(&bob, &extend(lease, 100), &[]);
    assert_eq!(s.grant_info(g).available, u(0));
    s.check_invariants();
}

#[test]
fn a_revoked_grant_pays_no_more_but_its_running_lease_still_refunds_to_the_sponsor() {
    let (mut s, offer, g) = setup(3_600, 5_000, None);
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    let lease = s.open_from_grant(&bob, g, offer, 1_000);
    let res = s.ok(&alice, &ExecuteMsg::RevokeGrant { grant_id: g }, &[]);
    assert_eq!(attr(&res, "action"), "revoke_grant");
    assert_eq!(attr(&res, "spent"), "1000");
    let info = s.grant_info(g);
    assert!(info.revoked);
    assert_eq!(info.available, u(0));
    assert_eq!(
        s.refused(&bob, &extend(lease, 10), &[]),
        ContractError::GrantRevoked { grant_id: g }
    );
    // a revoked grant reused for a new lease, or revoked twice
    let open = ExecuteMsg::OpenLeaseFromGrant {
        grant_id: g,
        offer_id: offer,
        duration: 10,
        max_price_per_hour: ANY_PRICE,
    };
    assert_eq!(
        s.refused(&bob, &open, &[]),
        ContractError::GrantRevoked { grant_id: g }
    );
    assert_eq!(
        s.refused(&alice, &ExecuteMsg::RevokeGrant { grant_id: g }, &[]),
        ContractError::GrantRevoked { grant_id: g }
    );
    s.advance(250);
    let res = s.ok(&bob, &ExecuteMsg::CloseLease { lease_id: lease }, &[]);
    assert_eq!(attr(&res, "refund_to"), alice.to_string());
    assert_eq!(s.credits(&alice, &Suite::credit()), u(999_750));
    assert_eq!(s.credits(&bob, &Suite::credit()), u(0));
    s.check_invariants();
}

#[test]
fn an_expired_grant_pays_no_more_but_a_lease_it_opened_runs_and_refunds_to_the_sponsor() {
    let mut s = Suite::new();
    let expires = s.now() + 500;
    let offer = s.provider_with_offer(3_600);
    let (alice, bob) = (s.alice.clone(), s.bob.clone());
    s.deposit(&alice, 1_000_000);
    let g = s.grant(&alice, &bob, 5_000, Some(expires));
    let lease = s.open_from_grant(&bob, g, offer, 1_000);
    s.advance(500);
    assert_eq!(
        s.refused(&bob, &extend(lease, 10), &[]),
        ContractError::GrantExpired {
            grant_id: g,
            expires,
            now: expires,
        }
    );
    let info = s.grant_info(g);
    assert!(info.expired);
    assert_eq!((info.expires, info.available), (Some(expires), u(0)));
    s.advance(100);
    let res = s.ok(&bob, &ExecuteMsg::CloseLease { lease_id: lease }, &[]);
    assert_eq!(attr(&res, "refund"), "400");
    assert_eq!(attr(&res, "refund_to"), alice.to_string());
    assert_eq!(s.credits(&alice, &Suite::credit()), u(999_400));
    s.check_invariants();
}

#[test]
fn a_ruling_on_a_grant_lease_gives_the_renter_side_and_the_slash_to_the_sponsor() {
    let (mut s, offer, g) = setup(3_600, 5_000, None);
    let (alice, bob, carol, owner, arbiter) = (
        s.alice.clone(),
        s.bob.clone(),
        s.carol.clone(),
        s.owner.clone(),
        s.arbiter.clone(),
    );
    s.ok(
        &owner,
        &ExecuteMsg::UpdateConfig(ConfigUpdate {
            dispute_bond: Some(Bps::new(1_000).unwrap()),
            ..Default::default()
        }),
        &[],
    );
    // the grantee posts the bond from its own credits: 10 % of 1,000
    s.deposit(&bob, 10_000);
    let lease = s.open_from_grant(&bob, g, offer, 1_000);
    s.advance(500);
    s.ok(
        &bob,
        &ExecuteMsg::OpenDispute {
            lease_id: lease,
            reason: "no GPU".into(),
        },
        &[],
    );
    assert_eq!(s.credits(&bob, &Suite::credit()), u(9_900));
    let res = s.ok(
        &arbiter,
        &ExecuteMsg::ResolveDispute {
            lease_id: lease,
            provider_share: Bps::new(5_000).unwrap(),
            slash: u(1_000),
        },
        &[],
    );
    // ended at 500 s: refund 500 and the renter's half of 500 to alice
    assert_eq!(attr(&res, "refund"), "500");
    assert_eq!(attr(&res, "to_renter"), "250");
    assert_eq!(attr(&res, "renter_side_to"), alice.to_string());
    assert_eq!(attr(&res, "bond_to"), bob.to_string());
    assert_eq!(s.credits(&alice, &Suite::credit()), u(999_750));
    assert_eq!(
        s.credits(&alice, &fairgrid::AssetInfo::native(FAIR)),
        u(1_000)
    );
    // the grantee gets back only its own bond
    assert_eq!(s.credits(&bob, &Suite::credit()), u(10_000));
    assert_eq!(s.credits(&bob, &fairgrid::AssetInfo::native(FAIR)), u(0));
    // provider: 250 gross, fee ceil(6.25) = 7
    assert_eq!(s.balance(&carol, CREDIT), u(START + 243));
    assert_eq!(s.grant_info(g).spent, u(250));
    s.check_invariants();
}

#[test]
fn grant_refusals_change_nothing() {
    let mut s = Suite::new();
    let now = s.now();
    let offer = s.provider_with_offer(3_600);
    let (alice, bob, carol, dave, stranger, token) = (
        s.alice.clone(),
        s.bob.clone(),
        s.carol.clone(),
        s.dave.clone(),
        s.stranger.clone(),
        s.token.clone(),
    );
    let gpu_offer = s.create_offer(
        &carol,
        offer_params(AssetInfoUnchecked::cw20(token.as_str()), 3_600),
    );
    s.deposit(&alice, 500);
    let create =
        |grantee: &cosmwasm_std::Addr, limit: u128, expires: Option<u64>| ExecuteMsg::CreateGrant {
            grantee: grantee.to_string(),
            asset: AssetInfoUnchecked::native(CREDIT),
            limit: Uint128::new(limit),
            expires,
        };
    assert_eq!(
        s.refused(&alice, &create(&alice, 100, None), &[]),
        ContractError::GrantToSelf {
            sponsor: alice.to_string()
        }
    );
    assert_eq!(
        s.refused(&alice, &create(&bob, 0, None), &[]),
        ContractError::ZeroAmount {
            what: "grant limit".into()
        }
    );
    assert_eq!(
        s.refused(&alice, &create(&bob, 100, Some(now)), &[]),
        ContractError::GrantExpiryPassed { expires: now, now }
    );
    let g = s.grant(&alice, &bob, 1_000, Some(now + 100));
    let open = |grant_id: u64, offer_id: u64, duration: u64| ExecuteMsg::OpenLeaseFromGrant {
        grant_id,
        offer_id,
        duration,
        max_price_per_hour: ANY_PRICE,
    };
    assert_eq!(
        s.refused(&bob, &open(g, offer, 2_000), &[]),
        ContractError::GrantLimitExceeded {
            grant_id: g,
            limit: u(1_000),
            spent: u(0),
            requested: u(2_000),
        }
    );
    assert_eq!(
        s.refused(&dave, &open(g, offer, 10), &[]),
        ContractError::NotGrantee {
            grant_id: g,
            sender: dave.to_string(),
            grantee: bob.to_string(),
        }
    );
    assert_eq!(
        s.refused(&bob, &open(g, gpu_offer, 10), &[]),
        ContractError::GrantAssetMismatch {
            grant_id: g,
            grant_asset: format!("native:{CREDIT}"),
            offer_asset: format!("cw20:{token}"),
        }
    );
    // within the limit, but the sponsor has only 500 free credits
    assert_eq!(
        s.refused(&bob, &open(g, offer, 600), &[]),
        ContractError::InsufficientCredits {
            asset: format!("native:{CREDIT}"),
            available: u(500),
            requested: u(600),
        }
    );
    assert_eq!(
        s.refused(&stranger, &ExecuteMsg::RevokeGrant { grant_id: g }, &[]),
        ContractError::NotSponsor {
            grant_id: g,
            sender: stranger.to_string(),
            sponsor: alice.to_string(),
        }
    );
    assert_eq!(
        s.refused(&bob, &open(99, offer, 10), &[]),
        ContractError::GrantNotFound { grant_id: 99 }
    );
    s.advance(100);
    assert_eq!(
        s.refused(&bob, &open(g, offer, 10), &[]),
        ContractError::GrantExpired {
            grant_id: g,
            expires: now + 100,
            now: now + 100,
        }
    );
    let g2 = s.grant(&alice, &bob, 1_000, None);
    revoke(&mut s, g2);
    assert_eq!(
        s.refused(&bob, &open(g2, offer, 10), &[]),
        ContractError::GrantRevoked { grant_id: g2 }
    );
    s.check_invariants();
}

#[test]
fn grants_are_listed_by_sponsor_and_by_grantee_page_by_page() {
    let mut s = Suite::new();
    let (alice, bob, dave, stranger) = (
        s.alice.clone(),
        s.bob.clone(),
        s.dave.clone(),
        s.stranger.clone(),
    );
    let g1 = s.grant(&alice, &bob, 100, None);
    let g2 = s.grant(&alice, &dave, 200, None);
    let g3 = s.grant(&stranger, &bob, 300, None);
    let ids = |r: GrantsResponse| r.grants.iter().map(|g| g.grant_id).collect::<Vec<_>>();
    let by_sponsor = |s: &Suite, start_after, limit| -> GrantsResponse {
        s.q(&QueryMsg::GrantsBySponsor {
            sponsor: alice.to_string(),
            start_after,
            limit,
        })
    };
    let by_grantee = |s: &Suite, start_after, limit| -> GrantsResponse {
        s.q(&QueryMsg::GrantsByGrantee {
            grantee: bob.to_string(),
            start_after,
            limit,
        })
    };
    assert_eq!(ids(by_sponsor(&s, None, None)), vec![g1, g2]);
    assert_eq!(ids(by_sponsor(&s, None, Some(1))), vec![g1]);
    assert_eq!(ids(by_sponsor(&s, Some(g1), Some(1))), vec![g2]);
    assert_eq!(ids(by_sponsor(&s, Some(g2), None)), Vec::<u64>::new());
    assert_eq!(ids(by_grantee(&s, None, None)), vec![g1, g3]);
    assert_eq!(ids(by_grantee(&s, Some(g1), Some(1))), vec![g3]);
    let first = by_grantee(&s, None, Some(1)).grants.remove(0);
    assert_eq!(first, s.grant_info(g1));
    assert_eq!(
        (
            first.sponsor,
            first.grantee,
            first.limit,
            first.spent,
            first.available
        ),
        (alice, bob, u(100), u(0), u(100))
    );
    assert_eq!(
        (first.expires, first.revoked, first.expired),
        (None, false, false)
    );
}
