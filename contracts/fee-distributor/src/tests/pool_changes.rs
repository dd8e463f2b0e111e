//! Changing and removing pools (issue 16): the owner updates a pool's curve
//! and source in O(1), members re-synced by their source's report; a pool
//! that owes nothing and no recipient names can be removed, its slot never
//! reused; every refusal is typed and changes nothing (raw storage and the
//! query view), and the reconciliation stays exact throughout.

use cosmwasm_std::Uint128;
use fairgrid::asset::AssetInfo;
use fairgrid::curve::Curve;
use fairgrid::distributor::{ExecuteMsg, PoolMsg};

use super::suite::*;
use crate::ContractError;

fn update(pool: &str, source: Option<&cosmwasm_std::Addr>, curve: Option<Curve>) -> ExecuteMsg {
    ExecuteMsg::UpdatePool {
        pool_id: pool.into(),
        source: source.map(|s| s.to_string()),
        curve,
    }
}

fn remove(pool: &str) -> ExecuteMsg {
    ExecuteMsg::RemovePool {
        pool_id: pool.into(),
    }
}

/// Runs `msg` from `sender` expecting `expected`, and that it changed
/// nothing on the chain (raw storage of every contract and module).
#[track_caller]
fn refused(s: &mut Suite, sender: &cosmwasm_std::Addr, msg: &ExecuteMsg, expected: ContractError) {
    let e = fairgrid_testing::refused(s, |s| s.exec(sender, msg, &[]));
    assert_eq!(fairgrid_testing::downcast::<ContractError>(e), expected);
}

/// The attributes of the distributor's event, without `_contract_address`.
fn event(r: &cw_multi_test::AppResponse) -> Vec<(String, String)> {
    r.events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .filter(|a| a.key != "_contract_address")
        .map(|a| (a.key.clone(), a.value.clone()))
        .collect()
}

