//! Every parameter at its boundaries, at instantiate, update_config and
//! migrate; every time and amount field at its extremes (no panic); the
//! stored layout migrated from layout 1 reads back exactly.
use super::lifecycle::staked_suite;
use super::*;
use crate::contract::{execute, instantiate, migrate, query, CONTRACT_NAME};
use crate::state::{ParamsV1, LAYOUT, METRICS, METRICS_KEY, PARAMS_V1};
use cosmwasm_std::testing::{message_info, mock_dependencies, mock_env, MockApi};
use cosmwasm_std::{from_json, Timestamp};
use fairgrid::governance::{ConfigResponse, MigrateMsg, ProposalsResponse, MAX_PERIOD};

type Case = (&'static str, ParamsMsg, Option<&'static str>);

/// (label, params, None if accepted else the parameter named in the error).
fn walk(api: &MockApi, guardian: bool) -> Vec<Case> {
    let base = default_params(&api.addr_make("treasury"));
    let floor = if guardian { MIN_GUARDIAN_TIMELOCK } else { 0 };
    let mut cases: Vec<Case> = vec![];
    let mut add = |label, f: &dyn Fn(&mut ParamsMsg), bad| {
        let mut p = base.clone();
        f(&mut p);
        cases.push((label, p, bad));
    };
    add("cap 0", &|p| p.cap = bps(0), Some("cap"));
    add("cap 1", &|p| p.cap = bps(1), None);
    add("cap 10000", &|p| p.cap = bps(10_000), None);
    add("quorum 0", &|p| p.quorum = bps(0), None);
    add("quorum 10000", &|p| p.quorum = bps(10_000), None);
    add(
        "threshold 0",
        &|p| p.threshold = Threshold::Percent(bps(0)),
        Some("threshold"),
    );
    add(
        "threshold 1",
        &|p| p.threshold = Threshold::Percent(bps(1)),
        None,
    );
    add(
        "threshold 10000",
        &|p| p.threshold = Threshold::Percent(bps(10_000)),
        None,
    );
    add(
        "threshold majority",
        &|p| p.threshold = Threshold::Majority {},
        None,
    );
    add(
        "veto 0",
        &|p| p.veto_threshold = bps(0),
        Some("veto_threshold"),
    );
    add("veto 1", &|p| p.veto_threshold = bps(1), None);
    add("veto 10000", &|p| p.veto_threshold = bps(10_000), None);
    add("voting 0", &|p| p.voting_period = 0, Some("voting_period"));
    add("voting 1", &|p| p.voting_period = 1, None);
    add("voting max", &|p| p.voting_period = MAX_PERIOD, None);
    add(
        "voting max+1",
        &|p| p.voting_period = MAX_PERIOD + 1,
        Some("voting_period"),
    );
    add(
        "voting u64::MAX",
        &|p| p.voting_period = u64::MAX,
        Some("voting_period"),
    );
    add("timelock max", &|p| p.timelock = MAX_PERIOD, None);
    add(
        "timelock max+1",
        &|p| p.timelock = MAX_PERIOD + 1,
        Some("timelock"),
    );
    add(
        "timelock u64::MAX",
        &|p| p.timelock = u64::MAX,
        Some("timelock"),
    );
    if guardian {
        add(
            "timelock floor-1",
            &|p| p.timelock = floor - 1,
            Some("timelock"),
        );
        add("timelock 0", &|p| p.timelock = 0, Some("timelock"));
    }
    add("timelock floor", &|p| p.timelock = floor, None);
    add(
        "window 0",
        &|p| p.execution_window = 0,
        Some("execution_window"),
    );
    add("window 1", &|p| p.execution_window = 1, None);
    add("window max", &|p| p.execution_window = MAX_PERIOD, None);
    add(
        "window max+1",
        &|p| p.execution_window = MAX_PERIOD + 1,
        Some("execution_window"),
    );
    add("deposit 0", &|p| p.min_deposit = u(0), None);
    add("deposit max", &|p| p.min_deposit = Uint128::MAX, None);
    add("propose power 0", &|p| p.min_propose_power = u(0), None);
    add(
        "propose power max",
        &|p| p.min_propose_power = Uint128::MAX,
        None,
    );
    add(
        "unbonding 0",
        &|p| p.unbonding_period = Duration::Time(0),
        None,
    );
    add(
        "unbonding max",
        &|p| p.unbonding_period = Duration::Time(MAX_PERIOD),
        None,
    );
    add(
        "unbonding max+1",
        &|p| p.unbonding_period = Duration::Time(MAX_PERIOD + 1),
        Some("unbonding_period"),
    );
    add(
        "unbonding u64::MAX",
        &|p| p.unbonding_period = Duration::Time(u64::MAX),
        Some("unbonding_period"),
    );
    add(
        "unbonding height",
        &|p| p.unbonding_period = Duration::Height(1),
        Some("unbonding_period"),
    );
    for policy in [
        RefundPolicy::Always,
        RefundPolicy::OnlyPassed,
        RefundPolicy::NotVetoed,
    ] {
        add("refund policy", &move |p| p.deposit_refund = policy, None);
    }
    cases
}

