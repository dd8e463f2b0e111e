//! Power per identity (issue 10, item 2), through the real identity
//! registry and FAIR: identities vote with the curve of their summed stake,
//! once per proposal; stake without identity follows the policy; expired
//! attestations never count; links changed after a proposal's start change
//! nothing on it; splitting never pays (property tests, invariants checked
//! after every step by `Suite::check`).
use super::*;
use fairgrid::identity::IdentityChange;
use proptest::prelude::*;

const MIN: u128 = 100;

fn id_suite(policy: UnidentifiedPolicy) -> Suite {
    Suite::with(Setup {
        curve: Curve::SquareRoot,
        min_stake: u(MIN),
        registry: true,
        unidentified: policy,
        extra_users: 8,
        ..Default::default()
    })
}

fn self_msg(s: &Suite, msg: &ExecuteMsg) -> CosmosMsg {
    cosmwasm_std::WasmMsg::Execute {
        contract_addr: s.gov.to_string(),
        msg: to_json_binary(msg).unwrap(),
        funds: vec![],
    }
    .into()
}

fn proposal_power(s: &Suite, id: u64, who: &Addr) -> VotingPowerResponse {
    s.q(&QueryMsg::ProposalVotingPower {
        proposal_id: id,
        address: who.to_string(),
    })
}

/// alice 400 and bob 500 in one identity, carol 900 without: the identity
/// has isqrt(900) = 30, carol the linear share 900 / (2 × ceil(sqrt(1800)))
/// = 900 / 86 = 10; total 40.
fn alice_bob_identity_carol_alone(policy: UnidentifiedPolicy) -> (Suite, u64) {
    let mut s = id_suite(policy);
    let (alice, bob, carol) = (s.user("alice"), s.user("bob"), s.user("carol"));
    s.stake(&alice, 400).unwrap();
    s.stake(&bob, 500).unwrap();
    s.stake(&carol, 900).unwrap();
    let id = s.link(&alice, None, None).unwrap();
    s.check();
    assert_eq!(s.link(&bob, Some(id), None).unwrap(), id);
    s.next_block();
    s.check();
    (s, id)
}

#[test]
fn identity_power_is_the_curve_of_its_summed_stake_and_unidentified_stake_gets_the_linear_share() {
    let (s, id) = alice_bob_identity_carol_alone(UnidentifiedPolicy::LinearShare);
    let (alice, bob, carol) = (s.user("alice"), s.user("bob"), s.user("carol"));
    let ip = s.identity_power(id, None);
    assert_eq!(
        (ip.stake, ip.power, ip.stakers, ip.addresses),
        (u(900), u(30), 2, 2)
    );
    assert_eq!(s.power_at(&alice, None).power, u(30));
    assert_eq!(s.power_at(&bob, None).power, u(30));
    assert_eq!(s.power_at(&alice, None).identity, Some(id));
    assert_eq!(s.power_at(&carol, None).power, u(10));
    assert_eq!(s.power_at(&carol, None).identity, None);
    assert_eq!(s.total_power(None), u(40));
    let m = s.metrics();
    assert_eq!(m.identities, 1);
    assert_eq!(m.unidentified_stakers, 1);
    assert_eq!(m.identified_stake, u(900));
    assert_eq!(m.unidentified_stake_bps, 5_000);
    // In units of 1/d (d = 2 × ceil(√1800) = 86): the identity 30 × 86 =
    // 2580, carol her stake 900: (2580² + 900²) / (2580 + 900)² = 61.65 %.
    assert_eq!(
        m.power_hhi_bps,
        (2_580 * 2_580 + 900 * 900) * 10_000 / (3_480 * 3_480)
    );
    assert_eq!(m.power_hhi_bps, 6_165);
}

#[test]
fn policy_none_gives_unidentified_stake_no_power() {
    let (s, _) = alice_bob_identity_carol_alone(UnidentifiedPolicy::None);
    assert_eq!(s.power_at(&s.user("carol"), None).power, u(0));
    assert_eq!(s.total_power(None), u(30));
}