fn kv(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn u(v: u128) -> Uint128 {
    Uint128::new(v)
}

// ---------- update_pool ----------

#[test]
fn curve_change_applies_to_each_member_on_its_resync_and_the_books_stay_exact() {
    // stakers (linear) 40 %, providers (sqrt) 30 %, treasury, burn
    let mut s = Suite::new();
    let (alice, bob, owner) = (s.addr("alice"), s.addr("bob"), s.owner.clone());
    s.stake(&alice, 0, 10_000);
    s.stake(&bob, 0, 100);
    s.deposit(DENOM, 10_100).unwrap();
    s.check_invariants();
    let res = s
        .exec(
            &owner,
            &update("stakers", None, Some(Curve::SquareRoot)),
            &[],
        )
        .unwrap();
    assert_eq!(
        event(&res),
        kv(&[
            ("action", "update_pool"),
            ("pool", "stakers"),
            ("curve", "square_root")
        ])
    );
    // stored weights are untouched until re-reported
    assert_eq!(s.member("stakers", &alice).weight, u(10_000));
    assert_eq!(s.pools(None, None).pools[1].curve, Curve::SquareRoot);
    // a deposit before any resync is split by the stored weights: exact
    s.deposit(DENOM, 1_010).unwrap();
    s.check_invariants();
    // the source re-reports alice (governance's permissionless resync sends
    // old = new = the raw stake): settled at the old weight, then sqrt
    s.stake(&alice, 10_000, 10_000);
    assert_eq!(s.member("stakers", &alice).weight, u(100));
    s.stake(&bob, 100, 100);
    assert_eq!(s.member("stakers", &bob).weight, u(10));
    let stakers = s
        .pools(None, None)
        .pools
        .into_iter()
        .find(|p| p.pool_id == "stakers")
        .unwrap();
    assert_eq!(stakers.total_weight, u(110));
    // 40 % of 10,100 + 1,010 (4,444 units) all at the linear weights
    // 10,000 : 100: alice 4,400, bob 44
    assert_eq!(s.pending_of(&alice, &AssetInfo::native(DENOM)), 4_400);
    assert_eq!(s.pending_of(&bob, &AssetInfo::native(DENOM)), 44);
    // after the resync: 40 % of 1,100 = 440 at 100 : 10
    s.deposit(DENOM, 1_100).unwrap();
    assert_eq!(s.pending_of(&alice, &AssetInfo::native(DENOM)), 4_800);
    assert_eq!(s.pending_of(&bob, &AssetInfo::native(DENOM)), 84);
    s.check_invariants();
}

#[test]
fn source_change_moves_the_hook_and_refuses_the_old_source() {
    let mut s = Suite::new();
    let (alice, owner) = (s.addr("alice"), s.owner.clone());
    let new_gov = s.addr("new_gov");
    let old_gov = s.gov.clone();
    s.stake(&alice, 0, 500);
    let res = s
        .exec(&owner, &update("stakers", Some(&new_gov), None), &[])
        .unwrap();
    assert_eq!(
        event(&res),
        kv(&[
            ("action", "update_pool"),
            ("pool", "stakers"),
            ("source", new_gov.as_str())
        ])
    );
    // the old source's report is refused and changes nothing
    let report = ExecuteMsg::WeightChanged(fairgrid::hook::WeightChange::new(&alice, u(500), u(0)));
    refused(
        &mut s,
        &old_gov,
        &report,
        ContractError::NotPoolSource {
            sender: old_gov.to_string(),
        },
    );
    // the new source reports: alice's stored weight is what it said
    s.hook(&new_gov, &alice, 0, 800).unwrap();
    assert_eq!(s.member("stakers", &alice).weight, u(800));
    s.deposit(DENOM, 1_000).unwrap();
    assert_eq!(s.pending_of(&alice, &AssetInfo::native(DENOM)), 400);
    s.check_invariants();
}

#[test]
fn pool_update_refusals_are_typed_and_change_nothing() {
    let mut s = Suite::new();
    let (owner, stranger) = (s.owner.clone(), s.stranger.clone());
    let escrow = s.escrow.clone();
    s.stake(&s.addr("alice"), 0, 10);
    refused(
        &mut s,
        &stranger,
        &update("stakers", None, Some(Curve::SquareRoot)),
        ContractError::NotOwner {
            sender: stranger.to_string(),
            owner: owner.to_string(),
            action: "update a pool".into(),
        },
    );
    refused(
        &mut s,
        &owner,
        &update("nope", None, Some(Curve::SquareRoot)),
        ContractError::UnknownPool {
            pool_id: "nope".into(),
        },
    );
    // the providers' source
    refused(
        &mut s,
        &owner,
        &update("stakers", Some(&escrow), None),
        ContractError::DuplicateSource {
            source_addr: escrow.to_string(),
            pool_id: "providers".into(),
        },
    );
    // nothing given, or the values it already has
    let gov = s.gov.clone();
    for msg in [
        update("stakers", None, None),
        update("stakers", Some(&gov), Some(Curve::Linear)),
    ] {
        refused(
            &mut s,
            &owner,
            &msg,
            ContractError::PoolUnchanged {
                pool_id: "stakers".into(),
            },
        );
    }
    // funds attached: the depositor has some
    let depositor = s.depositor.clone();
    s.exec(
        &owner,
        &ExecuteMsg::UpdateConfig {
            owner: Some(depositor.to_string()),
            fallback: None,
        },
        &[],
    )
    .unwrap();
    let before = s.snapshot();
    assert!(s
        .exec(
            &depositor,
            &update("stakers", None, Some(Curve::SquareRoot)),
            &[cosmwasm_std::coin(1, DENOM)],
        )
        .is_err());
    assert_eq!(s.snapshot(), before);
}

// ---------- remove_pool ----------

/// providers 30 % goes to the treasury instead: the pool is no recipient.
fn without_providers(s: &mut Suite) {
    let (owner, treasury) = (s.owner.clone(), s.treasury.clone());
    s.exec(
        &owner,
        &ExecuteMsg::SetRecipients {
            recipients: vec![
                pool_r("stakers", 4_000),
                addr_r(&treasury, 5_000),
                burn_r(1_000),
            ],
        },
        &[],
    )
    .unwrap();
}

#[test]
fn a_pool_that_owes_nothing_is_removed_and_the_books_stay_exact() {
    let mut s = Suite::new();
    let (owner, alice, carol) = (s.owner.clone(), s.addr("alice"), s.addr("carol"));
    let escrow = s.escrow.clone();
    s.stake(&alice, 0, 100);
    // carol provides: 30 % of 1,000 = 300 to her, exactly (sqrt(10000) = 100)
    s.hook(&escrow, &carol, 0, 10_000).unwrap();
    s.deposit(DENOM, 1_000).unwrap();
    s.deposit_cw20(2_000).unwrap();
    without_providers(&mut s);
    // carol is owed: refused with the exact units of the first asset
    refused(
        &mut s,
        &owner,
        &remove("providers"),
        ContractError::PoolStillOwes {
            pool_id: "providers".into(),
            asset: format!("native:{DENOM}"),
            owed: u(300),
            carried: u(0),
        },
    );
    s.claim(
        &carol,
        Some(vec![fairgrid::AssetInfoUnchecked::native(DENOM)]),
        None,
    )
    .unwrap();
    let token = s.token.clone();
    refused(
        &mut s,
        &owner,
        &remove("providers"),
        ContractError::PoolStillOwes {
            pool_id: "providers".into(),
            asset: format!("cw20:{token}"),
            owed: u(600),
            carried: u(0),
        },
    );
    s.claim(&carol, None, None).unwrap();
    assert_eq!(s.native_balance(&carol, DENOM), 300);
    assert_eq!(s.cw20_balance(&s.token.clone(), &carol), 600);
    let recon_before: Vec<_> = s.assets().iter().map(|a| s.recon(a)).collect();
    let res = s.exec(&owner, &remove("providers"), &[]).unwrap();
    assert_eq!(
        event(&res),
        kv(&[
            ("action", "remove_pool"),
            ("pool", "providers"),
            ("source", escrow.as_str()),
            ("slot", "1"),
        ])
    );
    // the reconciliation reads the same, to the unit
    let recon_after: Vec<_> = s.assets().iter().map(|a| s.recon(a)).collect();
    assert_eq!(recon_after, recon_before);
    assert_eq!(
        s.pools(None, None)
            .pools
            .iter()
            .map(|p| p.pool_id.as_str())
            .collect::<Vec<_>>(),
        vec!["stakers"]
    );
    // the old source is no pool's now
    let e = err(s.hook(&escrow, &carol, 10_000, 0));
    assert_eq!(
        e,
        ContractError::NotPoolSource {
            sender: escrow.to_string()
        }
    );
    s.check_invariants();
    // stakers go on exactly
    s.deposit(DENOM, 1_000).unwrap();
    assert_eq!(s.pending_of(&alice, &AssetInfo::native(DENOM)), 800);
    s.claim(&alice, None, None).unwrap();
    s.check_invariants();
}

#[test]
fn a_pool_added_after_a_removal_takes_a_new_slot_and_starts_clean() {
    let mut s = Suite::new();
    let (owner, alice, carol) = (s.owner.clone(), s.addr("alice"), s.addr("carol"));
    let escrow = s.escrow.clone();
    // carol keeps weight in the removed pool: her record is inert
    s.hook(&escrow, &carol, 0, 400).unwrap();
    s.stake(&alice, 0, 100);
    without_providers(&mut s);
    s.exec(&owner, &remove("providers"), &[]).unwrap();
    // the removed pool's id and source are free again
    s.exec(
        &owner,
        &ExecuteMsg::AddPool {
            pool: PoolMsg {
                pool_id: "providers".into(),
                source: escrow.to_string(),
                curve: Curve::Linear,
            },
        },
        &[],
    )
    .unwrap();
    let providers = s
        .pools(None, None)
        .pools
        .into_iter()
        .find(|p| p.pool_id == "providers")
        .unwrap();
    assert_eq!(providers.total_weight, u(0));
    assert_eq!(s.member("providers", &carol).weight, u(0));
    // stored under slot 2, never slot 1 again
    let raw = s.app.dump_wasm_raw(&s.dist);
    let pools: Vec<crate::state::Pool> =
        cosmwasm_std::from_json(&raw.iter().find(|(k, _)| k.as_slice() == b"p").unwrap().1)
            .unwrap();
    assert_eq!(
        pools
            .iter()
            .map(|p| (p.id.as_str(), p.slot))
            .collect::<Vec<_>>(),
        vec![("stakers", Some(0)), ("providers", Some(2))]
    );
    s.hook(&escrow, &carol, 0, 400).unwrap();
    s.exec(
        &owner,
        &ExecuteMsg::SetRecipients {
            recipients: vec![pool_r("stakers", 5_000), pool_r("providers", 5_000)],
        },
        &[],
    )
    .unwrap();
    s.deposit(DENOM, 1_000).unwrap();
    assert_eq!(s.pending_of(&carol, &AssetInfo::native(DENOM)), 500);
    assert_eq!(s.pending_of(&alice, &AssetInfo::native(DENOM)), 500);
    s.claim(&carol, None, None).unwrap();
    assert_eq!(s.native_balance(&carol, DENOM), 500);
    s.check_invariants();
}

#[test]
fn pool_removal_refusals_are_typed_and_change_nothing() {
    let mut s = Suite::new();
    let (owner, stranger, carol) = (s.owner.clone(), s.stranger.clone(), s.addr("carol"));
    let escrow = s.escrow.clone();
    refused(
        &mut s,
        &stranger,
        &remove("providers"),
        ContractError::NotOwner {
            sender: stranger.to_string(),
            owner: owner.to_string(),
            action: "remove a pool".into(),
        },
    );
    refused(
        &mut s,
        &owner,
        &remove("nope"),
        ContractError::UnknownPool {
            pool_id: "nope".into(),
        },
    );
    refused(
        &mut s,
        &owner,
        &remove("providers"),
        ContractError::PoolIsRecipient {
            pool_id: "providers".into(),
        },
    );
    // members of sqrt weight 1, 2 and 3 share the providers' 9 of a
    // deposit of 31: 1.5, 3 and 4.5; after their claims half a unit stays
    // with two of them, one unit the pool owes and nobody can claim alone
    for (n, raw) in [("x", 1), ("y", 4), ("z", 9)] {
        let a = s.addr(n);
        s.hook(&escrow, &a, 0, raw).unwrap();
    }
    s.hook(&escrow, &carol, 0, 0).unwrap();
    s.deposit(DENOM, 31).unwrap();
    without_providers(&mut s);
    for n in ["x", "y", "z"] {
        let a = s.addr(n);
        s.claim(&a, None, None).unwrap();
    }
    let r = s.recon(&AssetInfo::native(DENOM));
    let e = err(s.exec(&owner, &remove("providers"), &[]));
    match e {
        ContractError::PoolStillOwes {
            pool_id,
            asset,
            owed,
            carried,
        } => {
            assert_eq!(
                (pool_id.as_str(), asset),
                ("providers", format!("native:{DENOM}"))
            );
            // the stakers pool has no member: its share went to the fallback,
            // so the whole asset's owed + carried is this pool's
            assert_eq!((owed, carried), (r.owed, r.carried));
            assert_eq!((owed, carried), (u(1), u(0)));
        }
        other => panic!("expected PoolStillOwes, got {other:?}"),
    }
    refused(
        &mut s,
        &owner,
        &remove("providers"),
        ContractError::PoolStillOwes {
            pool_id: "providers".into(),
            asset: format!("native:{DENOM}"),
            owed: r.owed,
            carried: r.carried,
        },
    );
    s.check_invariants();
}

#[test]
fn payouts_before_per_pool_tracking_block_removal_until_the_asset_is_retired() {
    let mut s = Suite::with_recipients(|_| vec![pool_r("stakers", 10_000)]);
    let (owner, alice) = (s.owner.clone(), s.addr("alice"));
    s.stake(&alice, 0, 1);
    s.deposit(DENOM, 1_000).unwrap();
    s.claim(&alice, None, None).unwrap();
    // forget the per-pool payouts, as a record written before them reads
    // `TOTALS` of slot 0: length-prefixed namespace "t", then the slot
    let key = vec![0, 1, b't', 0];
    let mut raw: crate::state::Totals = cosmwasm_std::from_json(
        &s.app
            .dump_wasm_raw(&s.dist)
            .into_iter()
            .find(|(k, _)| *k == key)
            .unwrap()
            .1,
    )
    .unwrap();
    assert_eq!(raw.pool_paid, vec![(0, u(1_000))]);
    raw.pool_paid.clear();
    let old_bytes = cosmwasm_std::to_json_vec(&raw).unwrap();
    assert!(!String::from_utf8_lossy(&old_bytes).contains("\"q\""));
    let dist = s.dist.clone();
    s.app.contract_storage_mut(&dist).set(&key, &old_bytes);
    // a second pool to remove, credited once before the tracking
    let src = s.addr("src");
    s.exec(
        &owner,
        &ExecuteMsg::AddPool {
            pool: PoolMsg {
                pool_id: "extra".into(),
                source: src.to_string(),
                curve: Curve::Linear,
            },
        },
        &[],
    )
    .unwrap();
    refused(
        &mut s,
        &owner,
        &remove("stakers"),
        ContractError::PoolIsRecipient {
            pool_id: "stakers".into(),
        },
    );
    s.exec(
        &owner,
        &ExecuteMsg::SetRecipients {
            recipients: vec![pool_r("extra", 10_000)],
        },
        &[],
    )
    .unwrap();
    refused(
        &mut s,
        &owner,
        &remove("stakers"),
        ContractError::PoolPaidUntracked {
            pool_id: "stakers".into(),
            asset: format!("native:{DENOM}"),
            untracked: u(1_000),
        },
    );
    // the way out: retire the asset (nothing owed in it), then remove
    s.exec(
        &owner,
        &ExecuteMsg::RetireAsset {
            asset: fairgrid::AssetInfoUnchecked::native(DENOM),
        },
        &[],
    )
    .unwrap();
    s.exec(&owner, &remove("stakers"), &[]).unwrap();
    s.check_invariants();
}