fn init_msg(api: &MockApi, params: ParamsMsg, guardian: bool) -> InstantiateMsg {
    InstantiateMsg {
        token: api.addr_make("token").to_string(),
        curve: Curve::Linear,
        min_stake: u(0),
        params,
        guardian: guardian.then(|| api.addr_make("guardian").to_string()),
        hooks: vec![],
        identity: Default::default(),
    }
}

fn check_outcome(
    label: &str,
    entry: &str,
    got: Result<cosmwasm_std::Response, ContractError>,
    bad: Option<&str>,
) {
    match (got, bad) {
        (Ok(_), None) => {}
        (Err(ContractError::InvalidParam { name, .. }), Some(b)) if name == b => {}
        (got, bad) => panic!("{entry} {label}: expected {bad:?}, got {got:?}"),
    }
}

#[test]
fn every_parameter_is_checked_at_min_max_and_one_past_at_every_entry_point() {
    for guardian in [false, true] {
        let api = MockApi::default();
        for (label, params, bad) in walk(&api, guardian) {
            // instantiate
            let mut deps = mock_dependencies();
            let admin = message_info(&api.addr_make("admin"), &[]);
            let got = instantiate(
                deps.as_mut(),
                mock_env(),
                admin.clone(),
                init_msg(&api, params.clone(), guardian),
            );
            check_outcome(label, "instantiate", got, bad);
            // update_config, from a contract set up with valid defaults
            let mut deps = mock_dependencies();
            let base = default_params(&api.addr_make("treasury"));
            instantiate(
                deps.as_mut(),
                mock_env(),
                admin.clone(),
                init_msg(&api, base.clone(), guardian),
            )
            .unwrap();
            let env = mock_env();
            let me = message_info(&env.contract.address, &[]);
            let got = execute(
                deps.as_mut(),
                env.clone(),
                me,
                ExecuteMsg::UpdateConfig {
                    params: params.clone(),
                },
            );
            check_outcome(label, "update_config", got, bad);
            let c: ConfigResponse =
                from_json(query(deps.as_ref(), env.clone(), QueryMsg::Config {}).unwrap()).unwrap();
            let expected = if bad.is_none() { &params } else { &base };
            assert_eq!(c.params.timelock, expected.timelock, "{label}");
            assert_eq!(
                c.params.unbonding_period, expected.unbonding_period,
                "{label}"
            );
            assert_eq!(c.params.threshold, expected.threshold, "{label}");
            assert_eq!(c.params.deposit_refund, expected.deposit_refund, "{label}");
            // migrate with these params
            let got = migrate(
                deps.as_mut(),
                env,
                MigrateMsg {
                    params: Some(params),
                    identity: None,
                },
            );
            check_outcome(label, "migrate", got, bad);
        }
    }
    // Shares above 10000 bps cannot even be expressed.
    let json = cosmwasm_std::to_json_string(&default_params(&Addr::unchecked("t")))
        .unwrap()
        .replace("\"cap\":10000", "\"cap\":10001");
    assert!(cosmwasm_std::from_json::<ParamsMsg>(json.as_bytes()).is_err());
}

#[test]
fn migrate_refuses_stored_parameters_out_of_range_unless_replaced() {
    let mut deps = mock_dependencies();
    let api = deps.api;
    let admin = message_info(&api.addr_make("admin"), &[]);
    let base = default_params(&api.addr_make("treasury"));
    instantiate(
        deps.as_mut(),
        mock_env(),
        admin,
        init_msg(&api, base.clone(), false),
    )
    .unwrap();
    // A layout-1 record holding an unbonding in heights (accepted before).
    let v1: ParamsV1 = (
        bps(10_000),
        bps(3_000),
        bps(5_000),
        bps(3_334),
        100,
        0,
        100,
        u(100),
        u(0),
        Duration::Height(10),
        api.addr_make("treasury"),
    );
    PARAMS_V1.save(&mut deps.storage, &v1).unwrap();
    LAYOUT.remove(&mut deps.storage);
    assert!(matches!(
        migrate(deps.as_mut(), mock_env(), MigrateMsg::default()),
        Err(ContractError::InvalidParam { name, .. }) if name == "unbonding_period"
    ));
    let res = migrate(
        deps.as_mut(),
        mock_env(),
        MigrateMsg {
            params: Some(base.clone()),
            identity: None,
        },
    )
    .unwrap();
    assert_eq!(attr_of(&res, "from_layout"), "1");
    assert_eq!(LAYOUT.load(&deps.storage).unwrap(), 3);
    let c: ConfigResponse =
        from_json(query(deps.as_ref(), mock_env(), QueryMsg::Config {}).unwrap()).unwrap();
    assert_eq!(c.params.unbonding_period, base.unbonding_period);
}

