//! Governance.

use super::*;

/// Variants of `fairgrid_governance::ContractError`; bump with the match.
pub(super) const GOVERNANCE_VARIANTS: usize = 40;

pub(super) fn governance_fields(e: &GovernanceError) -> (&'static str, Vec<String>) {
    use GovernanceError::*;
    // statuses are shown with `{:?}`
    let st = |x: &ProposalStatus| format!("{x:?}");
    match e {
        Std(x) => ("Std", vec![d(x)]),
        Asset(x) => ("Asset", vec![d(x)]),
        Migrate(x) => ("Migrate", vec![d(x)]),
        Overflow(x) => ("Overflow", vec![d(x)]),
        NotSelf {
            action,
            sender,
            expected,
        } => ("NotSelf", vec![d(action), d(sender), d(expected)]),
        NotGuardian { sender, guardian } => ("NotGuardian", vec![d(sender), d(guardian)]),
        NoGuardian { id } => ("NoGuardian", vec![d(id)]),
        ZeroAmount { what } => ("ZeroAmount", vec![d(what)]),
        DepositTooLow { got, min } => ("DepositTooLow", vec![d(got), d(min)]),
        ProposePowerTooLow {
            proposer,
            power,
            min,
            height,
        } => (
            "ProposePowerTooLow",
            vec![d(proposer), d(power), d(min), d(height)],
        ),
        NoVotingPower { voter, id, height } => ("NoVotingPower", vec![d(voter), d(id), d(height)]),
        ProposalNotFound { id } => ("ProposalNotFound", vec![d(id)]),
        VotingClosed {
            id,
            voting_end,
            now,
        } => ("VotingClosed", vec![d(id), d(voting_end), d(now)]),
        TimelockNotOver {
            id,
            executable_at,
            now,
        } => ("TimelockNotOver", vec![d(id), d(executable_at), d(now)]),
        AlreadyExecuted { id, status } => ("AlreadyExecuted", vec![d(id), st(status)]),
        ProposalExpired {
            id,
            expires_at,
            now,
        } => ("ProposalExpired", vec![d(id), d(expires_at), d(now)]),
        NotPassed { id, status } => ("NotPassed", vec![d(id), st(status)]),
        VetoOutsideTimelock { id, status } => ("VetoOutsideTimelock", vec![d(id), st(status)]),
        NotFinished { id, status } => ("NotFinished", vec![d(id), st(status)]),
        DepositAlreadySettled { id } => ("DepositAlreadySettled", vec![d(id)]),
        UnstakeTooMuch { requested, staked } => ("UnstakeTooMuch", vec![d(requested), d(staked)]),
        NothingToClaim { address, pending } => ("NothingToClaim", vec![d(address), d(pending)]),
        TooManyClaims { address, max } => ("TooManyClaims", vec![d(address), d(max)]),
        NotRunning { id } => ("NotRunning", vec![d(id)]),
        Insolvent { held, owed } => ("Insolvent", vec![d(held), d(owed)]),
        AllowanceOutstanding { spender, amount } => {
            ("AllowanceOutstanding", vec![d(spender), d(amount)])
        }
        GuardianChangeNotVetoable { id, guardian } => {
            ("GuardianChangeNotVetoable", vec![d(id), d(guardian)])
        }
        MsgsTooLarge { bytes, max } => ("MsgsTooLarge", vec![d(bytes), d(max)]),
        TimeOverflow { what, now, plus } => ("TimeOverflow", vec![d(what), d(now), d(plus)]),
        InvalidParam { name, reason } => ("InvalidParam", vec![d(name), d(reason)]),
        HookExists { hook } => ("HookExists", vec![d(hook)]),
        HookNotFound { hook } => ("HookNotFound", vec![d(hook)]),
        TooManyHooks { count, max } => ("TooManyHooks", vec![d(count), d(max)]),
        BadTitle { len, max } => ("BadTitle", vec![d(len), d(max)]),
        DescriptionTooLong { len, max } => ("DescriptionTooLong", vec![d(len), d(max)]),
        TooManyMsgs { count, max } => ("TooManyMsgs", vec![d(count), d(max)]),
        UnexpectedReply { id, reason } => ("UnexpectedReply", vec![d(id), d(reason)]),
        NotRegistry { sender, registry } => ("NotRegistry", vec![d(sender), d(registry)]),
        ExpiredAttestation {
            voter,
            identity,
            expired_at,
            height,
        } => (
            "ExpiredAttestation",
            vec![d(voter), d(identity), d(expired_at), d(height)],
        ),
        LinkNotExpired {
            address,
            identity,
            expires_at,
            height,
        } => (
            "LinkNotExpired",
            vec![
                d(address),
                format!("{identity:?}"),
                format!("{expires_at:?}"),
                d(height),
            ],
        ),
    }
}

