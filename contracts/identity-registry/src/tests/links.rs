//! Linking, leaving, revoking and expiry, with the state after each step.

use fairgrid::identity::{ExecuteMsg, IdentitiesResponse, IdentityInfo, IdentityResponse};

use super::suite::*;

#[test]
fn new_identities_get_ids_from_one_assigned_by_the_registry() {
    let mut s = Suite::new();
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    assert_eq!(s.link(&alice, None), 1);
    assert_eq!(s.link(&bob, None), 2);
    assert_eq!(s.identity(&alice, None).identity, Some(1));
    assert_eq!(s.identity(&bob, None).identity, Some(2));
    assert_eq!(s.sub_identity(&alice), Some(1));
    assert_eq!(s.sub_identity(&bob), Some(2));
    assert_eq!(s.total(None), 2);
}

#[test]
fn linking_to_an_existing_identity_adds_the_address_to_it() {
    let mut s = Suite::new();
    let (a1, a2) = (s.addr("alice-1"), s.addr("alice-2"));
    let id = s.link(&a1, None);
    let a = s.attester2.clone();
    s.link_by(&a, &a2, Some(id), None);
    let mut both = vec![a1.clone(), a2.clone()];
    both.sort();
    assert_eq!(s.addresses(id), both);
    let ids: IdentitiesResponse = s.q(&fairgrid::identity::QueryMsg::Identities {
        start_after: None,
        limit: None,
    });
    assert_eq!(
        ids.identities,
        vec![IdentityInfo {
            identity: id,
            addresses: 2
        }]
    );
    assert_eq!(s.identity(&a2, None).attester, Some(s.attester2.clone()));
}

#[test]
fn an_address_leaves_on_its_own_and_subscribers_hear_of_it() {
    let mut s = Suite::new();
    let (a1, a2) = (s.addr("alice-1"), s.addr("alice-2"));
    let id = s.link(&a1, None);
    s.link(&a2, Some(id));
    let res = s.ok(&a1, &ExecuteMsg::Leave {});
    assert_eq!(attr(&res, "action"), "leave");
    assert_eq!(attr(&res, "addresses"), "1");
    assert_eq!(s.identity(&a1, None).identity, None);
    assert_eq!(s.sub_identity(&a1), None);
    assert_eq!(s.addresses(id), vec![a2.clone()]);
    assert_eq!(s.total(None), 1);
    // the last address leaving removes the identity; its id is never reused
    s.ok(&a2, &ExecuteMsg::Leave {});
    let ids: IdentitiesResponse = s.q(&fairgrid::identity::QueryMsg::Identities {
        start_after: None,
        limit: None,
    });
    assert!(ids.identities.is_empty());
    assert_eq!(s.link(&a1, None), id + 1);
}

#[test]
fn the_attester_that_linked_or_the_owner_revokes() {
    let mut s = Suite::new();
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    s.link(&alice, None);
    s.link(&bob, None);
    let attester = s.attester.clone();
    let res = s.ok(
        &attester,
        &ExecuteMsg::Revoke {
            address: alice.to_string(),
        },
    );
    assert_eq!(attr(&res, "action"), "revoke");
    assert_eq!(attr(&res, "sender"), attester.to_string());
    let owner = s.owner.clone();
    s.ok(
        &owner,
        &ExecuteMsg::Revoke {
            address: bob.to_string(),
        },
    );
    assert_eq!(s.identity(&alice, None).identity, None);
    assert_eq!(s.identity(&bob, None).identity, None);
    assert_eq!((s.sub_identity(&alice), s.sub_identity(&bob)), (None, None));
    assert_eq!(s.total(None), 0);
}

#[test]
fn an_expired_attestation_counts_as_no_identity_in_every_query() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    let attester = s.attester.clone();
    let expiry = s.height() + 10;
    let id = s.link_by(&attester, &alice, None, Some(expiry));
    s.advance(9);
    assert_eq!(s.identity(&alice, None).identity, Some(id));
    assert_eq!(s.member(&alice, None), Some(1));
    s.advance(1);
    assert_eq!(
        s.identity(&alice, None),
        IdentityResponse {
            identity: None,
            expired: Some(id),
            expires_at_height: Some(expiry),
            attester: Some(attester.clone()),
        }
    );
    assert_eq!(s.member(&alice, None), None);
    let list: cw4::MemberListResponse = s.q(&fairgrid::identity::QueryMsg::ListMembers {
        start_after: None,
        limit: None,
    });
    assert_eq!(list.members[0].weight, 0);
    // at heights before the expiry the link counted
    assert_eq!(s.member(&alice, Some(expiry - 1)), Some(1));
    assert_eq!(s.identity(&alice, Some(expiry)).identity, None);
}

#[test]
fn anyone_removes_an_expired_link_and_subscribers_hear_of_it() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    let attester = s.attester.clone();
    let expiry = s.height() + 5;
    let id = s.link_by(&attester, &alice, None, Some(expiry));
    s.advance(5);
    // until `expire`, the subscriber still holds the link
    assert_eq!(s.sub_identity(&alice), Some(id));
    let stranger = s.stranger.clone();
    let res = s.ok(
        &stranger,
        &ExecuteMsg::Expire {
            address: alice.to_string(),
        },
    );
    assert_eq!(attr(&res, "action"), "expire");
    assert_eq!(attr(&res, "expires_at_height"), expiry.to_string());
    assert_eq!(s.sub_identity(&alice), None);
    assert_eq!(
        s.identity(&alice, None),
        IdentityResponse {
            identity: None,
            expired: None,
            expires_at_height: None,
            attester: None,
        }
    );
    assert_eq!(s.total(None), 0);
}

#[test]
fn linking_an_address_with_an_expired_link_replaces_it() {
    let mut s = Suite::new();
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    let attester = s.attester.clone();
    let expiry = s.height() + 5;
    let old = s.link_by(&attester, &alice, None, Some(expiry));
    let other = s.link(&bob, None);
    s.advance(5);
    let res = s.ok(&attester, &Suite::link_msg(&alice, Some(other), None));
    assert_eq!(attr(&res, "replaced_identity"), old.to_string());
    assert_eq!(s.identity(&alice, None).identity, Some(other));
    assert_eq!(s.sub_identity(&alice), Some(other));
    assert_eq!(s.total(None), 2, "replaced, not added");
    assert!(s.addresses(old).is_empty());
}

#[test]
fn reads_at_a_height_see_the_links_at_the_start_of_that_block() {
    let mut s = Suite::new();
    let alice = s.addr("alice");
    let h0 = s.height();
    let id = s.link(&alice, None);
    // linked during block h0: counted from h0 + 1
    assert_eq!(s.member(&alice, Some(h0)), None);
    assert_eq!(s.total(Some(h0)), 0);
    s.advance(1);
    let h1 = s.height();
    assert_eq!(s.identity(&alice, Some(h1)).identity, Some(id));
    assert_eq!(s.total(Some(h1)), 1);
    s.ok(&alice, &ExecuteMsg::Leave {});
    s.advance(1);
    let bob = s.addr("bob");
    let bob_id = s.link(&bob, None);
    let moved = s.link(&alice, Some(bob_id));
    // what was read at h1 does not change with later moves
    assert_eq!(s.identity(&alice, Some(h1)).identity, Some(id));
    assert_eq!(s.identity(&alice, Some(h1 + 1)).identity, None);
    assert_eq!(s.identity(&alice, None).identity, Some(moved));
    assert_eq!(s.total(Some(h1)), 1);
    assert_eq!(s.total(None), 2);
}