#[test]
fn second_address_of_an_identity_replaces_its_ballot_so_the_identity_counts_once() {
    let (mut s, id) = alice_bob_identity_carol_alone(UnidentifiedPolicy::LinearShare);
    let (alice, bob, erin) = (s.user("alice"), s.user("bob"), s.user("erin"));
    let p = s.propose(&erin);
    s.vote(&alice, p, VoteOption::Yes).unwrap();
    s.check();
    assert_eq!(s.tally(p).yes, u(30));
    let res = s.vote(&bob, p, VoteOption::No).unwrap();
    assert_eq!(attr(&res, "replaced"), alice.to_string());
    assert_eq!(attr(&res, "voter_identity"), id.to_string());
    s.check();
    let t = s.tally(p);
    assert_eq!((t.yes, t.no), (u(0), u(30)), "the identity counts once");
    let ballots = s.all_votes(p).ballots;
    assert_eq!(ballots.len(), 1);
    assert_eq!(ballots[0].voter, bob);
    // Back through the first address: still once.
    s.vote(&alice, p, VoteOption::Yes).unwrap();
    s.check();
    let t = s.tally(p);
    assert_eq!((t.yes, t.no), (u(30), u(0)));
    assert_eq!(s.all_votes(p).ballots.len(), 1);
}

#[test]
fn identity_hook_from_a_non_registry_sender_is_refused() {
    let (mut s, id) = alice_bob_identity_carol_alone(UnidentifiedPolicy::LinearShare);
    let (carol, registry) = (s.user("carol"), s.registry.clone().unwrap());
    let forged = ExecuteMsg::IdentityChanged(IdentityChange::new(&carol, None, Some(id), None));
    refused(
        &mut s,
        ContractError::NotRegistry {
            sender: carol.to_string(),
            registry: registry.to_string(),
        },
        |s| s.exec(&carol, &forged),
    );
    // Without a registry nobody is accepted.
    let mut s = Suite::with(Setup {
        curve: Curve::SquareRoot,
        ..Default::default()
    });
    let carol = s.user("carol");
    refused(
        &mut s,
        ContractError::NotRegistry {
            sender: carol.to_string(),
            registry: "none".into(),
        },
        |s| s.exec(&carol, &forged),
    );
}

#[test]
fn expired_attestation_is_never_counted() {
    let mut s = id_suite(UnidentifiedPolicy::LinearShare);
    let (alice, bob, carol, erin) = (
        s.user("alice"),
        s.user("bob"),
        s.user("carol"),
        s.user("erin"),
    );
    s.stake(&alice, 400).unwrap();
    s.stake(&bob, 500).unwrap();
    s.stake(&carol, 900).unwrap();
    let expiry = s.height() + 2;
    let id = s.link(&alice, None, Some(expiry)).unwrap();
    s.link(&bob, Some(id), None).unwrap();
    s.next_block();
    assert_eq!(s.identity_power(id, None).earliest_expiry, Some(expiry));
    s.next_block();
    assert_eq!(s.height(), expiry);
    s.check();
    // Nobody reported the expiry: the proposal's start height holds it.
    let p = s.propose(&erin);
    for voter in [&alice, &bob] {
        refused(
            &mut s,
            ContractError::ExpiredAttestation {
                voter: voter.to_string(),
                identity: id,
                expired_at: expiry,
                height: expiry,
            },
            |s| s.vote(voter, p, VoteOption::Yes),
        );
        assert_eq!(proposal_power(&s, p, voter).power, u(0));
    }
    // A live link cannot be reported.
    refused(
        &mut s,
        ContractError::LinkNotExpired {
            address: bob.to_string(),
            identity: Some(id),
            expires_at: None,
            height: expiry,
        },
        |s| {
            let anyone = s.user("anyone");
            s.exec(
                &anyone,
                &ExecuteMsg::ReportExpiry {
                    address: bob.to_string(),
                },
            )
        },
    );
    // Anyone reports alice's: from the next height the identity is bob alone.
    let anyone = s.user("anyone");
    s.exec(
        &anyone,
        &ExecuteMsg::ReportExpiry {
            address: alice.to_string(),
        },
    )
    .unwrap();
    s.check();
    s.next_block();
    let q = s.propose(&erin);
    // bob: isqrt(500) = 22; alice without identity: 400 / (2 × 43) = 4.
    s.vote(&bob, q, VoteOption::Yes).unwrap();
    s.vote(&alice, q, VoteOption::No).unwrap();
    s.check();
    let t = s.tally(q);
    assert_eq!((t.yes, t.no), (u(22), u(4)));
    // The earlier proposal still refuses them (its start height is fixed).
    assert!(matches!(
        s.vote(&bob, p, VoteOption::Yes).map_err(err),
        Err(ContractError::ExpiredAttestation { .. })
    ));
}

