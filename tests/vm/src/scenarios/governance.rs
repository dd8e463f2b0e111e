//! governance on the optimized wasm: stake → propose → vote → execute, each
//! answer checked, each call measured.

use cosmwasm_std::to_json_binary;
use serde_json::{json, Value};

use crate::report::Row;
use crate::{attr, Contract, Cost};

pub const ARTIFACT: &str = "fairgrid_governance.wasm";
const CONTRACT: &str = "governance";
/// docs/design.md (Gas targets), in SDK gas.
const TARGET_STAKE: u64 = 29_300;

/// Why staking costs more than 0.8 × cw20-stake (see the reads and writes
/// the report lists with it).
const WHY_STAKE: &str = "staking changes two records governance must read as they were at any past height: the staker's stake (`s`) and the running totals (`m`: total power and total stake, which a proposal's quorum and the linear-share policy read at its start height, and the concentration sums of the fairness metrics). cw-storage-plus's snapshot types, used rather than hand-written history, write each record's old value to a per-block changelog (`s_l`, `m_l`: 287 of the 542 bytes written) and, before each save, probe the changelog and read the record a second time (4 of the 8 reads). That history is what makes stake bought or moved after a proposal starts worthless in its vote. The other reads are the config, the staker's identity link and the two records themselves.";
const TARGET_PROPOSE: u64 = 22_500;
const TARGET_VOTE: u64 = 22_200;

const T0: u64 = 1_700_000_000;
const DAY: u64 = 86_400;

pub struct Governance {
    pub contract: Contract,
    pub token: String,
}

/// The execute message a cw20 token delivers for `sender` sending `amount`.
pub fn receive(sender: &str, amount: u128, hook: &Value) -> Value {
    json!({"receive": {
        "sender": sender,
        "amount": amount.to_string(),
        "msg": to_json_binary(hook).expect("json"),
    }})
}

impl Governance {
    pub fn instantiate() -> Governance {
        let mut contract = Contract::load(ARTIFACT);
        let token = contract.addr("fair-token");
        let treasury = contract.addr("treasury");
        let env = contract.env_at(1, T0);
        let msg = json!({
            "token": token,
            "curve": "square_root",
            "min_stake": "1000",
            "params": {
                "cap": 2_000, "quorum": 2_000, "threshold": {"percent": 5_000}, "veto_threshold": 3_334,
                "voting_period": 3 * DAY, "timelock": DAY, "execution_window": 7 * DAY,
                "min_deposit": "1000000", "min_propose_power": "0",
                "unbonding_period": {"time": 14 * DAY}, "treasury": treasury,
            },
            "guardian": null,
            "hooks": [],
        });
        let info = contract.info(&token, &[]);
        contract.instantiate(&env, &info, &msg).unwrap();
        Governance { contract, token }
    }

    pub fn stake(&mut self, staker: &str, amount: u128, height: u64) -> Cost {
        let env = self.contract.env_at(height, T0 + height * 6);
        let info = self.contract.info(&self.token, &[]);
        let call =
            self.contract
                .execute(&env, &info, &receive(staker, amount, &json!({"stake": {}})));
        let cost = call.cost;
        assert_eq!(attr(&call.unwrap(), "action"), Some("stake"));
        cost
    }
}

