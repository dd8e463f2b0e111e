//! Storage-gas figures (printed, never asserted on time): each message runs on
//! a metered storage that charges what the Cosmos SDK charges by default
//! (read 1000 + 3/byte, write 2000 + 30/byte, delete 1000, iterator step 30 +
//! 3/byte) with wasmd's 33-byte contract key prefix. The VM's own gas (a few
//! hundred SDK gas) comes on top; see docs/design.md (Gas targets) for the targets and
//! docs/gas-report.md for the figures measured on the optimized wasm.
//! Run with `cargo test -p fairgrid-governance gas -- --nocapture`.
use cosmwasm_std::testing::{message_info, mock_env};
use cosmwasm_std::{Api, Env};
use fairgrid_testing::{metered_deps, MeteredDeps};

use super::*;
use crate::contract::{execute, instantiate};

struct Bench {
    deps: MeteredDeps,
    env: Env,
    token: Addr,
}

impl Bench {
    fn new() -> Self {
        let mut deps = metered_deps();
        let api = deps.api;
        let token = api.addr_make("token");
        let mut params = default_params(&api.addr_make("treasury"));
        params.cap = bps(1_000);
        params.min_propose_power = u(1);
        instantiate(
            deps.as_mut(),
            mock_env(),
            message_info(&api.addr_make("admin"), &[]),
            InstantiateMsg {
                token: token.to_string(),
                curve: Curve::SquareRoot,
                min_stake: u(100),
                params,
                guardian: Some(api.addr_make("guardian").to_string()),
                hooks: vec![],
                identity: Default::default(),
            },
        )
        .unwrap();
        Bench {
            deps,
            env: mock_env(),
            token,
        }
    }

    fn next_block(&mut self) {
        self.env.block.height += 1;
        self.env.block.time = self.env.block.time.plus_seconds(5);
    }

    fn run(&mut self, sender: &Addr, msg: ExecuteMsg) -> (u64, u64, u64) {
        self.deps.storage.take();
        execute(
            self.deps.as_mut(),
            self.env.clone(),
            message_info(sender, &[]),
            msg,
        )
        .unwrap();
        let ops = self.deps.storage.take();
        (ops.sdk_gas(), ops.reads, ops.writes + ops.deletes)
    }

    fn receive(&mut self, from: &Addr, amount: u128, msg: &ReceiveMsg) -> (u64, u64, u64) {
        let token = self.token.clone();
        self.run(
            &token,
            ExecuteMsg::Receive(cw20::Cw20ReceiveMsg {
                sender: from.to_string(),
                amount: u(amount),
                msg: to_json_binary(msg).unwrap(),
            }),
        )
    }

    /// 20-byte account addresses (45 characters), like real user accounts;
    /// `addr_make` gives 32-byte ones, which inflate every key.
    fn addr(&self, i: usize) -> Addr {
        let mut bytes = [7u8; 20];
        bytes[..8].copy_from_slice(&(i as u64).to_be_bytes());
        self.deps
            .api
            .addr_humanize(&cosmwasm_std::CanonicalAddr::from(bytes.to_vec()))
            .unwrap()
    }
}

/// Gas of stake (existing staker, new block), propose, first vote and a vote
/// change, with `n` stakers who all voted on an earlier proposal.
fn figures(n: usize) -> [(u64, u64, u64); 5] {
    let mut b = Bench::new();
    for i in 0..n {
        let a = b.addr(i);
        b.receive(&a, 10_000, &ReceiveMsg::Stake {});
    }
    b.next_block();
    let a0 = b.addr(0);
    let propose = ReceiveMsg::Propose {
        title: "Raise the protocol fee to 2.5%".into(),
        description: "Fees fund the stakers pool.".into(),
        msgs: vec![],
    };
    b.receive(&a0, 100, &propose);
    for i in 0..n {
        let a = b.addr(i);
        b.run(
            &a,
            ExecuteMsg::Vote {
                proposal_id: 1,
                vote: VoteOption::Yes,
            },
        );
    }
    b.next_block();
    let stake = b.receive(&a0, 500, &ReceiveMsg::Stake {});
    let new_staker = b.addr(usize::MAX / 2);
    let stake_new = b.receive(&new_staker, 500, &ReceiveMsg::Stake {});
    b.next_block();
    let propose = b.receive(&a0, 100, &propose);
    let voter = b.addr(n / 2);
    let vote = b.run(
        &voter,
        ExecuteMsg::Vote {
            proposal_id: 2,
            vote: VoteOption::Yes,
        },
    );
    let change = b.run(
        &voter,
        ExecuteMsg::Vote {
            proposal_id: 2,
            vote: VoteOption::No,
        },
    );
    [stake, stake_new, propose, vote, change]
}

#[test]
fn gas_figures_of_stake_propose_and_vote_with_10_and_10000_stakers() {
    let small = figures(10);
    let large = figures(10_000);
    let names = [
        ("stake (existing staker)", 29_300),
        ("stake (new staker)", 29_300),
        ("propose (short text)", 22_500),
        ("vote", 22_200),
        ("vote change", 22_200),
    ];
    println!("storage SDK gas (reads/writes)    10 stakers        10,000 stakers   target");
    for (i, (name, target)) in names.iter().enumerate() {
        let (g, r, w) = small[i];
        let (gl, rl, wl) = large[i];
        println!("{name:<32} {g:>7} ({r}/{w})   {gl:>7} ({rl}/{wl})   {target}");
    }
    // storage work does not grow with the number of stakers (the key length
    // may differ by a few bytes, hence the small tolerance)
    for i in 0..5 {
        assert!(large[i].0 <= small[i].0 * 110 / 100, "{}", names[i].0);
    }
}