#[test]
fn registry_expire_reaches_governance_by_hook() {
    let mut s = id_suite(UnidentifiedPolicy::LinearShare);
    let carol = s.user("carol");
    s.stake(&carol, 900).unwrap();
    let expiry = s.height() + 1;
    let id = s.link(&carol, None, Some(expiry)).unwrap();
    s.next_block();
    s.check();
    assert_eq!(
        s.power_at(&carol, None).power,
        u(0),
        "expired: counts nothing"
    );
    s.registry_expire(&carol).unwrap();
    s.check();
    assert_eq!(s.power_at(&carol, None).identity, None);
    assert_eq!(s.identity_power(id, None).addresses, 0);
    // 900 / (2 × 30) = 15
    assert_eq!(s.power_at(&carol, None).power, u(15));
}

#[test]
fn linking_unlinking_or_expiry_after_start_changes_nothing_on_the_proposal() {
    let (mut s, id) = alice_bob_identity_carol_alone(UnidentifiedPolicy::LinearShare);
    let (alice, bob, carol, dave, erin) = (
        s.user("alice"),
        s.user("bob"),
        s.user("carol"),
        s.user("dave"),
        s.user("erin"),
    );
    s.stake(&dave, 300).unwrap();
    s.next_block();
    let p = s.propose(&erin);
    let users = s.users.clone();
    let before: Vec<_> = users.iter().map(|a| proposal_power(&s, p, a)).collect();
    let total = s.proposal(p).total_power;
    // After the start: carol joins the identity, bob leaves it, dave gets an
    // identity that expires next block, stakes move.
    s.link(&carol, Some(id), None).unwrap();
    s.revoke(&bob).unwrap();
    let h = s.height();
    s.link(&dave, None, Some(h + 1)).unwrap();
    s.stake(&alice, 1_000).unwrap();
    s.check();
    s.next_block();
    s.next_block();
    let anyone = s.user("anyone");
    s.exec(
        &anyone,
        &ExecuteMsg::ReportExpiry {
            address: dave.to_string(),
        },
    )
    .unwrap();
    s.check();
    let after: Vec<_> = users.iter().map(|a| proposal_power(&s, p, a)).collect();
    assert_eq!(after, before);
    assert_eq!(s.proposal(p).total_power, total);
    // Votes read the start height: alice and bob share identity id there.
    s.vote(&bob, p, VoteOption::Yes).unwrap();
    s.vote(&alice, p, VoteOption::Yes).unwrap();
    s.vote(&carol, p, VoteOption::No).unwrap();
    s.vote(&dave, p, VoteOption::No).unwrap();
    s.check();
    let t = s.tally(p);
    // S = 2100 at the start, 2 × ceil(sqrt(2100)) = 92: identity 30 once;
    // carol 900 / 92 = 9 and dave 300 / 92 = 3 without identity
    assert_eq!((t.yes, t.no), (u(30), u(12)));
}

