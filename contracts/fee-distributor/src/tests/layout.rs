//! Stored bytes. Golden records pin today's layout of every distributor
//! record: a change to any record's bytes fails here and needs a `migrate`
//! conversion (renaming a Rust field behind its serde name changes nothing).

use fairgrid::curve::Curve;
use fairgrid::distributor::{ExecuteMsg, PoolMsg};

use super::suite::*;

/// The addresses of the suite, by name.
fn cast(s: &Suite) -> Vec<(cosmwasm_std::Addr, &'static str)> {
    vec![
        (s.owner.clone(), "owner"),
        (s.fallback.clone(), "fallback"),
        (s.treasury.clone(), "treasury"),
        (s.gov.clone(), "gov"),
        (s.escrow.clone(), "escrow"),
        (s.token.clone(), "token"),
        (s.addr("alice"), "alice"),
        (s.addr("bob"), "bob"),
        (s.addr("carol"), "carol"),
        (s.addr("dave"), "dave"),
        (s.addr("extra_src"), "extra_src"),
        (s.addr("late_src"), "late_src"),
    ]
}

fn dump(s: &Suite) -> Vec<String> {
    let cast = cast(s);
    let refs: Vec<(&cosmwasm_std::Addr, &str)> = cast.iter().map(|(a, n)| (a, *n)).collect();
    fairgrid_testing::named_records(&s.app, &s.dist, &refs)
}

/// Two pools with members, deposits in every asset (native, second native,
/// cw20), and a claim: config, assets, pools, recipients, carries, totals
/// with a per-pool payout, pool weights, indexes with remainders, members
/// with accounts.
fn busy() -> Suite {
    let mut s = Suite::new();
    let (alice, bob, carol, escrow) = (
        s.addr("alice"),
        s.addr("bob"),
        s.addr("carol"),
        s.escrow.clone(),
    );
    s.stake(&alice, 0, 100);
    s.stake(&bob, 0, 300);
    s.hook(&escrow, &carol, 0, 900).unwrap();
    s.deposit(DENOM, 12_345).unwrap();
    s.deposit(DENOM2, 777).unwrap();
    s.deposit_cw20(99_999).unwrap();
    s.claim(&alice, None, None).unwrap();
    s.check_invariants();
    s
}

#[test]
fn todays_stored_bytes_of_every_record_are_pinned() {
    let s = busy();
    let golden = [
        r#"\x00\x01i\x00\x01\x00\x00 => {"i":"12347500000000000000000000000000000000","r":"0","n":"4939"}"#,
        r#"\x00\x01i\x00\x01\x00\x01 => {"i":"780000000000000000000000000000000000","r":"0","n":"312"}"#,
        r#"\x00\x01i\x00\x01\x00\x02 => {"i":"100005000000000000000000000000000000000","r":"0","n":"40002"}"#,
        r#"\x00\x01i\x00\x01\x01\x00 => {"i":"123433333333333333333333333333333333333","r":"10","n":"3703"}"#,
        r#"\x00\x01i\x00\x01\x01\x01 => {"i":"7766666666666666666666666666666666666","r":"20","n":"233"}"#,
        r#"\x00\x01i\x00\x01\x01\x02 => {"i":"999966666666666666666666666666666666666","r":"20","n":"29999"}"#,
        r#"\x00\x01k\x00 => {"v":1,"c":[0,5000,0,5000]}"#,
        r#"\x00\x01k\x01 => {"v":1,"c":[0,1000,4000,7000]}"#,
        r#"\x00\x01k\x02 => {"v":1,"c":[0,7000,8000,9000]}"#,
        r#"\x00\x01m\x00\x01\x00{alice} => {"w":"100","a":[{"i":"12347500000000000000000000000000000000","o":"750000000000000000000000000000000000"},{"i":"780000000000000000000000000000000000","o":"0"},{"i":"100005000000000000000000000000000000000","o":"500000000000000000000000000000000000"}]}"#,
        r#"\x00\x01m\x00\x01\x00{bob} => {"w":"300","a":[]}"#,
        r#"\x00\x01m\x00\x01\x01{carol} => {"w":"30","a":[]}"#,
        r#"\x00\x01t\x00 => {"r":"12345","p":"1234","s":"2469","b":"1234","q":[[0,"1234"]]}"#,
        r#"\x00\x01t\x01 => {"r":"777","p":"78","s":"155","b":"77","q":[[0,"78"]]}"#,
        r#"\x00\x01t\x02 => {"r":"99999","p":"10000","s":"19999","b":"9999","q":[[0,"10000"]]}"#,
        r#"\x00\x01w\x00 => "400""#,
        r#"\x00\x01w\x01 => "30""#,
        r#"a => [{"info":{"native":"ufair"},"accepted":true},{"info":{"native":"uatom"},"accepted":true},{"info":{"cw20":"{token}"},"accepted":true}]"#,
        r#"c => {"owner":"{owner}","fallback":"{fallback}"}"#,
        r#"contract_info => {"contract":"crates.io:fairgrid-fee-distributor","version":"0.1.0"}"#,
        r#"p => [{"id":"stakers","source":"{gov}","curve":"linear"},{"id":"providers","source":"{escrow}","curve":"square_root"}]"#,
        r#"r => {"version":1,"list":[{"target":{"pool":{"pool_id":"stakers"}},"weight":4000},{"target":{"pool":{"pool_id":"providers"}},"weight":3000},{"target":{"address":{"address":"{treasury}"}},"weight":2000},{"target":{"burn":{}},"weight":1000}],"rest":0}"#,
    ];
    assert_eq!(dump(&s), golden.map(String::from).to_vec());
}

