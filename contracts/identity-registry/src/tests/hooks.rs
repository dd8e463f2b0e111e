//! Every change reaches every subscriber in the same transaction; a failing
//! subscriber makes the change fail.

use fairgrid::identity::ExecuteMsg;

use super::suite::*;

/// (contract address, action) of every wasm event, in order.
fn wasm_events(res: &cw_multi_test::AppResponse) -> Vec<String> {
    res.events
        .iter()
        .filter(|e| e.ty == "execute")
        .flat_map(|e| e.attributes.iter().map(|a| a.value.clone()))
        .collect()
}

#[test]
fn hooks_are_sent_in_the_same_transaction_for_every_change() {
    let mut s = Suite::new();
    let (a1, a2) = (s.addr("alice-1"), s.addr("alice-2"));
    let attester = s.attester.clone();
    let expiry = s.height() + 4;
    // link, link to existing, revoke, leave, expire: one hook each
    let res = s.ok(&attester, &Suite::link_msg(&a1, None, Some(expiry)));
    assert_eq!(
        wasm_events(&res),
        vec![s.registry.to_string(), s.sub.to_string()],
        "the subscriber ran inside the link transaction"
    );
    assert_eq!((s.sub_received(), s.sub_identity(&a1)), (1, Some(1)));
    s.link(&a2, Some(1));
    assert_eq!((s.sub_received(), s.sub_identity(&a2)), (2, Some(1)));
    s.ok(
        &attester,
        &ExecuteMsg::Revoke {
            address: a2.to_string(),
        },
    );
    assert_eq!((s.sub_received(), s.sub_identity(&a2)), (3, None));
    s.advance(4);
    let stranger = s.stranger.clone();
    s.ok(
        &stranger,
        &ExecuteMsg::Expire {
            address: a1.to_string(),
        },
    );
    assert_eq!((s.sub_received(), s.sub_identity(&a1)), (4, None));
    s.link(&a1, None);
    s.ok(&a1, &ExecuteMsg::Leave {});
    assert_eq!((s.sub_received(), s.sub_identity(&a1)), (6, None));
}

#[test]
fn every_subscriber_receives_each_change_and_a_removed_one_none() {
    let mut s = Suite::new();
    let owner = s.owner.clone();
    // a second recording subscriber: another instance of the same code
    let code = s
        .app
        .wrap()
        .query_wasm_contract_info(s.sub.clone())
        .unwrap()
        .code_id;
    let sub2 = cw_multi_test::Executor::instantiate_contract(
        &mut s.app,
        code,
        owner.clone(),
        &fairgrid_testing::MirrorInit::default(),
        &[],
        "sub2",
        None,
    )
    .unwrap();
    s.ok(
        &owner,
        &ExecuteMsg::UpdateSubscribers {
            add: vec![sub2.to_string()],
            remove: vec![],
        },
    );
    let alice = s.addr("alice");
    s.link(&alice, None);
    fn received(s: &Suite, at: &cosmwasm_std::Addr) -> u64 {
        Subscriber::new(&s.app, at).received()
    }
    assert_eq!((received(&s, &s.sub), received(&s, &sub2)), (1, 1));
    s.ok(
        &owner,
        &ExecuteMsg::UpdateSubscribers {
            add: vec![],
            remove: vec![sub2.to_string()],
        },
    );
    s.link(&s.addr("bob"), None);
    assert_eq!((received(&s, &s.sub), received(&s, &sub2)), (2, 1));
}

#[test]
fn a_failing_subscriber_makes_the_change_fail_until_governance_removes_it() {
    let mut s = Suite::new();
    let (owner, failing) = (s.owner.clone(), s.failing.clone());
    let alice = s.addr("alice");
    let id = s.link(&alice, None);
    s.ok(
        &owner,
        &ExecuteMsg::UpdateSubscribers {
            add: vec![failing.to_string()],
            remove: vec![],
        },
    );
    let attester = s.attester.clone();
    let bob = s.addr("bob");
    // the whole transaction fails: no link, no hook to the others
    let before = s.snapshot();
    let err = s
        .exec(&attester, &Suite::link_msg(&bob, Some(id), None))
        .unwrap_err();
    assert_eq!(before, s.snapshot(), "nothing recorded");
    assert!(
        format!("{err:?}").contains("hook receiver refuses"),
        "the subscriber's error: {err:?}"
    );
    // an address cannot leave either while the subscriber fails
    assert!(s.exec(&alice, &ExecuteMsg::Leave {}).is_err());
    assert_eq!(before, s.snapshot());
    s.ok(
        &owner,
        &ExecuteMsg::UpdateSubscribers {
            add: vec![],
            remove: vec![failing.to_string()],
        },
    );
    s.link(&bob, Some(id));
    assert_eq!(s.sub_identity(&bob), Some(id));
}