#[test]
fn identity_config_changes_only_by_proposal_and_from_the_next_height() {
    let (mut s, _) = alice_bob_identity_carol_alone(UnidentifiedPolicy::LinearShare);
    let (alice, carol, erin) = (s.user("alice"), s.user("carol"), s.user("erin"));
    let registry = s.registry.clone().map(|r| r.to_string());
    let set_none = ExecuteMsg::UpdateIdentityConfig {
        identity: IdentityConfigMsg {
            registry: registry.clone(),
            unidentified: UnidentifiedPolicy::None,
        },
    };
    let gov = s.gov.to_string();
    refused(
        &mut s,
        ContractError::NotSelf {
            action: "update_identity_config".into(),
            sender: alice.to_string(),
            expected: gov,
        },
        |s| s.exec(&alice, &set_none),
    );
    let msg = self_msg(&s, &set_none);
    let p = s.propose_msgs(&erin, 100, vec![msg]).unwrap();
    let open = s.propose(&erin);
    s.vote(&alice, p, VoteOption::Yes).unwrap();
    s.set_time(s.proposal(p).executable_at);
    let h = s.height();
    s.execute(p).unwrap();
    s.check();
    assert_eq!(s.config().identity.unidentified, UnidentifiedPolicy::None);
    assert_eq!(s.total_power(None), u(30));
    assert_eq!(
        s.total_power(Some(h)),
        u(40),
        "start of the block: unchanged"
    );
    // The open proposal keeps its start height's policy.
    assert_eq!(
        s.proposal(open).terms.unidentified,
        UnidentifiedPolicy::LinearShare
    );
    assert_eq!(proposal_power(&s, open, &carol).power, u(10));
}

#[test]
fn migrate_from_layout_2_converts_the_metrics_record_and_every_query_answers_the_same() {
    use crate::state::{LAYOUT, METRICS_KEY};
    let mut s = Suite::with(Setup {
        curve: Curve::SquareRoot,
        min_stake: u(MIN),
        ..Default::default()
    });
    let (alice, bob, carol) = (s.user("alice"), s.user("bob"), s.user("carol"));
    s.stake(&alice, 400).unwrap();
    s.stake(&bob, 50).unwrap();
    s.next_block();
    s.stake(&carol, 900).unwrap();
    let p = s.propose(&alice);
    s.next_block();
    s.vote(&alice, p, VoteOption::Yes).unwrap();
    s.next_block();
    let heights: Vec<u64> = (1..=s.height()).collect();
    let view = |s: &Suite| {
        (
            s.metrics(),
            heights
                .iter()
                .map(|h| s.total_power(Some(*h)))
                .collect::<Vec<_>>(),
            s.proposal(p),
            s.users
                .iter()
                .map(|a| s.power_at(a, None))
                .collect::<Vec<_>>(),
        )
    };
    let before = view(&s);
    let gov = s.gov.clone();
    let current: crate::state::Metrics = cosmwasm_std::from_json(
        s.app
            .wrap()
            .query_wasm_raw(&gov, METRICS_KEY)
            .unwrap()
            .unwrap(),
    )
    .unwrap();
    {
        // Layout-2 bytes: a five-field array, in the record and in every
        // changelog entry (written by layout-2 code at each height).
        let mut store = s.app.contract_storage_mut(&gov);
        let five = |m: &crate::state::Metrics| {
            cosmwasm_std::to_json_vec(&(
                m.total_power,
                m.stakers,
                m.total_stake,
                m.sum_sq_stake,
                m.sum_sq_power,
            ))
            .unwrap()
        };
        store.set(METRICS_KEY, &five(&current));
        let changelog: Vec<Record> = store
            .range(Some(b"\x00\x03m_l"), Some(b"\x00\x03m_m"), Order::Ascending)
            .collect();
        assert_eq!(changelog.len(), 2);
        #[derive(serde::Deserialize)]
        struct ChangeSet {
            old: Option<crate::state::Metrics>,
        }
        for (k, v) in changelog {
            let entry: ChangeSet = cosmwasm_std::from_json(&v).unwrap();
            let old = match entry.old {
                Some(m) => String::from_utf8(five(&m)).unwrap(),
                None => "null".into(),
            };
            store.set(&k, format!("{{\"old\":{old}}}").as_bytes());
        }
        LAYOUT.save(store.as_mut(), &2).unwrap();
        cw2::set_contract_version(store.as_mut(), crate::contract::CONTRACT_NAME, "0.0.1").unwrap();
    }
    let (admin, code) = (s.admin.clone(), s.code_id);
    let res = s
        .app
        .migrate_contract(
            admin,
            gov.clone(),
            &fairgrid::governance::MigrateMsg::default(),
            code,
        )
        .unwrap();
    assert_eq!(attr(&res, "from_layout"), "2");
    assert_eq!(attr(&res, "to_layout"), "3");
    assert_eq!(view(&s), before, "every query answers the same");
    let raw = s
        .app
        .wrap()
        .query_wasm_raw(&gov, METRICS_KEY)
        .unwrap()
        .unwrap();
    assert_eq!(
        raw,
        cosmwasm_std::to_json_vec(&current).unwrap(),
        "layout-3 bytes"
    );
    s.check();
}