fn attr_of(res: &cosmwasm_std::Response, key: &str) -> String {
    res.attributes
        .iter()
        .find(|a| a.key == key)
        .unwrap()
        .value
        .clone()
}

/// Block time at the largest `Timestamp`, heights at u64::MAX, amounts at
/// Uint128::MAX, periods at their maximum: every message returns a result
/// (an error where the value cannot be represented), none panics.
#[test]
fn extreme_times_heights_and_amounts_never_panic() {
    let mut deps = mock_dependencies();
    let api = deps.api;
    let token = api.addr_make("token");
    let whale = api.addr_make("whale");
    let mut env = mock_env();
    env.block.time = Timestamp::from_nanos(u64::MAX);
    env.block.height = u64::MAX - 1;
    let mut params = default_params(&api.addr_make("treasury"));
    params.voting_period = MAX_PERIOD;
    params.timelock = MAX_PERIOD;
    params.execution_window = MAX_PERIOD;
    params.unbonding_period = Duration::Time(MAX_PERIOD);
    params.min_deposit = Uint128::MAX;
    instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&api.addr_make("admin"), &[]),
        init_msg(&api, params.clone(), true),
    )
    .unwrap();
    let recv = |sender: &Addr, amount: Uint128, msg: &ReceiveMsg| {
        ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
            sender: sender.to_string(),
            amount,
            msg: to_json_binary(msg).unwrap(),
        })
    };
    let from_token = message_info(&token, &[]);
    let stake = recv(&whale, Uint128::MAX, &ReceiveMsg::Stake {});
    execute(deps.as_mut(), env.clone(), from_token.clone(), stake).unwrap();
    let more = recv(&whale, u(1), &ReceiveMsg::Stake {});
    assert!(matches!(
        execute(deps.as_mut(), env.clone(), from_token.clone(), more),
        Err(ContractError::Overflow(_))
    ));
    let as_whale = message_info(&whale, &[]);
    let unstake = ExecuteMsg::Unstake {
        amount: Uint128::MAX,
    };
    assert_eq!(
        execute(deps.as_mut(), env.clone(), as_whale.clone(), unstake).unwrap_err(),
        ContractError::TimeOverflow {
            what: "claim release".into(),
            now: u64::MAX / 1_000_000_000,
            plus: MAX_PERIOD,
        }
    );
    let propose = recv(
        &whale,
        Uint128::MAX,
        &ReceiveMsg::Propose {
            title: "t".into(),
            description: String::new(),
            msgs: vec![],
        },
    );
    execute(
        deps.as_mut(),
        env.clone(),
        from_token.clone(),
        propose.clone(),
    )
    .unwrap();
    // a second deposit of Uint128::MAX cannot be counted
    assert!(matches!(
        execute(deps.as_mut(), env.clone(), from_token.clone(), propose),
        Err(ContractError::Overflow(_))
    ));
    env.block.height = u64::MAX;
    let mut msgs = vec![
        ExecuteMsg::Vote {
            proposal_id: 1,
            vote: VoteOption::Yes,
        },
        ExecuteMsg::Vote {
            proposal_id: u64::MAX,
            vote: VoteOption::No,
        },
        ExecuteMsg::Execute { proposal_id: 1 },
        ExecuteMsg::Execute {
            proposal_id: u64::MAX,
        },
        ExecuteMsg::CloseProposal { proposal_id: 1 },
        ExecuteMsg::Unstake { amount: u(1) },
        ExecuteMsg::Claim {},
    ];
    for m in msgs.drain(..) {
        let _ = execute(deps.as_mut(), env.clone(), as_whale.clone(), m);
    }
    let guardian = message_info(&api.addr_make("guardian"), &[]);
    let _ = execute(
        deps.as_mut(),
        env.clone(),
        guardian,
        ExecuteMsg::GuardianVeto { proposal_id: 1 },
    );
    for q in [
        QueryMsg::Config {},
        QueryMsg::Proposal { proposal_id: 1 },
        QueryMsg::Proposals {
            status: Some(ProposalStatus::Open),
            start_after: None,
            limit: Some(u32::MAX),
        },
        QueryMsg::Proposals {
            status: None,
            start_after: Some(u64::MAX),
            limit: None,
        },
        QueryMsg::VotingPower {
            address: whale.to_string(),
            height: Some(u64::MAX),
        },
        QueryMsg::ProposalVotingPower {
            proposal_id: 1,
            address: whale.to_string(),
        },
        QueryMsg::TotalPower {
            height: Some(u64::MAX),
        },
        QueryMsg::Metrics {},
        QueryMsg::Claims {
            address: whale.to_string(),
        },
    ] {
        query(deps.as_ref(), env.clone(), q).unwrap();
    }
    let p: ProposalResponse = from_json(
        query(
            deps.as_ref(),
            env.clone(),
            QueryMsg::Proposal { proposal_id: 1 },
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(p.deposit, Uint128::MAX);
    assert_eq!(p.voting_end, u64::MAX / 1_000_000_000 + MAX_PERIOD);
    assert_eq!(p.expires_at, p.voting_end + 2 * MAX_PERIOD);
    let list: ProposalsResponse = from_json(
        query(
            deps.as_ref(),
            env,
            QueryMsg::Proposals {
                status: Some(ProposalStatus::Open),
                start_after: None,
                limit: None,
            },
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(list.proposals.len(), 1);
}

/// Everything a client can read about the contract, for before/after.
fn everything(s: &Suite) -> Vec<String> {
    let mut out = vec![];
    let mut push = |b: Binary| out.push(String::from_utf8(b.to_vec()).unwrap());
    let q = |m: &QueryMsg| -> Binary {
        let req: cosmwasm_std::QueryRequest<Empty> =
            cosmwasm_std::QueryRequest::Wasm(cosmwasm_std::WasmQuery::Smart {
                contract_addr: s.gov.to_string(),
                msg: to_json_binary(m).unwrap(),
            });
        s.app
            .wrap()
            .raw_query(&cosmwasm_std::to_json_vec(&req).unwrap())
            .unwrap()
            .unwrap()
    };
    push(q(&QueryMsg::Config {}));
    push(q(&QueryMsg::Metrics {}));
    push(q(&QueryMsg::Proposals {
        status: None,
        start_after: None,
        limit: Some(100),
    }));
    for id in 1..=s.proposal_count() {
        push(q(&QueryMsg::Ballots {
            proposal_id: id,
            start_after: None,
            limit: Some(100),
        }));
    }
    for who in &s.users {
        push(q(&QueryMsg::Claims {
            address: who.to_string(),
        }));
        for h in 1..=s.height() {
            push(q(&QueryMsg::VotingPower {
                address: who.to_string(),
                height: Some(h),
            }));
        }
    }
    for h in 1..=s.height() {
        push(q(&QueryMsg::TotalPower { height: Some(h) }));
    }
    out
}

#[test]
fn migrate_from_layout_1_reads_every_record_back_exactly() {
    let mut s = staked_suite(Setup::default());
    let (alice, bob, carol) = (s.user("alice"), s.user("bob"), s.user("carol"));
    let executed = s.propose(&alice);
    let vetoed = s.propose(&bob);
    s.vote(&alice, executed, VoteOption::Yes).unwrap();
    s.vote(&bob, executed, VoteOption::No).unwrap();
    s.vote(&alice, vetoed, VoteOption::Veto).unwrap();
    s.unstake(&carol, 50).unwrap();
    s.set_time(s.proposal(executed).executable_at);
    s.execute(executed).unwrap();
    s.close(vetoed).unwrap();
    let open = s.propose(&carol);
    s.next_block();
    s.vote(&bob, open, VoteOption::Abstain).unwrap();
    s.unstake(&alice, 10).unwrap();
    s.next_block();
    s.check();
    let view = everything(&s);
    let raw = s.app.dump_wasm_raw(&s.gov);
    // Rewrite the one record whose layout changed back to layout 1, as the
    // previous code stored it, and drop the layout marker.
    let gov = s.gov.clone();
    {
        let mut store = s.app.contract_storage_mut(&gov);
        let v1: ParamsV1 = (
            bps(10_000),
            bps(3_000),
            bps(5_000),
            bps(3_334),
            100,
            MIN_GUARDIAN_TIMELOCK,
            100,
            u(100),
            u(0),
            Duration::Time(1_000),
            s.treasury.clone(),
        );
        PARAMS_V1.save(store.as_mut(), &v1).unwrap();
        // The metrics record as layouts 1 and 2 stored it: five fields.
        let m = METRICS.load(store.as_ref()).unwrap();
        let old = (
            m.total_power,
            m.stakers,
            m.total_stake,
            m.sum_sq_stake,
            m.sum_sq_power,
        );
        store.set(METRICS_KEY, &cosmwasm_std::to_json_vec(&old).unwrap());
        LAYOUT.remove(store.as_mut());
        cw2::set_contract_version(store.as_mut(), CONTRACT_NAME, "0.0.1").unwrap();
    }
    assert_ne!(s.app.dump_wasm_raw(&s.gov), raw);
    let (admin, code) = (s.admin.clone(), s.code_id);
    let res = s
        .app
        .migrate_contract(admin, gov, &MigrateMsg::default(), code)
        .unwrap();
    assert_eq!(attr(&res, "from_layout"), "1");
    assert_eq!(attr(&res, "to_layout"), "3");
    assert_eq!(s.app.dump_wasm_raw(&s.gov), raw, "every stored byte back");
    assert_eq!(everything(&s), view, "every query back");
    s.check();
}

/// Storage that counts reads of proposal bodies (`pb`), the only large
/// per-proposal record.
struct CountingStorage {
    inner: cosmwasm_std::testing::MockStorage,
    body_reads: std::cell::Cell<usize>,
}

const BODY_PREFIX: &[u8] = b"\x00\x02pb";

impl cosmwasm_std::Storage for CountingStorage {
    fn get(&self, key: &[u8]) -> Option<Vec<u8>> {
        if key.starts_with(BODY_PREFIX) {
            self.body_reads.set(self.body_reads.get() + 1);
        }
        self.inner.get(key)
    }
    fn range<'a>(
        &'a self,
        start: Option<&[u8]>,
        end: Option<&[u8]>,
        order: Order,
    ) -> Box<dyn Iterator<Item = Record> + 'a> {
        self.inner.range(start, end, order)
    }
    fn set(&mut self, key: &[u8], value: &[u8]) {
        self.inner.set(key, value)
    }
    fn remove(&mut self, key: &[u8]) {
        self.inner.remove(key)
    }
}

#[test]
fn filtered_proposal_listing_reads_only_the_bodies_it_returns() {
    let mut deps = mock_dependencies();
    let api = deps.api;
    let token = api.addr_make("token");
    let alice = api.addr_make("alice");
    let mut env = mock_env();
    instantiate(
        deps.as_mut(),
        env.clone(),
        message_info(&api.addr_make("admin"), &[]),
        init_msg(&api, default_params(&api.addr_make("treasury")), false),
    )
    .unwrap();
    let big: CosmosMsg = cosmwasm_std::WasmMsg::Execute {
        contract_addr: "x".into(),
        msg: Binary::new(vec![b'x'; 10_000]),
        funds: vec![],
    }
    .into();
    let propose = |deps: DepsMut, env: &Env| {
        execute(
            deps,
            env.clone(),
            message_info(&token, &[]),
            ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
                sender: alice.to_string(),
                amount: u(100),
                msg: to_json_binary(&ReceiveMsg::Propose {
                    title: "big".into(),
                    description: "x".repeat(8_000),
                    msgs: vec![big.clone()],
                })
                .unwrap(),
            }),
        )
        .unwrap();
    };
    for _ in 0..5 {
        propose(deps.as_mut(), &env);
    }
    env.block.time = env.block.time.plus_seconds(200);
    propose(deps.as_mut(), &env); // the only open one: id 6
    let storage = CountingStorage {
        inner: std::mem::take(&mut deps.storage),
        body_reads: std::cell::Cell::new(0),
    };
    let d = Deps {
        storage: &storage,
        api: &deps.api,
        querier: cosmwasm_std::QuerierWrapper::new(&deps.querier),
    };
    let list = |status| -> ProposalsResponse {
        from_json(
            query(
                d,
                env.clone(),
                QueryMsg::Proposals {
                    status: Some(status),
                    start_after: None,
                    limit: None,
                },
            )
            .unwrap(),
        )
        .unwrap()
    };
    let open = list(ProposalStatus::Open);
    assert_eq!(
        open.proposals.iter().map(|p| p.id).collect::<Vec<_>>(),
        vec![6]
    );
    assert_eq!(
        storage.body_reads.get(),
        1,
        "only the returned body is read"
    );
    let executed = list(ProposalStatus::Executed);
    assert_eq!(executed.proposals, vec![]);
    assert_eq!(storage.body_reads.get(), 1, "no body read for no match");
    let rejected = list(ProposalStatus::Rejected);
    assert_eq!(rejected.proposals.len(), 5);
    assert_eq!(storage.body_reads.get(), 6);
}
