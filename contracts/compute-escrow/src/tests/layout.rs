//! Stored bytes. Golden records pin today's layout (a change to any
//! record's bytes fails here and needs a `migrate` conversion), and a store
//! written in layout 1 (commit 920be6d: owed totals as bare amounts, offer
//! slots as a bare count, no layout key) is migrated and then runs a full
//! lease lifecycle with held == owed after every step and nothing left at
//! the end.

use cosmwasm_std::{coin, Order, Uint128};
use cw_multi_test::Executor;
use fairgrid::escrow::{ConfigUpdate, ExecuteMsg, MigrateMsg};
use fairgrid::AssetInfoUnchecked;
use fairgrid::Bps;

use super::suite::*;

/// A market using every record: collateral, an offer, a grant and a lease
/// paid from it, a lease paid by its renter, a claim (track record, fees
/// owed), a dispute with a bond.
fn busy() -> Suite {
    let mut s = Suite::new();
    let (alice, bob, carol, owner) = (
        s.alice.clone(),
        s.bob.clone(),
        s.carol.clone(),
        s.owner.clone(),
    );
    let offer = s.provider_with_offer(3_600);
    s.ok(
        &owner,
        &ExecuteMsg::UpdateConfig(ConfigUpdate {
            dispute_bond: Some(Bps::new(1_000).unwrap()),
            ..Default::default()
        }),
        &[],
    );
    s.deposit(&alice, 1_000_000);
    let expires = s.now() + 10_000;
    let g = s.grant(&alice, &bob, 5_000, Some(expires));
    s.open_from_grant(&bob, g, offer, 1_000);
    let own = s.open(&alice, offer, 2_000);
    s.advance(1_200);
    s.claim(&carol, vec![1]);
    s.ok(
        &alice,
        &ExecuteMsg::OpenDispute {
            lease_id: own,
            reason: "slow".into(),
        },
        &[],
    );
    s.check_invariants();
    s
}

/// The dump with the cast's addresses written as `{name}`.
fn named_dump(s: &Suite) -> Vec<String> {
    let cast = [
        (&s.alice, "alice"),
        (&s.bob, "bob"),
        (&s.carol, "carol"),
        (&s.owner, "owner"),
        (&s.arbiter, "arbiter"),
        (&s.collector, "collector"),
        (&s.hook, "hook"),
        (&s.token, "token"),
    ];
    fairgrid_testing::named_records(&s.app, &s.escrow, &cast)
}

