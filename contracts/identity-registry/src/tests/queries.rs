//! Paginated lists return each item exactly once; cw4 queries answer as a
//! cw4 group would.

use std::collections::BTreeSet;

use cosmwasm_std::Addr;
use fairgrid::identity::{
    AddressesResponse, AttestersResponse, ConfigResponse, ExecuteMsg, IdentitiesResponse, QueryMsg,
};

use super::suite::*;

/// Pages through a list with `limit`, collecting every item.
fn all_pages<T: Clone, K>(
    limit: u32,
    mut page: impl FnMut(Option<K>, u32) -> Vec<T>,
    key: impl Fn(&T) -> K,
) -> Vec<T> {
    let mut out: Vec<T> = vec![];
    let mut start = None;
    loop {
        let items = page(start.take(), limit);
        assert!(items.len() <= limit as usize);
        let Some(last) = items.last() else { break };
        start = Some(key(last));
        out.extend(items);
    }
    out
}

#[test]
fn pagination_returns_each_item_exactly_once() {
    let mut s = Suite::new();
    let owner = s.owner.clone();
    let extra: Vec<Addr> = (0..7).map(|i| s.addr(&format!("attester-{i}"))).collect();
    s.ok(
        &owner,
        &ExecuteMsg::UpdateAttesters {
            add: extra.iter().map(|a| a.to_string()).collect(),
            remove: vec![],
        },
    );
    s.ok(
        &owner,
        &ExecuteMsg::UpdateConfig {
            owner: None,
            max_addresses: Some(20),
        },
    );
    let mut members = vec![];
    let mut ids = vec![];
    for i in 0..23u32 {
        let a = s.addr(&format!("holder-{i}"));
        let target = if i % 3 == 0 {
            None
        } else {
            ids.last().copied()
        };
        let id = s.link(&a, target);
        if target.is_none() {
            ids.push(id);
        }
        members.push(a);
    }
    let first = ids[0];
    for i in 0..12u32 {
        let a = s.addr(&format!("many-{i}"));
        s.link(&a, Some(first));
        members.push(a);
    }
    for limit in [1, 2, 5, 30] {
        let got = all_pages(
            limit,
            |start: Option<String>, limit| {
                let r: cw4::MemberListResponse = s.q(&QueryMsg::ListMembers {
                    start_after: start,
                    limit: Some(limit),
                });
                r.members
            },
            |m| m.addr.clone(),
        );
        let set: BTreeSet<String> = got.iter().map(|m| m.addr.clone()).collect();
        assert_eq!(set.len(), got.len(), "no member twice");
        assert_eq!(set, members.iter().map(|a| a.to_string()).collect());
        assert!(got.iter().all(|m| m.weight == 1));

        let got = all_pages(
            limit,
            |start: Option<String>, limit| {
                let r: AttestersResponse = s.q(&QueryMsg::Attesters {
                    start_after: start,
                    limit: Some(limit),
                });
                r.attesters
            },
            |a| a.to_string(),
        );
        assert_eq!(got.len(), 9);
        assert_eq!(got.iter().collect::<BTreeSet<_>>().len(), 9);

        let got = all_pages(
            limit,
            |start: Option<u64>, limit| {
                let r: IdentitiesResponse = s.q(&QueryMsg::Identities {
                    start_after: start,
                    limit: Some(limit),
                });
                r.identities
            },
            |i| i.identity,
        );
        assert_eq!(got.iter().map(|i| i.identity).collect::<Vec<_>>(), ids);
        assert_eq!(got.iter().map(|i| i.addresses).sum::<u32>(), 35);

        let got = all_pages(
            limit,
            |start: Option<String>, limit| {
                let r: AddressesResponse = s.q(&QueryMsg::Addresses {
                    identity: first,
                    start_after: start,
                    limit: Some(limit),
                });
                r.addresses
            },
            |a| a.address.to_string(),
        );
        let set: BTreeSet<Addr> = got.iter().map(|a| a.address.clone()).collect();
        assert_eq!((got.len(), set.len()), (15, 15));
    }
}

#[test]
fn cw4_queries_answer_as_a_cw4_group_would() {
    let mut s = Suite::new();
    let (alice, bob) = (s.addr("alice"), s.addr("bob"));
    s.link(&alice, None);
    // a cw4 client's own query messages
    let member: cw4::MemberResponse = s
        .app
        .wrap()
        .query_wasm_smart(
            s.registry.clone(),
            &cw4::Cw4QueryMsg::Member {
                addr: alice.to_string(),
                at_height: None,
            },
        )
        .unwrap();
    assert_eq!(member.weight, Some(1));
    assert_eq!(s.member(&bob, None), None);
    assert_eq!(s.total(None), 1);
    let admin: cw4::AdminResponse = s.q(&QueryMsg::Admin {});
    assert_eq!(admin.admin, Some(s.owner.to_string()));
    let hooks: cw4::HooksResponse = s.q(&QueryMsg::Hooks {});
    assert_eq!(hooks.hooks, vec![s.sub.to_string()]);
    let cfg: ConfigResponse = s.q(&QueryMsg::Config {});
    assert_eq!(
        cfg,
        ConfigResponse {
            owner: s.owner.clone(),
            max_addresses: MAX,
            subscribers: vec![s.sub.clone()],
            attesters: 2,
            next_identity: 2,
        }
    );
}