pub(super) fn governance_samples() -> Vec<Sample<GovernanceError>> {
    use GovernanceError::*;
    use ProposalStatus as P;
    let u = Uint128::new;
    vec![
        s(Std(std_err()), &["lease record"]),
        s(Asset(asset_err()), &["accepted"]),
        s(Migrate(migrate_err()), &["migrate"]),
        s(Overflow(overflow()), &["overflow", "add"]),
        s(
            NotSelf {
                action: "update_config".into(),
                sender: ALICE.into(),
                expected: OWNER.into(),
            },
            &["governance contract itself", "proposal"],
        ),
        s(
            NotGuardian {
                sender: ALICE.into(),
                guardian: BOB.into(),
            },
            &["guardian", "veto"],
        ),
        s(NoGuardian { id: 5 }, &["guardian", "proposal"]),
        s(
            ZeroAmount {
                what: "unstake amount".into(),
            },
            &["positive"],
        ),
        s(
            DepositTooLow {
                got: u(9_999_999),
                min: u(10_000_000),
            },
            &["deposit", "minimum"],
        ),
        s(
            ProposePowerTooLow {
                proposer: ALICE.into(),
                power: u(999),
                min: u(1_000),
                height: 12_345,
            },
            &["power", "proposing"],
        ),
        s(
            NoVotingPower {
                voter: ALICE.into(),
                id: 6,
                height: 12_346,
            },
            &["voting power", "proposal"],
        ),
        s(ProposalNotFound { id: 7 }, &["proposal", "does not exist"]),
        s(
            VotingClosed {
                id: 8,
                voting_end: 1_700_259_200,
                now: 1_700_259_201,
            },
            &["voting", "ended"],
        ),
        s(
            TimelockNotOver {
                id: 9,
                executable_at: 1_700_345_600,
                now: 1_700_300_000,
            },
            &["timelock"],
        ),
        s(
            AlreadyExecuted {
                id: 10,
                status: P::ExecutionFailed,
            },
            &["already executed"],
        ),
        s(
            ProposalExpired {
                id: 11,
                expires_at: 1_700_950_400,
                now: 1_700_950_401,
            },
            &["expired"],
        ),
        s(
            NotPassed {
                id: 12,
                status: P::Rejected,
            },
            &["passed"],
        ),
        s(
            VetoOutsideTimelock {
                id: 13,
                status: P::Open,
            },
            &["veto", "timelock"],
        ),
        s(
            NotFinished {
                id: 14,
                status: P::Executable,
            },
            &["deposit", "finished"],
        ),
        s(DepositAlreadySettled { id: 15 }, &["deposit", "settled"]),
        s(
            UnstakeTooMuch {
                requested: u(501),
                staked: u(500),
            },
            &["unstake", "staked"],
        ),
        s(
            NothingToClaim {
                address: ALICE.into(),
                pending: u(77),
            },
            &["claim", "pending"],
        ),
        s(
            TooManyClaims {
                address: ALICE.into(),
                max: 50,
            },
            &["pending claims"],
        ),
        s(
            NotRunning { id: 16 },
            &["run_proposal", "not being executed"],
        ),
        s(
            Insolvent {
                held: u(1_000),
                owed: u(1_001),
            },
            &["held", "owed"],
        ),
        s(
            InvalidParam {
                name: "threshold".into(),
                reason: "must be 1..=10000 bps, got 0".into(),
            },
            &["parameter"],
        ),
        s(HookExists { hook: ALICE.into() }, &["hook", "already"]),
        s(
            HookNotFound { hook: BOB.into() },
            &["hook", "not registered"],
        ),
        s(TooManyHooks { count: 11, max: 10 }, &["hooks"]),
        s(BadTitle { len: 0, max: 128 }, &["title"]),
        s(
            DescriptionTooLong {
                len: 10_001,
                max: 10_000,
            },
            &["description"],
        ),
        s(TooManyMsgs { count: 31, max: 30 }, &["messages"]),
        s(
            AllowanceOutstanding {
                spender: ALICE.into(),
                amount: u(1_000),
            },
            &["allowance", "outstanding"],
        ),
        s(
            GuardianChangeNotVetoable {
                id: 7,
                guardian: BOB.into(),
            },
            &["guardian", "veto"],
        ),
        s(
            MsgsTooLarge {
                bytes: 16_385,
                max: 16_384,
            },
            &["bytes"],
        ),
        s(
            TimeOverflow {
                what: "claim release".into(),
                now: 18_446_744_073,
                plus: 316_224_000,
            },
            &["overflows"],
        ),
        s(
            UnexpectedReply {
                id: 17,
                reason: "only failures are replied to".into(),
            },
            &["reply"],
        ),
        s(
            NotRegistry {
                sender: ALICE.into(),
                registry: BOB.into(),
            },
            &["identity", "registry"],
        ),
        s(
            ExpiredAttestation {
                voter: ALICE.into(),
                identity: 7,
                expired_at: 120,
                height: 130,
            },
            &["expired", "identity", "start height"],
        ),
        s(
            LinkNotExpired {
                address: ALICE.into(),
                identity: Some(7),
                expires_at: Some(500),
                height: 130,
            },
            &["not expired", "link"],
        ),
    ]
}

#[test]
fn every_governance_error_names_what_was_wrong_with_its_values() {
    check_all(
        "governance",
        &governance_samples(),
        governance_fields,
        GOVERNANCE_VARIANTS,
    );
}