pub fn rows() -> Vec<Row> {
    let mut rows = Vec::new();
    let mut g = Governance::instantiate();
    let alice = g.contract.addr("alice");
    let bob = g.contract.addr("bob");
    g.stake(&bob, 4_000_000, 2);
    let cost = g.stake(&alice, 9_000_000, 3);
    rows.push(
        Row::new(
            CONTRACT,
            "receive (stake, no hooks)",
            cost,
            Some(TARGET_STAKE),
        )
        .why(WHY_STAKE),
    );

    let c = &mut g.contract;
    let env = c.env_at(5, T0 + 100);
    let propose =
        json!({"propose": {"title": "Lower the fee", "description": "2.5% to 2%", "msgs": []}});
    let call = c.execute(
        &env,
        &c.info(&g.token, &[]),
        &receive(&alice, 1_000_000, &propose),
    );
    rows.push(Row::new(
        CONTRACT,
        "receive (propose)",
        call.cost,
        Some(TARGET_PROPOSE),
    ));
    let res = call.unwrap();
    assert_eq!(attr(&res, "proposal_id"), Some("1"));

    let env = c.env_at(6, T0 + 200);
    let call = c.execute(
        &env,
        &c.info(&alice, &[]),
        &json!({"vote": {"proposal_id": 1, "vote": "yes"}}),
    );
    rows.push(Row::new(CONTRACT, "vote", call.cost, Some(TARGET_VOTE)));
    call.unwrap();

    // sqrt(9,000,000) = 3,000; total = 3,000 + sqrt(4,000,000) = 5,000; cap 20 % = 1,000.
    let ballot = c
        .query(&env, &json!({"ballot": {"proposal_id": 1, "voter": alice}}))
        .unwrap();
    assert_eq!(ballot["ballot"]["power"], "1000", "{ballot}");

    let call = c.execute(
        &env,
        &c.info(&bob, &[]),
        &json!({"vote": {"proposal_id": 1, "vote": "yes"}}),
    );
    call.unwrap();

    let env = c.env_at(100, T0 + 200 + 3 * DAY + DAY + 1);
    let call = c.execute(
        &env,
        &c.info(&bob, &[]),
        &json!({"execute": {"proposal_id": 1}}),
    );
    rows.push(Row::new(
        CONTRACT,
        "execute (passed, no messages)",
        call.cost,
        None,
    ));
    call.unwrap();
    let proposal = c
        .query(&env, &json!({"proposal": {"proposal_id": 1}}))
        .unwrap();
    assert_eq!(proposal["status"], "executed", "{proposal}");
    rows.extend(remaining_messages(&mut g, &alice, &bob));
    rows
}