/// `busy` run further: a third pool credited, fully claimed and removed
/// (removed-pool credit `x`, written pool slots, the slot counter `ns`),
/// a pool added after it (a slot from the counter) and a retired asset.
fn finished() -> Suite {
    let mut s = busy();
    let (owner, dave, treasury) = (s.owner.clone(), s.addr("dave"), s.treasury.clone());
    let (extra_src, late_src) = (s.addr("extra_src"), s.addr("late_src"));
    let pool = |id: &str, src: &cosmwasm_std::Addr| ExecuteMsg::AddPool {
        pool: PoolMsg {
            pool_id: id.into(),
            source: src.to_string(),
            curve: Curve::Linear,
        },
    };
    s.exec(&owner, &pool("extra", &extra_src), &[]).unwrap();
    s.hook(&extra_src, &dave, 0, 1).unwrap();
    let with_extra = ExecuteMsg::SetRecipients {
        recipients: vec![
            pool_r("stakers", 4_000),
            pool_r("providers", 3_000),
            pool_r("extra", 1_000),
            addr_r(&treasury, 2_000),
        ],
    };
    s.exec(&owner, &with_extra, &[]).unwrap();
    s.deposit(DENOM, 10_000).unwrap();
    s.claim(&dave, None, None).unwrap();
    let without = ExecuteMsg::SetRecipients {
        recipients: vec![pool_r("stakers", 5_000), addr_r(&treasury, 5_000)],
    };
    s.exec(&owner, &without, &[]).unwrap();
    let remove = ExecuteMsg::RemovePool {
        pool_id: "extra".into(),
    };
    s.exec(&owner, &remove, &[]).unwrap();
    s.exec(&owner, &pool("late", &late_src), &[]).unwrap();
    let usdc = fairgrid::asset::AssetInfoUnchecked::native("uusdc");
    let add = ExecuteMsg::UpdateAssets {
        add: vec![usdc.clone()],
        remove: vec![],
    };
    s.exec(&owner, &add, &[]).unwrap();
    s.exec(&owner, &ExecuteMsg::RetireAsset { asset: usdc }, &[])
        .unwrap();
    s.check_invariants();
    s
}

#[test]
fn todays_stored_bytes_after_a_pool_removal_are_pinned() {
    let s = finished();
    let golden = [
        r#"\x00\x01i\x00\x01\x00\x00 => {"i":"22347500000000000000000000000000000000","r":"0","n":"8939"}"#,
        r#"\x00\x01i\x00\x01\x00\x01 => {"i":"780000000000000000000000000000000000","r":"0","n":"312"}"#,
        r#"\x00\x01i\x00\x01\x00\x02 => {"i":"100005000000000000000000000000000000000","r":"0","n":"40002"}"#,
        r#"\x00\x01i\x00\x01\x01\x00 => {"i":"223433333333333333333333333333333333333","r":"10","n":"6703"}"#,
        r#"\x00\x01i\x00\x01\x01\x01 => {"i":"7766666666666666666666666666666666666","r":"20","n":"233"}"#,
        r#"\x00\x01i\x00\x01\x01\x02 => {"i":"999966666666666666666666666666666666666","r":"20","n":"29999"}"#,
        r#"\x00\x01k\x00 => {"v":2,"c":[0,0,0,0]}"#,
        r#"\x00\x01k\x01 => {"v":1,"c":[0,1000,4000,7000]}"#,
        r#"\x00\x01k\x02 => {"v":1,"c":[0,7000,8000,9000]}"#,
        r#"\x00\x01m\x00\x01\x00{alice} => {"w":"100","a":[{"i":"12347500000000000000000000000000000000","o":"750000000000000000000000000000000000"},{"i":"780000000000000000000000000000000000","o":"0"},{"i":"100005000000000000000000000000000000000","o":"500000000000000000000000000000000000"}]}"#,
        r#"\x00\x01m\x00\x01\x00{bob} => {"w":"300","a":[]}"#,
        r#"\x00\x01m\x00\x01\x01{carol} => {"w":"30","a":[]}"#,
        r#"\x00\x01m\x00\x01\x02{dave} => {"w":"1","a":[{"i":"1000000000000000000000000000000000000000","o":"0"},{"i":"0","o":"0"},{"i":"0","o":"0"}]}"#,
        r#"\x00\x01t\x00 => {"r":"22345","p":"2234","s":"4469","b":"1234","q":[[0,"1234"]],"x":"1000"}"#,
        r#"\x00\x01t\x01 => {"r":"777","p":"78","s":"155","b":"77","q":[[0,"78"]]}"#,
        r#"\x00\x01t\x02 => {"r":"99999","p":"10000","s":"19999","b":"9999","q":[[0,"10000"]]}"#,
        r#"\x00\x01w\x00 => "400""#,
        r#"\x00\x01w\x01 => "30""#,
        r#"a => [{"info":{"native":"ufair"},"accepted":true},{"info":{"native":"uatom"},"accepted":true},{"info":{"cw20":"{token}"},"accepted":true},{"info":{"native":"uusdc"},"accepted":false,"retired":true}]"#,
        r#"c => {"owner":"{owner}","fallback":"{fallback}"}"#,
        r#"contract_info => {"contract":"crates.io:fairgrid-fee-distributor","version":"0.1.0"}"#,
        r#"ns => 4"#,
        r#"p => [{"id":"stakers","source":"{gov}","curve":"linear","slot":0},{"id":"providers","source":"{escrow}","curve":"square_root","slot":1},{"id":"late","source":"{late_src}","curve":"linear","slot":3}]"#,
        r#"r => {"version":3,"list":[{"target":{"pool":{"pool_id":"stakers"}},"weight":5000},{"target":{"address":{"address":"{treasury}"}},"weight":5000}],"rest":0}"#,
    ];
    assert_eq!(dump(&s), golden.map(String::from).to_vec());
}
