//! The events of governance.

use super::*;

/// Every holder votes `vote` on proposal `id`.
fn all_vote(t: &mut Suite, holders: &[Addr], id: u64, vote: governance::VoteOption) {
    for h in holders {
        t.governance(
            h,
            governance::ExecuteMsg::Vote {
                proposal_id: id,
                vote: vote.clone(),
            },
        );
    }
}

fn propose(t: &mut Suite, proposer: &Addr, title: &str, msgs: Vec<CosmosMsg>) -> u64 {
    let gov = t.m.governance.clone();
    let res =
        t.m.send_fair(
            proposer,
            &gov,
            10 * FAIR,
            &governance::ReceiveMsg::Propose {
                title: title.into(),
                description: "events suite".into(),
                msgs,
            },
        )
        .unwrap();
    t.sent(&gov, "receive/propose".into());
    t.expect(&res, &gov, "propose");
    res.events
        .iter()
        .flat_map(|e| &e.attributes)
        .find(|a| a.key == "proposal_id")
        .unwrap()
        .value
        .parse()
        .unwrap()
}

#[test]
fn every_governance_message_emits_its_documented_attributes() {
    use governance::{ExecuteMsg as X, VoteOption as V};
    let holders: Vec<Addr> = (0..10).map(|i| addr(&format!("holder{i}"))).collect();
    let guardian = addr("guardian");
    let fair: Vec<(&Addr, u128)> = holders.iter().map(|h| (h, 1_000 * FAIR)).collect();
    let mut t = Suite::new(&fair, &[]);
    let (gov, esc, dist, registry) = (
        t.m.governance.clone(),
        t.m.escrow.clone(),
        t.m.distributor.clone(),
        t.m.identity.clone(),
    );
    let attester = addr("attester");

    // a second instance for instantiate and a direct migrate
    let deployer = t.m.deployer.clone();
    let community = t.m.community.clone();
    let token = t.m.token.to_string();
    let other = t.instantiate(
        &gov,
        GOVERNANCE,
        &governance::InstantiateMsg {
            token,
            curve: Curve::SquareRoot,
            min_stake: Uint128::new(FAIR),
            params: governance_params(&community),
            guardian: None,
            hooks: vec![],
            identity: Default::default(),
        },
        &deployer,
    );
    t.migrate(&deployer, &other);

    for h in &holders {
        let seen = t.send_fair(
            h,
            &gov,
            100 * FAIR,
            &governance::ReceiveMsg::Stake {},
            "stake",
        );
        assert!(seen.contains(&(dist.to_string(), "weight_changed".into())));
    }
    t.governance(
        &holders[0],
        X::Unstake {
            amount: Uint128::new(FAIR),
        },
    );
    t.m.advance(5);

    // Proposal 1: every self-only message, and a migration of each contract.
    let migrate = |contract: &Addr, code_id| -> CosmosMsg {
        WasmMsg::Migrate {
            contract_addr: contract.to_string(),
            new_code_id: code_id,
            msg: to_json_binary(&governance::MigrateMsg::default()).unwrap(),
        }
        .into()
    };
    let msgs = vec![
        t.proposal_msg(
            &gov,
            &X::UpdateConfig {
                params: governance_params(&community),
            },
        ),
        t.proposal_msg(
            &gov,
            &X::UpdateHooks {
                add: vec![dist.to_string()],
                remove: vec![dist.to_string()],
            },
        ),
        t.proposal_msg(
            &gov,
            &X::UpdateGuardian {
                guardian: Some(guardian.to_string()),
            },
        ),
        t.proposal_msg(
            &gov,
            &X::UpdateIdentityConfig {
                identity: governance::IdentityConfigMsg {
                    registry: Some(registry.to_string()),
                    unidentified: governance::UnidentifiedPolicy::LinearShare,
                },
            },
        ),
        wasm(
            &registry,
            &identity::ExecuteMsg::UpdateAttesters {
                add: vec![attester.to_string()],
                remove: vec![],
            },
        ),
        migrate(&esc, t.code_id(&esc)),
        migrate(&dist, t.code_id(&dist)),
        migrate(&gov, t.code_id(&gov)),
    ];
    let p1 = propose(&mut t, &holders[1], "self-governance", msgs);
    t.m.advance(5);
    // holder 2 changes its vote
    t.governance(
        &holders[2],
        X::Vote {
            proposal_id: p1,
            vote: V::No,
        },
    );
    all_vote(&mut t, &holders, p1, V::Yes);
    // it migrates governance: a custody proposal, timelocked for the
    // unbonding period (14 days) rather than the 1-day timelock
    t.m.advance(3 * DAY + 14 * DAY + 1);
    let seen = t.governance(&holders[3], X::Execute { proposal_id: p1 });
    for (contract, action) in [
        (&gov, "run_proposal"),
        (&gov, "update_config"),
        (&gov, "update_hooks"),
        (&gov, "update_guardian"),
        (&gov, "update_identity_config"),
        (&esc, "migrate"),
        (&dist, "migrate"),
        (&gov, "migrate"),
        (&gov, "check_solvency"),
    ] {
        assert!(
            seen.contains(&(contract.to_string(), action.to_string())),
            "{action} of {contract} in {seen:?}"
        );
    }
    // sent by governance itself while executing
    for own in ["run_proposal", "check_solvency"] {
        t.sent.insert((GOVERNANCE.into(), own.into()));
    }

    // Proposal 2 fails when run (governance has no escrow credits), 3 is
    // vetoed by the guardian, 4 is rejected and closed.
    let failing = wasm(
        &esc,
        &escrow::ExecuteMsg::Withdraw {
            asset: AssetInfoUnchecked::native(CREDIT),
            amount: Uint128::new(1),
            recipient: None,
        },
    );
    let p2 = propose(&mut t, &holders[4], "fails when run", vec![failing]);
    let p3 = propose(&mut t, &holders[5], "to be vetoed", vec![]);
    let p4 = propose(&mut t, &holders[6], "to be rejected", vec![]);
    t.m.advance(5);
    all_vote(&mut t, &holders, p2, V::Yes);
    all_vote(&mut t, &holders, p3, V::Yes);
    all_vote(&mut t, &holders, p4, V::No);
    t.m.advance(3 * DAY + 1);
    t.governance(&guardian, X::GuardianVeto { proposal_id: p3 });
    t.governance(&holders[7], X::CloseProposal { proposal_id: p4 });
    t.m.advance(DAY);
    let seen = t.governance(&holders[8], X::Execute { proposal_id: p2 });
    assert!(seen.contains(&(gov.to_string(), "execution_failed".into())));

    // the unstaked FAIR matures after the unbonding period
    t.m.advance(14 * DAY);
    t.governance(&holders[0], X::Claim {});
    // anyone re-reports a stake to the stakers pool
    t.governance(
        &holders[9],
        X::ResyncWeight {
            account: holders[0].to_string(),
            receiver: dist.to_string(),
        },
    );

    // the registry's hook: a link reaches governance in the same transaction;
    // it expires at the next height and anyone reports it to governance
    let expires = t.m.app.block_info().height + 1;
    let res =
        t.m.app
            .execute_contract(
                attester.clone(),
                registry.clone(),
                &identity::ExecuteMsg::Link {
                    address: holders[1].to_string(),
                    identity: None,
                    expires_at_height: Some(expires),
                },
                &[],
            )
            .unwrap();
    t.expect(&res, &gov, "identity_changed");
    t.sent
        .insert((GOVERNANCE.into(), "identity_changed".into()));
    t.m.advance(5);
    t.governance(
        &holders[9],
        X::ReportExpiry {
            address: holders[1].to_string(),
        },
    );

    // a stakers pool re-pointed at another source refuses governance's
    // weight changes: the stake stands and the reply reports it
    t.m.app
        .execute_contract(
            gov.clone(),
            dist.clone(),
            &distributor::ExecuteMsg::UpdatePool {
                pool_id: "stakers".into(),
                source: Some(registry.to_string()),
                curve: None,
            },
            &[],
        )
        .unwrap();
    let seen = t.send_fair(
        &holders[2],
        &gov,
        FAIR,
        &governance::ReceiveMsg::Stake {},
        "stake",
    );
    assert!(seen.contains(&(gov.to_string(), "weight_hook_failed".into())));

    t.assert_all_seen(GOVERNANCE);
    t.assert_all_sent(
        GOVERNANCE,
        all_messages::<governance::ExecuteMsg, governance::ReceiveMsg>(),
    );
}
