//! The events of identity-registry.

use super::*;

#[test]
fn every_identity_registry_message_emits_its_documented_attributes() {
    let owner = addr("identity-owner");
    let attester = addr("attester");
    let (alice, alice2, bob) = (addr("alice"), addr("alice-2"), addr("bob"));
    let mut t = Suite::new(&[], &[]);
    let market_registry = t.m.identity.clone();
    let r = t.instantiate(
        &market_registry,
        IDENTITY,
        &identity::InstantiateMsg {
            owner: owner.to_string(),
            max_addresses: 5,
            attesters: vec![attester.to_string()],
            subscribers: vec![],
        },
        &owner,
    );
    use identity::ExecuteMsg as X;
    let link = |address: &Addr, identity, expires_at_height| X::Link {
        address: address.to_string(),
        identity,
        expires_at_height,
    };
    let height = t.m.app.block_info().height;
    t.identity(&r, &attester, link(&alice, None, None));
    t.identity(&r, &attester, link(&alice2, Some(1), Some(height + 2)));
    t.identity(&r, &attester, link(&bob, Some(1), None));
    t.identity(
        &r,
        &attester,
        X::Revoke {
            address: bob.to_string(),
        },
    );
    t.identity(&r, &alice, X::Leave {});
    t.m.advance(10);
    t.identity(
        &r,
        &bob,
        X::Expire {
            address: alice2.to_string(),
        },
    );
    // an expired link replaced by a new one
    let height = t.m.app.block_info().height;
    t.identity(&r, &attester, link(&bob, None, Some(height + 1)));
    t.m.advance(10);
    t.identity(&r, &attester, link(&bob, None, None));
    t.identity(
        &r,
        &owner,
        X::UpdateAttesters {
            add: vec![addr("attester-2").to_string()],
            remove: vec![attester.to_string()],
        },
    );
    t.identity(
        &r,
        &owner,
        X::UpdateSubscribers {
            add: vec![addr("future-subscriber").to_string()],
            remove: vec![],
        },
    );
    t.identity(
        &r,
        &owner,
        X::UpdateConfig {
            owner: None,
            max_addresses: Some(3),
        },
    );
    t.migrate(&owner, &r);

    t.assert_all_seen(IDENTITY);
    t.assert_all_sent(IDENTITY, variants::<identity::ExecuteMsg>());
}