/// Every other execute message, in an order that makes each one valid. The
/// contract's calls to itself (run_proposal, check_solvency, and the config
/// changes an executed proposal makes) are sent with the contract as sender.
fn remaining_messages(g: &mut Governance, alice: &str, bob: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    let me = g.contract.address.to_string();
    // The FAIR token answers balance queries (the contract holds plenty) and
    // allowance listings (none outstanding), as cw20-base would.
    g.contract.querier_mut().update_wasm(|query| {
        let asks_allowances = matches!(
            query,
            cosmwasm_std::WasmQuery::Smart { msg, .. }
                if msg.as_slice().starts_with(b"{\"all_allowances\"")
        );
        let answer = if asks_allowances {
            json!({"allowances": []})
        } else {
            json!({"balance": "1000000000000"})
        };
        let answer = to_json_binary(&answer).expect("json");
        cosmwasm_std::SystemResult::Ok(cosmwasm_std::ContractResult::Ok(answer))
    });
    let mut step =
        |g: &mut Governance, height: u64, who: &str, msg: Value, label: &str, action: &str| {
            let c = &mut g.contract;
            let env = c.env_at(height, T0 + height * 3_600);
            let info = c.info(who, &[]);
            let (res, cost) = c.execute_action(&env, &info, &msg, label, action);
            rows.push(Row::new(CONTRACT, label, cost, None));
            res
        };
    // Proposal 1 was executed above; its run and the solvency check follow.
    let run = json!({"run_proposal": {"proposal_id": 1}});
    step(
        g,
        101,
        &me,
        run,
        "run_proposal (self, no messages)",
        "run_proposal",
    );
    step(
        g,
        101,
        &me,
        json!({"check_solvency": {}}),
        "check_solvency (self)",
        "check_solvency",
    );

    let unstake = json!({"unstake": {"amount": "1000000"}});
    step(g, 102, bob, unstake, "unstake", "unstake");
    // 14 days later the claim has matured (one block per hour here).
    step(
        g,
        102 + 15 * 24,
        bob,
        json!({"claim": {}}),
        "claim (matured unstake)",
        "claim",
    );

    let guardian = g.contract.addr("guardian");
    let set = json!({"update_guardian": {"guardian": guardian}});
    step(
        g,
        500,
        &me,
        set,
        "update_guardian (by proposal)",
        "update_guardian",
    );
    let hook = g.contract.addr("distributor");
    let hooks = json!({"update_hooks": {"add": [hook], "remove": []}});
    step(
        g,
        500,
        &me,
        hooks,
        "update_hooks (by proposal)",
        "update_hooks",
    );
    let resync = json!({"resync_weight": {"account": alice, "receiver": hook}});
    step(
        g,
        500,
        bob,
        resync,
        "resync_weight (to a hook, anyone)",
        "resync_weight",
    );
    let treasury = g.contract.addr("treasury");
    let params = json!({"update_config": {"params": {
        "cap": 2_500, "quorum": 2_000, "threshold": {"percent": 5_000}, "veto_threshold": 3_334,
        "voting_period": 3 * DAY, "timelock": DAY, "execution_window": 7 * DAY,
        "min_deposit": "1000000", "min_propose_power": "0",
        "unbonding_period": {"time": 14 * DAY}, "treasury": treasury,
    }}});
    step(
        g,
        500,
        &me,
        params,
        "update_config (by proposal)",
        "update_config",
    );

    // Proposal 2 passes and the guardian vetoes it in its timelock; proposal 3
    // finds no voters and its deposit is refunded by close_proposal.
    let token = g.token.clone();
    for title in ["vetoed", "ignored"] {
        let propose = json!({"propose": {"title": title, "description": "", "msgs": []}});
        let c = &mut g.contract;
        let env = c.env_at(600, T0 + 600 * 3_600);
        c.execute(
            &env,
            &c.info(&token, &[]),
            &receive(alice, 1_000_000, &propose),
        )
        .unwrap();
    }
    let yes = json!({"vote": {"proposal_id": 2, "vote": "yes"}});
    step(g, 601, alice, yes.clone(), "vote (second proposal)", "vote");
    step(g, 601, bob, yes, "vote (third voter)", "vote");
    // voting ends 72 h after block 600; the timelock lasts 24 h more
    let veto = json!({"guardian_veto": {"proposal_id": 2}});
    step(
        g,
        680,
        &guardian,
        veto,
        "guardian_veto (in the timelock)",
        "guardian_veto",
    );
    let close = json!({"close_proposal": {"proposal_id": 3}});
    step(
        g,
        680,
        bob,
        close,
        "close_proposal (rejected, refund)",
        "close_proposal",
    );

    // Identities: a proposal names the registry, whose hook then moves a
    // staker into an identity whose link expires two blocks later; anyone
    // reports the expiry.
    let registry = g.contract.addr("identity-registry");
    let config = json!({"update_identity_config": {"identity": {
        "registry": registry, "unidentified": "linear_share",
    }}});
    step(
        g,
        700,
        &me,
        config,
        "update_identity_config (by proposal)",
        "update_identity_config",
    );
    let linked = json!({"identity_changed": {
        "address": alice, "old": null, "new": 1, "expires_at_height": 703,
    }});
    step(
        g,
        701,
        &registry,
        linked,
        "identity_changed (registry hook, a staker joins an identity)",
        "identity_changed",
    );
    let report = json!({"report_expiry": {"address": alice}});
    step(
        g,
        703,
        bob,
        report,
        "report_expiry (anyone, expired link)",
        "report_expiry",
    );
    rows
}

/// The last vote on a proposal after `stakers` stakers have staked and all
/// others have voted on it.
pub fn vote_with_stakers(stakers: usize) -> Cost {
    let mut g = Governance::instantiate();
    let voters: Vec<String> = (0..stakers)
        .map(|i| g.contract.addr(&format!("staker{i}")))
        .collect();
    let env = g.contract.env_at(2, T0 + 12);
    let token_info = g.contract.info(&g.token, &[]);
    let stakes: Vec<_> = voters
        .iter()
        .map(|v| {
            (
                env.clone(),
                token_info.clone(),
                receive(v, 4_000_000, &json!({"stake": {}})),
            )
        })
        .collect();
    g.contract.execute_batch(stakes);
    let env = g.contract.env_at(3, T0 + 18);
    let propose = json!({"propose": {"title": "t", "description": "d", "msgs": []}});
    g.contract
        .execute(&env, &token_info, &receive(&voters[0], 1_000_000, &propose))
        .unwrap();
    let env = g.contract.env_at(4, T0 + 24);
    let yes = json!({"vote": {"proposal_id": 1, "vote": "yes"}});
    let votes: Vec<_> = voters[1..]
        .iter()
        .map(|v| (env.clone(), g.contract.info(v, &[]), yes.clone()))
        .collect();
    g.contract.execute_batch(votes);
    let info = g.contract.info(&voters[0], &[]);
    let call = g.contract.execute(&env, &info, &yes);
    let cost = call.cost;
    call.unwrap();
    cost
}