#[test]
fn todays_stored_bytes_of_every_record_are_pinned() {
    let s = busy();
    let golden = [
        r#"\x00\x01ac{token} => null"#,
        r#"\x00\x01anucredit => null"#,
        r#"\x00\x01g\x00\x00\x00\x00\x00\x00\x00\x01 => {"s":"{alice}","g":"{bob}","a":"nucredit","l":"5000","u":"1000","e":1571807419}"#,
        r#"\x00\x01l\x00\x00\x00\x00\x00\x00\x00\x01 => {"o":1,"r":"{bob}","h":"3600","f":250,"d":600,"s":1571797419,"e":1571798419,"v":"1000","c":"600","g":1}"#,
        r#"\x00\x01l\x00\x00\x00\x00\x00\x00\x00\x02 => {"o":1,"r":"{alice}","h":"3600","f":250,"d":600,"s":1571797419,"e":1571799419,"v":"2000","q":1}"#,
        r#"\x00\x01o\x00\x00\x00\x00\x00\x00\x00\x01 => {"p":"{carol}","a":"nucredit","h":"3600","n":1,"x":604800,"s":2}"#,
        r#"\x00\x01p{carol} => {"c":"10000","o":1,"d":1}"#,
        r#"\x00\x02cr\x00C{alice}nucredit => "996800""#,
        r#"\x00\x02db\x00\x00\x00\x00\x00\x00\x00\x02 => "200""#,
        r#"\x00\x02dr\x00\x00\x00\x00\x00\x00\x00\x02 => "slow""#,
        r#"\x00\x02gg\x00C{bob}\x00\x00\x00\x00\x00\x00\x00\x01 => null"#,
        r#"\x00\x02gs\x00C{alice}\x00\x00\x00\x00\x00\x00\x00\x01 => null"#,
        r#"\x00\x02lp\x00C{carol}\x00\x00\x00\x00\x00\x00\x00\x01 => null"#,
        r#"\x00\x02lp\x00C{carol}\x00\x00\x00\x00\x00\x00\x00\x02 => null"#,
        r#"\x00\x02lr\x00C{alice}\x00\x00\x00\x00\x00\x00\x00\x02 => null"#,
        r#"\x00\x02lr\x00C{bob}\x00\x00\x00\x00\x00\x00\x00\x01 => null"#,
        r#"\x00\x02op\x00C{carol}\x00\x00\x00\x00\x00\x00\x00\x01 => null"#,
        r#"\x00\x02os\x00\x00\x00\x00\x00\x00\x00\x01 => {"gpu_model":"H100","gpu_count":8,"memory_gib":80,"region":"eu-west"}"#,
        r#"\x00\x02ou\x00\x00\x00\x00\x00\x00\x00\x01 => {"n":2,"l":1571800019}"#,
        r#"\x00\x02ownucredit => {"t":"999415","f":"15"}"#,
        r#"\x00\x02ownufair => {"t":"10000"}"#,
        r#"\x00\x02pm{carol} => {"name":"rack","contact":null}"#,
        r#"\x00\x02pr{carol} => {"d":1,"e":[["nucredit","585"]],"w":"15"}"#,
        r#"c => {"owner":"{owner}","arbiter":"{arbiter}","collateral_hook":"{hook}","collateral_asset":{"native":"ufair"},"unbonding_delay":86400,"max_lease_duration":2592000,"b":1000,"s":{"native":"ucredit"}}"#,
        r#"contract_info => {"contract":"crates.io:fairgrid-compute-escrow","version":"0.1.0"}"#,
        r#"h => {"f":250,"d":600,"m":"1000","c":"{collector}"}"#,
        r#"ng => 2"#,
        r#"nl => 3"#,
        r#"no => 2"#,
        r#"sw => {"a":"nucredit","h":"{hook}"}"#,
        r#"v => 3"#,
    ];
    assert_eq!(named_dump(&s), golden.map(String::from).to_vec());
}

/// Writes `value` under the raw `key` of the escrow's store.
fn put(s: &mut Suite, key: &[u8], value: &str) {
    let escrow = s.escrow.clone();
    s.app
        .contract_storage_mut(&escrow)
        .set(key, value.as_bytes());
}

/// `ns` length-prefixed, then `parts`: a cw-storage-plus map key.
fn map_key(ns: &str, parts: &[&[u8]]) -> Vec<u8> {
    let mut k = vec![0, ns.len() as u8];
    k.extend_from_slice(ns.as_bytes());
    for (i, p) in parts.iter().enumerate() {
        if i + 1 < parts.len() {
            k.extend_from_slice(&(p.len() as u16).to_be_bytes());
        }
        k.extend_from_slice(p);
    }
    k
}

