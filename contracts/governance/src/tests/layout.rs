//! Stored bytes. Golden records pin the bytes every governance record type
//! is stored as today (layout 3): each test writes one record with every
//! field set through the record's storage constant, reads the raw value at
//! its raw key and compares it with a literal, then reads it back. A change
//! to any record's bytes fails here and needs a `migrate` conversion.

use cosmwasm_std::testing::MockStorage;
use cosmwasm_std::{Addr, BankMsg, CosmosMsg, Storage, Timestamp, Uint128, Uint256};
use cw_utils::{Duration, Expiration};
use fairgrid::bps::Bps;
use fairgrid::curve::Curve;
use fairgrid::governance::{
    Params, ProposalClass, RefundPolicy, Threshold, UnidentifiedPolicy, VoteOption,
};

use crate::state::{
    load_kind, load_params, option_code, save_kind, save_params, BallotState, Body, Core,
    IdentityRecord, Kind, Link, Meta, Metrics, Stored, TallyState, Terms, BALLOTS, BODIES, CLAIMS,
    CORE, EXPIRIES, GUARDIAN, IDENTITIES, IDENTITY_VOTERS, KINDS, LAYOUT, LINKS, META, METRICS,
    REGISTRY, RUNNING, STAKES, TALLIES, TERMS, TOTAL_CLAIMS,
};

fn bps(v: u16) -> Bps {
    Bps::new(v).unwrap()
}

fn raw(store: &MockStorage, key: &[u8]) -> String {
    String::from_utf8(store.get(key).expect("record written")).unwrap()
}

/// The raw key of a map entry, for the literal comparisons below.
fn key(k: impl std::ops::Deref<Target = [u8]>) -> Vec<u8> {
    k.to_vec()
}

#[test]
fn golden_core_record_is_an_array_of_token_curve_min_stake_hooks() {
    let mut s = MockStorage::new();
    let core = Core {
        token: Addr::unchecked("fair"),
        curve: Curve::SquareRoot,
        min_stake: Uint128::new(100),
        hooks: vec![Addr::unchecked("pool"), Addr::unchecked("escrow")],
    };
    CORE.save(&mut s, &core).unwrap();
    assert_eq!(
        raw(&s, b"c"),
        r#"["fair","square_root","100",["pool","escrow"]]"#
    );
    assert_eq!(CORE.load(&s).unwrap(), core);
}

#[test]
fn golden_params_record_is_an_array_in_params_field_order() {
    let mut s = MockStorage::new();
    let p = Params {
        cap: bps(1_000),
        quorum: bps(3_000),
        threshold: Threshold::Percent(bps(5_000)),
        veto_threshold: bps(3_334),
        voting_period: 100,
        timelock: 3_600,
        execution_window: 200,
        min_deposit: Uint128::new(10),
        min_propose_power: Uint128::new(7),
        unbonding_period: Duration::Time(1_000),
        treasury: Addr::unchecked("treasury"),
        deposit_refund: RefundPolicy::OnlyPassed,
    };
    save_params(&mut s, &p).unwrap();
    assert_eq!(
        raw(&s, b"p"),
        r#"[1000,3000,{"percent":5000},3334,100,3600,200,"10","7",{"time":1000},"treasury","only_passed"]"#
    );
    assert_eq!(load_params(&s).unwrap(), p);
    let majority = Params {
        threshold: Threshold::Majority {},
        deposit_refund: RefundPolicy::Always,
        ..p
    };
    save_params(&mut s, &majority).unwrap();
    assert_eq!(
        raw(&s, b"p"),
        r#"[1000,3000,{"majority":{}},3334,100,3600,200,"10","7",{"time":1000},"treasury","always"]"#
    );
    assert_eq!(load_params(&s).unwrap(), majority);
}