/// Power of the voting units a set of addresses makes up now: each identity
/// once, each address without identity on its own.
fn holder_power(s: &Suite, addrs: &[Addr]) -> Uint128 {
    let mut seen = std::collections::BTreeSet::new();
    let mut total = Uint128::zero();
    for a in addrs {
        let p = s.power_at(a, None);
        match p.identity {
            Some(i) if !seen.insert(i) => {}
            _ => total += p.power,
        }
    }
    total
}

/// `whale` plus eight extra users hold the holder's stake; bob, carol, dave
/// and erin hold `others` without identity. Returns the suite and the
/// holder's addresses.
fn holder_suite(
    policy: UnidentifiedPolicy,
    parts: &[u128],
    placement: &[u8],
    others: &[u128],
) -> (Suite, Vec<Addr>) {
    let mut s = id_suite(policy);
    for (i, amount) in others.iter().enumerate() {
        let who = s.user(NAMES[1 + i]);
        if *amount > 0 {
            s.stake(&who, *amount).unwrap();
            s.check();
        }
    }
    let holder: Vec<Addr> = std::iter::once(s.user("whale"))
        .chain((0..parts.len().saturating_sub(1)).map(|i| s.user(&format!("user{i}"))))
        .collect();
    let mut identity = None;
    for (i, (who, amount)) in holder.iter().zip(parts).enumerate() {
        s.stake(who, *amount).unwrap();
        s.check();
        if placement[i] == 0 {
            identity = Some(s.link(who, identity, None).unwrap());
            s.check();
        }
    }
    s.next_block();
    s.check();
    (s, holder)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any split of a stake over up to 7 addresses, above and below
    /// `min_stake`, all in one identity, all without, or mixed: the holder's
    /// power never exceeds what the unsplit stake gets in one identity or one
    /// address; all in one identity it is exactly the unsplit identity's
    /// (power depends only on the identity's total stake).
    #[test]
    fn splitting_a_stake_across_addresses_of_one_identity_or_none_never_gains(
        linear_share in any::<bool>(),
        parts in prop::collection::vec(1u128..3_000, 1..8),
        placement in prop::collection::vec(0u8..2, 8),
        others in prop::collection::vec(0u128..20_000, 0..4),
    ) {
        let policy = if linear_share { UnidentifiedPolicy::LinearShare } else { UnidentifiedPolicy::None };
        let total: u128 = parts.iter().sum();
        let (one_id, h1) = holder_suite(policy, &[total], &[0], &others);
        let (one_addr, h2) = holder_suite(policy, &[total], &[1], &others);
        let (split, h3) = holder_suite(policy, &parts, &placement, &others);
        let unsplit_identity = holder_power(&one_id, &h1);
        let unsplit_address = holder_power(&one_addr, &h2);
        let got = holder_power(&split, &h3);
        prop_assert!(unsplit_address <= unsplit_identity, "verifying pays: {} > {}", unsplit_address, unsplit_identity);
        prop_assert!(got <= unsplit_identity.max(unsplit_address), "split {} above unsplit {}", got, unsplit_identity);
        prop_assert!(got <= unsplit_identity, "split {} above unsplit identity {}", got, unsplit_identity);
        if placement[..parts.len()].iter().all(|p| *p == 0) {
            prop_assert_eq!(got, unsplit_identity);
        }
        if placement[..parts.len()].iter().all(|p| *p == 1) {
            prop_assert!(got <= unsplit_address);
        }
        // The whole set's total is the same whatever the split's shape.
        prop_assert_eq!(one_id.metrics().total_stake, split.metrics().total_stake);
    }
}