/// A store as the code of commit 920be6d wrote it: carol's collateral
/// (10,000 ufair, no hook), her offer 1 (3,600 ucredit/h, 2 slots), alice's
/// 1,000,000 ucredit deposit and her running lease 1 of 2,000 s from
/// credits. Owed totals are bare amounts, the offer's slots a bare count;
/// there is no layout key, no track record, no grant. The escrow's bank
/// balances match.
fn layout_1_store() -> Suite {
    let mut s = Suite::new();
    let escrow = s.escrow.clone();
    let keys: Vec<Vec<u8>> = {
        let store = s.app.contract_storage(&escrow);
        store
            .range(None, None, Order::Ascending)
            .map(|(k, _)| k)
            .collect()
    };
    for k in keys {
        s.app.contract_storage_mut(&escrow).remove(&k);
    }
    let t = s.now();
    let (alice, carol) = (s.alice.to_string(), s.carol.to_string());
    let (owner, arbiter) = (s.owner.to_string(), s.arbiter.to_string());
    let (collector, token) = (s.collector.to_string(), s.token.to_string());
    let id1 = 1u64.to_be_bytes();
    let records: Vec<(Vec<u8>, String)> = vec![
        (
            b"contract_info".to_vec(),
            r#"{"contract":"crates.io:fairgrid-compute-escrow","version":"0.1.0"}"#.into(),
        ),
        (
            b"h".to_vec(),
            format!(r#"{{"f":250,"d":600,"m":"1000","c":"{collector}"}}"#),
        ),
        (
            b"c".to_vec(),
            format!(
                r#"{{"owner":"{owner}","arbiter":"{arbiter}","collateral_hook":null,"collateral_asset":{{"native":"ufair"}},"unbonding_delay":86400,"max_lease_duration":2592000}}"#
            ),
        ),
        (map_key("a", &[b"nucredit"]), "null".into()),
        (
            map_key("a", &[format!("c{token}").as_bytes()]),
            "null".into(),
        ),
        (
            map_key("cr", &[alice.as_bytes(), b"nucredit"]),
            r#""998000""#.into(),
        ),
        (map_key("ow", &[b"nucredit"]), r#""1000000""#.into()),
        (map_key("ow", &[b"nufair"]), r#""10000""#.into()),
        (b"no".to_vec(), "2".into()),
        (b"nl".to_vec(), "2".into()),
        (
            map_key("p", &[carol.as_bytes()]),
            r#"{"c":"10000","o":1}"#.into(),
        ),
        (
            map_key("pm", &[carol.as_bytes()]),
            r#"{"name":"rack","contact":null}"#.into(),
        ),
        (
            map_key("o", &[&id1]),
            format!(r#"{{"p":"{carol}","a":"nucredit","h":"3600","n":1,"x":604800,"s":2}}"#),
        ),
        (
            map_key("os", &[&id1]),
            r#"{"gpu_model":"H100","gpu_count":8,"memory_gib":80,"region":"eu-west"}"#.into(),
        ),
        (map_key("op", &[carol.as_bytes(), &id1]), "null".into()),
        (map_key("ou", &[&id1]), "1".into()),
        (
            map_key("l", &[&id1]),
            format!(
                r#"{{"o":1,"r":"{alice}","h":"3600","f":250,"d":600,"s":{t},"e":{},"v":"2000"}}"#,
                t + 2_000
            ),
        ),
        (map_key("lr", &[alice.as_bytes(), &id1]), "null".into()),
        (map_key("lp", &[carol.as_bytes(), &id1]), "null".into()),
    ];
    for (k, v) in records {
        put(&mut s, &k, &v);
    }
    let (a, c) = (s.alice.clone(), s.carol.clone());
    s.app
        .send_tokens(a, escrow.clone(), &[coin(1_000_000, CREDIT)])
        .unwrap();
    s.app.send_tokens(c, escrow, &[coin(10_000, FAIR)]).unwrap();
    s
}

fn raw(s: &Suite, key: &[u8]) -> Option<String> {
    s.app
        .contract_storage(&s.escrow)
        .get(key)
        .map(|v| String::from_utf8(v).unwrap())
}

#[test]
fn migrate_converts_a_layout_1_store_and_a_full_lifecycle_runs_on_it() {
    let mut s = layout_1_store();
    let (alice, bob, carol, owner, stranger) = (
        s.alice.clone(),
        s.bob.clone(),
        s.carol.clone(),
        s.owner.clone(),
        s.stranger.clone(),
    );
    let start = s.now();
    let (escrow, code) = (s.escrow.clone(), s.escrow_code);
    let res = s
        .app
        .migrate_contract(owner.clone(), escrow, &MigrateMsg {}, code)
        .unwrap();
    assert_eq!(attr(&res, "from_layout"), "1");
    assert_eq!(attr(&res, "to_layout"), "3");
    assert_eq!(raw(&s, b"v").as_deref(), Some("3"));
    // no service asset before layout 3: with two accepted assets none is
    // chosen, so no weight accrues until governance names one
    let cfg: fairgrid::escrow::ConfigResponse = s.q(&fairgrid::escrow::QueryMsg::Config {});
    assert_eq!(cfg.service_asset, None);
    assert_eq!(raw(&s, b"sw"), None);
    s.ok(
        &owner,
        &ExecuteMsg::UpdateConfig(fairgrid::escrow::ConfigUpdate {
            service_asset: Some(fairgrid::AssetInfoUnchecked::native(CREDIT)),
            ..Default::default()
        }),
        &[],
    );
    assert_eq!(raw(&s, b"sw").as_deref(), Some(r#"{"a":"nucredit"}"#));
    // owed totals rewritten; the slot count reads as is until its next write
    let ow = map_key("ow", &[b"nucredit"]);
    assert_eq!(raw(&s, &ow).as_deref(), Some(r#"{"t":"1000000"}"#));
    let ou = map_key("ou", &[&1u64.to_be_bytes()]);
    assert_eq!(raw(&s, &ou).as_deref(), Some("1"));
    s.check_invariants();
    assert_eq!(s.offer(1).used_slots, 1);
    assert_eq!(s.lease(1).grant_id, None);
    assert_eq!(s.credits(&alice, &Suite::credit()), u(998_000));
    let p = s.provider(&carol);
    assert_eq!(
        (p.collateral, p.live_offers, p.liable_until),
        (u(10_000), 1, 0)
    );
    assert_eq!(s.fees_owed(&Suite::credit()), u(0));

    // the old lease runs out, is claimed and settled
    s.advance(2_000 + DELAY);
    let res = s.claim(&carol, vec![1]);
    // 2,000 gross, fee 50
    assert_eq!(
        (attr(&res, "net"), attr(&res, "fee")),
        ("1950".into(), "50".into())
    );
    s.check_invariants();
    s.ok(&stranger, &ExecuteMsg::Settle { lease_ids: vec![1] }, &[]);
    // written in today's form, with the settled lease's window covered
    assert_eq!(
        raw(&s, &ou),
        Some(format!(r#"{{"l":{}}}"#, start + 2_000 + DELAY))
    );
    s.check_invariants();

    // new business on the migrated store: a grant lease and an own lease
    let g = s.grant(&alice, &bob, 10_000, None);
    let sponsored = s.open_from_grant(&bob, g, 1, 1_000);
    let own = s.open(&alice, 1, 500);
    s.check_invariants();
    s.advance(300);
    s.ok(
        &bob,
        &ExecuteMsg::CloseLease {
            lease_id: sponsored,
        },
        &[],
    );
    s.check_invariants();
    s.advance(500 + DELAY);
    s.ok(
        &stranger,
        &ExecuteMsg::Settle {
            lease_ids: vec![own],
        },
        &[],
    );
    s.claim(&carol, vec![sponsored, own]);
    s.check_invariants();
    // alice paid 2,000 + 300 + 500; the rest is hers
    assert_eq!(s.credits(&alice, &Suite::credit()), u(1_000_000 - 2_800));
    assert_eq!(s.credits(&bob, &Suite::credit()), u(0));

    // everyone leaves; the escrow keeps nothing
    s.ok(&carol, &ExecuteMsg::CloseOffer { offer_id: 1 }, &[]);
    s.ok(
        &carol,
        &ExecuteMsg::RequestCollateralWithdrawal { amount: u(10_000) },
        &[],
    );
    s.advance(UNBONDING);
    s.ok(&carol, &ExecuteMsg::WithdrawCollateral {}, &[]);
    s.ok(
        &alice,
        &ExecuteMsg::Withdraw {
            asset: AssetInfoUnchecked::native(CREDIT),
            amount: u(997_200),
            recipient: None,
        },
        &[],
    );
    s.forward_fees();
    s.check_invariants();
    let escrow = s.escrow.clone();
    assert_eq!(s.balance(&escrow, CREDIT), Uint128::zero());
    assert_eq!(s.balance(&escrow, FAIR), Uint128::zero());
    // 2,800 gross at 2.5 %: 50 + 8 (300) + 13 (500) to the collector
    assert_eq!(s.collector_got(&Suite::credit()), u(71));
    assert_eq!(s.balance(&carol, CREDIT), u(START + 2_800 - 71));
}

/// `busy` run further: the ruling (slash, lost dispute), the grant lease
/// settled, the grant revoked, the offer closed and released, collateral
/// unbonding, the escrow paused: every optional field written.
fn finished() -> Suite {
    let mut s = busy();
    let (alice, carol, owner, arbiter, stranger) = (
        s.alice.clone(),
        s.carol.clone(),
        s.owner.clone(),
        s.arbiter.clone(),
        s.stranger.clone(),
    );
    s.ok(
        &arbiter,
        &ExecuteMsg::ResolveDispute {
            lease_id: 2,
            provider_share: Bps::new(2_500).unwrap(),
            slash: u(1_000),
        },
        &[],
    );
    s.ok(&stranger, &ExecuteMsg::Settle { lease_ids: vec![1] }, &[]);
    s.ok(&alice, &ExecuteMsg::RevokeGrant { grant_id: 1 }, &[]);
    s.ok(&carol, &ExecuteMsg::CloseOffer { offer_id: 1 }, &[]);
    s.ok(
        &carol,
        &ExecuteMsg::RequestCollateralWithdrawal { amount: u(4_000) },
        &[],
    );
    s.ok(&owner, &ExecuteMsg::SetPaused { paused: true }, &[]);
    s.check_invariants();
    s
}

#[test]
fn todays_stored_bytes_of_every_optional_field_are_pinned() {
    let s = finished();
    let golden = [
        r#"\x00\x01ac{token} => null"#,
        r#"\x00\x01anucredit => null"#,
        r#"\x00\x01g\x00\x00\x00\x00\x00\x00\x00\x01 => {"s":"{alice}","g":"{bob}","a":"nucredit","l":"5000","u":"1000","e":1571807419,"r":true}"#,
        r#"\x00\x01l\x00\x00\x00\x00\x00\x00\x00\x01 => {"o":1,"r":"{bob}","h":"3600","f":250,"d":600,"s":1571797419,"e":1571798419,"v":"1000","c":"600","x":true,"g":1}"#,
        r#"\x00\x01l\x00\x00\x00\x00\x00\x00\x00\x02 => {"o":1,"r":"{alice}","h":"3600","f":250,"d":600,"s":1571797419,"e":1571798619,"v":"2000","c":"300","x":true,"q":2}"#,
        r#"\x00\x01o\x00\x00\x00\x00\x00\x00\x00\x01 => {"p":"{carol}","a":"nucredit","h":"3600","n":1,"x":604800,"s":2,"c":true}"#,
        r#"\x00\x01p{carol} => {"c":"5000","u":"4000","t":1571885019,"l":1571800019}"#,
        r#"\x00\x02cr\x00C{alice}nucredit => "998700""#,
        r#"\x00\x02cr\x00C{alice}nufair => "1000""#,
        r#"\x00\x02dr\x00\x00\x00\x00\x00\x00\x00\x02 => "slow""#,
        r#"\x00\x02gg\x00C{bob}\x00\x00\x00\x00\x00\x00\x00\x01 => null"#,
        r#"\x00\x02gs\x00C{alice}\x00\x00\x00\x00\x00\x00\x00\x01 => null"#,
        r#"\x00\x02lp\x00C{carol}\x00\x00\x00\x00\x00\x00\x00\x01 => null"#,
        r#"\x00\x02lp\x00C{carol}\x00\x00\x00\x00\x00\x00\x00\x02 => null"#,
        r#"\x00\x02lr\x00C{alice}\x00\x00\x00\x00\x00\x00\x00\x02 => null"#,
        r#"\x00\x02lr\x00C{bob}\x00\x00\x00\x00\x00\x00\x00\x01 => null"#,
        r#"\x00\x02op\x00C{carol}\x00\x00\x00\x00\x00\x00\x00\x01 => null"#,
        r#"\x00\x02os\x00\x00\x00\x00\x00\x00\x00\x01 => {"gpu_model":"H100","gpu_count":8,"memory_gib":80,"region":"eu-west"}"#,
        r#"\x00\x02ownucredit => {"t":"999123","f":"23"}"#,
        r#"\x00\x02ownufair => {"t":"10000"}"#,
        r#"\x00\x02pm{carol} => {"name":"rack","contact":null}"#,
        r#"\x00\x02pr{carol} => {"l":1,"s":1200,"d":1,"x":1,"k":"1000","e":[["nucredit","877"]],"w":"23"}"#,
        r#"c => {"owner":"{owner}","arbiter":"{arbiter}","collateral_hook":"{hook}","collateral_asset":{"native":"ufair"},"unbonding_delay":86400,"max_lease_duration":2592000,"b":1000,"s":{"native":"ucredit"}}"#,
        r#"contract_info => {"contract":"crates.io:fairgrid-compute-escrow","version":"0.1.0"}"#,
        r#"h => {"p":true,"f":250,"d":600,"m":"1000","c":"{collector}"}"#,
        r#"ng => 2"#,
        r#"nl => 3"#,
        r#"no => 2"#,
        r#"sw => {"a":"nucredit","h":"{hook}"}"#,
        r#"v => 3"#,
    ];
    assert_eq!(named_dump(&s), golden.map(String::from).to_vec());
}

/// A layout-2 store (before service weights: no `s` in the cold config, no
/// `sw` record) that accepts one asset: `migrate` names that asset the
/// service asset, writes `sw` with the hook, and claims earn weight at once.
#[test]
fn migrate_from_layout_2_makes_the_sole_accepted_asset_the_service_asset() {
    let mut s = Suite::new();
    let (owner, escrow, code) = (s.owner.clone(), s.escrow.clone(), s.escrow_code);
    let token = s.token.clone();
    let cold = format!(
        r#"{{"owner":"{}","arbiter":"{}","collateral_hook":"{}","collateral_asset":{{"native":"ufair"}},"unbonding_delay":86400,"max_lease_duration":2592000}}"#,
        s.owner, s.arbiter, s.hook
    );
    put(&mut s, b"c", &cold);
    put(&mut s, b"v", "2");
    s.app.contract_storage_mut(&escrow).remove(b"sw");
    s.app
        .contract_storage_mut(&escrow)
        .remove(&map_key("a", &[format!("c{token}").as_bytes()]));
    let res = s
        .app
        .migrate_contract(owner, escrow, &MigrateMsg {}, code)
        .unwrap();
    assert_eq!(
        (attr(&res, "from_layout"), attr(&res, "to_layout")),
        ("2".to_string(), "3".to_string())
    );
    let cfg: fairgrid::escrow::ConfigResponse = s.q(&fairgrid::escrow::QueryMsg::Config {});
    assert_eq!(cfg.service_asset, Some(Suite::credit()));
    assert_eq!(
        raw(&s, b"sw"),
        Some(format!(r#"{{"a":"nucredit","h":"{}"}}"#, s.hook))
    );
    // a served lease's fee is weight at once
    let (alice, carol) = (s.alice.clone(), s.carol.clone());
    let offer = s.provider_with_offer(3_600);
    s.deposit(&alice, 10_000);
    let lease = s.open(&alice, offer, 1_000);
    s.advance(1_000 + DELAY);
    let res = s.claim(&carol, vec![lease]);
    assert_eq!(attr(&res, "service_weight"), "25");
    assert_eq!(s.hook_weight(&carol), u(25));
    s.check_invariants();
}