#[test]
fn golden_single_value_records_guardian_registry_totals_layout_running() {
    let mut s = MockStorage::new();
    GUARDIAN.save(&mut s, &Addr::unchecked("guard")).unwrap();
    REGISTRY.save(&mut s, &Addr::unchecked("registry")).unwrap();
    TOTAL_CLAIMS.save(&mut s, &Uint128::new(1_234)).unwrap();
    LAYOUT.save(&mut s, &3).unwrap();
    RUNNING.save(&mut s, &42).unwrap();
    assert_eq!(raw(&s, b"g"), r#""guard""#);
    assert_eq!(raw(&s, b"ir"), r#""registry""#);
    assert_eq!(raw(&s, b"tc"), r#""1234""#);
    assert_eq!(raw(&s, b"v"), "3");
    assert_eq!(raw(&s, b"r"), "42");
}

#[test]
fn golden_meta_record_is_count_and_deposits() {
    let mut s = MockStorage::new();
    let meta = Meta {
        count: 12,
        deposits: Uint128::new(5_000),
    };
    META.save(&mut s, &meta).unwrap();
    assert_eq!(raw(&s, b"n"), r#"[12,"5000"]"#);
    assert_eq!(META.load(&s).unwrap(), meta);
}

#[test]
fn golden_stake_record_and_its_changelog() {
    let mut s = MockStorage::new();
    let alice = Addr::unchecked("alice");
    STAKES.save(&mut s, &alice, &Uint128::new(500), 7).unwrap();
    STAKES.save(&mut s, &alice, &Uint128::new(800), 9).unwrap();
    assert_eq!(raw(&s, &key(STAKES.key(&alice))), r#""800""#);
    assert_eq!(
        STAKES.may_load_at_height(&s, &alice, 8).unwrap(),
        Some(Uint128::new(500))
    );
    // Changelog entries (namespace `s_l`, key address + height): the value
    // before each block's first change.
    let log: Vec<String> = s
        .range(None, None, cosmwasm_std::Order::Ascending)
        .filter(|(k, _)| k.starts_with(b"\x00\x03s_l\x00\x05alice"))
        .map(|(_, v)| String::from_utf8(v).unwrap())
        .collect();
    assert_eq!(log, vec![r#"{"old":null}"#, r#"{"old":"500"}"#]);
}

#[test]
fn golden_metrics_record_layout_3_is_an_array_of_15() {
    let mut s = MockStorage::new();
    let m = Metrics {
        total_power: Uint128::new(1),
        stakers: 2,
        total_stake: Uint128::new(3),
        sum_sq_stake: Uint256::from(4u8),
        sum_sq_power: Uint256::from(5u8),
        sum_power: Uint128::new(6),
        id_stake: Uint128::new(7),
        id_power: Uint128::new(8),
        id_sq_power: Uint256::from(9u8),
        identities: 10,
        unid_power: Uint128::new(11),
        unid_sq_power: Uint256::from(12u8),
        unid_sq_stake: Uint256::from(13u8),
        unid_stakers: 14,
        policy: UnidentifiedPolicy::LinearShare,
    };
    METRICS.save(&mut s, &m, 5).unwrap();
    assert_eq!(
        raw(&s, b"m"),
        r#"["1",2,"3","4","5","7","8","9",10,"11","12","13",14,2,"6"]"#
    );
    assert_eq!(METRICS.load(&s).unwrap(), m);
    // A layout-2 record (5 fields) still reads.
    s.set(b"m", br#"["1",2,"3","4","5"]"#);
    let v2 = METRICS.load(&s).unwrap();
    assert_eq!(v2.unid_stakers, 2);
    assert_eq!(v2.policy, UnidentifiedPolicy::PerAddress);
}

#[test]
fn golden_claims_record_is_cw_controllers_claims() {
    let mut s = MockStorage::new();
    let alice = Addr::unchecked("alice");
    CLAIMS
        .create_claim(
            &mut s,
            &alice,
            Uint128::new(300),
            Expiration::AtTime(Timestamp::from_seconds(1_000)),
        )
        .unwrap();
    let mut k = b"cl".to_vec();
    k.extend_from_slice(alice.as_bytes());
    let mut prefixed = vec![0, 2];
    prefixed.extend_from_slice(&k);
    assert_eq!(
        raw(&s, &prefixed),
        r#"[{"amount":"300","release_at":{"at_time":"1000000000000"}}]"#
    );
}

#[test]
fn golden_proposal_records_body_terms_tally_kind() {
    let mut s = MockStorage::new();
    let body = Body {
        proposer: Addr::unchecked("alice"),
        title: "t".into(),
        description: "d".into(),
        msgs: vec![CosmosMsg::Bank(BankMsg::Send {
            to_address: "bob".into(),
            amount: cosmwasm_std::coins(5, "ujuno"),
        })],
    };
    BODIES.save(&mut s, 3, &body).unwrap();
    assert_eq!(
        raw(&s, &key(BODIES.key(3))),
        r#"["alice","t","d",[{"bank":{"send":{"to_address":"bob","amount":[{"denom":"ujuno","amount":"5"}]}}}]]"#
    );
    assert_eq!(BODIES.load(&s, 3).unwrap(), body);

    let terms = Terms {
        start_height: 10,
        voting_end: 2_000,
        timelock: 3_600,
        window: 100,
        total_power: Uint128::new(900),
        deposit: Uint128::new(50),
        curve: Curve::Linear,
        min_stake: Uint128::new(1),
        cap: bps(1_000),
        quorum: bps(3_000),
        threshold: Threshold::Percent(bps(5_000)),
        veto_threshold: bps(3_334),
    };
    TERMS.save(&mut s, 3, &terms).unwrap();
    assert_eq!(
        raw(&s, &key(TERMS.key(3))),
        r#"[10,2000,3600,100,"900","50","linear","1",1000,3000,5000,3334]"#
    );
    assert_eq!(TERMS.load(&s, 3).unwrap(), terms);
    // `majority` is stored as threshold 0.
    let majority = Terms {
        threshold: Threshold::Majority {},
        ..terms
    };
    TERMS.save(&mut s, 4, &majority).unwrap();
    assert_eq!(
        raw(&s, &key(TERMS.key(4))),
        r#"[10,2000,3600,100,"900","50","linear","1",1000,3000,0,3334]"#
    );
    assert_eq!(TERMS.load(&s, 4).unwrap(), majority);

    let tally = TallyState {
        yes: Uint128::new(1),
        no: Uint128::new(2),
        abstain: Uint128::new(3),
        veto: Uint128::new(4),
        stored: Stored::ExecutionFailed,
        settled: true,
    };
    TALLIES.save(&mut s, 3, &tally).unwrap();
    assert_eq!(
        raw(&s, &key(TALLIES.key(3))),
        r#"["1","2","3","4","f",true]"#
    );
    assert_eq!(TALLIES.load(&s, 3).unwrap(), tally);
    for (stored, code) in [
        (Stored::Pending, "o"),
        (Stored::Executed, "x"),
        (Stored::ExecutionFailed, "f"),
        (Stored::GuardianVetoed, "g"),
    ] {
        let t = TallyState {
            stored,
            ..TallyState::new()
        };
        TALLIES.save(&mut s, 5, &t).unwrap();
        assert_eq!(
            raw(&s, &key(TALLIES.key(5))),
            format!(r#"["0","0","0","0","{code}",false]"#)
        );
    }

    // Kind: one byte, absent when 0.
    save_kind(&mut s, 6, Kind::default()).unwrap();
    assert!(!KINDS.has(&s, 6));
    let kind = Kind {
        class: ProposalClass {
            custody: true,
            guardian_change: true,
        },
        refund: RefundPolicy::OnlyPassed,
    };
    save_kind(&mut s, 7, kind).unwrap();
    assert_eq!(raw(&s, &key(KINDS.key(7))), "11");
    assert_eq!(load_kind(&s, 7).unwrap(), kind);
    assert_eq!(load_kind(&s, 6).unwrap(), Kind::default());
}

#[test]
fn golden_ballot_and_identity_voter_records() {
    let mut s = MockStorage::new();
    let alice = Addr::unchecked("alice");
    let ballot = BallotState {
        option: option_code(&VoteOption::Veto),
        power: Uint128::new(77),
    };
    BALLOTS.save(&mut s, (3, &alice), &ballot).unwrap();
    assert_eq!(raw(&s, &key(BALLOTS.key((3, &alice)))), r#"[3,"77"]"#);
    assert_eq!(BALLOTS.load(&s, (3, &alice)).unwrap(), ballot);
    IDENTITY_VOTERS.save(&mut s, (3, 9), &alice).unwrap();
    assert_eq!(raw(&s, &key(IDENTITY_VOTERS.key((3, 9)))), r#""alice""#);
}

#[test]
fn golden_identity_records_link_identity_expiry() {
    let mut s = MockStorage::new();
    let alice = Addr::unchecked("alice");
    // Built from the stored array, so this test reads the same whatever the
    // Rust field names are.
    let link = Link::from((9, Some(500)));
    LINKS.save(&mut s, &alice, &link, 4).unwrap();
    assert_eq!(raw(&s, &key(LINKS.key(&alice))), "[9,500]");
    assert_eq!(LINKS.load(&s, &alice).unwrap(), link);
    let forever = Link::from((9, None));
    LINKS.save(&mut s, &alice, &forever, 4).unwrap();
    assert_eq!(raw(&s, &key(LINKS.key(&alice))), "[9,null]");

    let record = IdentityRecord::from((Uint128::new(1_000), 2, 3, Some(500)));
    IDENTITIES.save(&mut s, 9, &record, 4).unwrap();
    assert_eq!(raw(&s, &key(IDENTITIES.key(9))), r#"["1000",2,3,500]"#);
    assert_eq!(IDENTITIES.load(&s, 9).unwrap(), record);

    EXPIRIES.save(&mut s, (9, 500, &alice), &()).unwrap();
    assert_eq!(raw(&s, &key(EXPIRIES.key((9, 500, &alice)))), "null");
}