#[derive(Debug, Clone)]
enum Step {
    Stake(usize, u128),
    Unstake(usize, u128),
    /// Link a user to the identity of another user (or a new one), with an
    /// expiry `n` blocks ahead when `Some(n)`.
    Link(usize, Option<usize>, Option<u64>),
    Revoke(usize),
    Expire(usize),
    NextBlock,
    Propose,
    Vote(usize, u8, usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0usize..8, 1u128..3_000).prop_map(|(u, a)| Step::Stake(u, a)),
        1 => (0usize..8, 1u128..3_000).prop_map(|(u, a)| Step::Unstake(u, a)),
        3 => (0usize..8, prop::option::of(0usize..8), prop::option::of(1u64..4))
            .prop_map(|(u, o, e)| Step::Link(u, o, e)),
        1 => (0usize..8).prop_map(Step::Revoke),
        1 => (0usize..8).prop_map(Step::Expire),
        3 => Just(Step::NextBlock),
        1 => Just(Step::Propose),
        4 => (0usize..8, 0u8..4, 0usize..4).prop_map(|(u, o, p)| Step::Vote(u, o, p)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Random stake, link, revoke, expiry, proposal and vote histories:
    /// after every step the invariants hold (`Suite::check`: total power =
    /// Σ identity power + the policy's power of the rest, at most one ballot
    /// per identity and proposal); every open proposal's per-address power
    /// and total stay what they were at its start, whatever links changed
    /// since; a vote counts exactly that power, or is refused when it is 0
    /// or its identity held an expired link at the start.
    #[test]
    fn identity_histories_keep_totals_exact_and_proposals_fixed_at_their_start(
        linear_share in any::<bool>(),
        steps in prop::collection::vec(step(), 1..30),
    ) {
        let policy = if linear_share { UnidentifiedPolicy::LinearShare } else { UnidentifiedPolicy::None };
        let mut s = id_suite(policy);
        let users: Vec<Addr> = s.users[..8].to_vec();
        let erin = s.user("erin");
        // proposal id → (per-user power at start, total)
        let mut fixed: BTreeMap<u64, (Vec<VotingPowerResponse>, Uint128)> = BTreeMap::new();
        for st in steps {
            match st {
                Step::Stake(i, a) => { s.stake(&users[i], a).unwrap(); }
                Step::Unstake(i, a) => { let _ = s.unstake(&users[i], a); }
                Step::Link(i, other, expiry) => {
                    let identity = other.and_then(|o| s.power_at(&users[o], None).identity);
                    let expires = expiry.map(|n| s.height() + n);
                    let _ = s.link(&users[i], identity, expires);
                }
                Step::Revoke(i) => { let _ = s.revoke(&users[i]); }
                Step::Expire(i) => {
                    if s.registry_expire(&users[i]).is_err() {
                        let anyone = s.user("anyone");
                        let _ = s.exec(&anyone, &ExecuteMsg::ReportExpiry { address: users[i].to_string() });
                    }
                }
                Step::NextBlock => s.next_block(),
                Step::Propose => {
                    let id = s.propose(&erin);
                    let powers = users.iter().map(|a| proposal_power(&s, id, a)).collect();
                    fixed.insert(id, (powers, s.proposal(id).total_power));
                }
                Step::Vote(i, o, p) => {
                    let Some((&id, (powers, _))) = fixed.iter().nth(p) else { continue };
                    if s.status(id) != ProposalStatus::Open { continue; }
                    let expected = powers[i].power;
                    let option = crate::state::option_from_code(o);
                    match s.vote(&users[i], id, option) {
                        Ok(res) => prop_assert_eq!(attr(&res, "power"), expected.to_string()),
                        Err(e) => {
                            let refused_ok = matches!(
                                err(e),
                                ContractError::NoVotingPower { .. } | ContractError::ExpiredAttestation { .. }
                            );
                            prop_assert!(refused_ok);
                            prop_assert!(expected.is_zero());
                        }
                    }
                }
            }
            s.check();
            for (id, (powers, total)) in &fixed {
                let now: Vec<_> = users.iter().map(|a| proposal_power(&s, *id, a)).collect();
                prop_assert_eq!(&now, powers, "proposal {} moved", id);
                prop_assert_eq!(s.proposal(*id).total_power, *total);
            }
        }
    }
}
