//! The JSON of every message, as frontends and the VM tests send it. A change
//! here is a breaking change of the contract's interface.
use super::*;
use cosmwasm_std::to_json_string;

fn j<T: serde::Serialize>(v: &T) -> String {
    to_json_string(v).unwrap()
}

#[test]
fn message_json_is_stable() {
    let treasury = Addr::unchecked("treasury");
    let mut params = default_params(&treasury);
    params.unbonding_period = Duration::Time(1_209_600);
    let inst = InstantiateMsg {
        token: "fair".into(),
        curve: Curve::SquareRoot,
        min_stake: u(1_000_000),
        params: params.clone(),
        guardian: Some("guardian".into()),
        hooks: vec!["pool".into()],
        identity: Default::default(),
    };
    let cases: Vec<(String, &str)> = vec![
        (
            j(&inst),
            r#"{"token":"fair","curve":"square_root","min_stake":"1000000","params":{"cap":10000,"quorum":3000,"threshold":{"percent":5000},"veto_threshold":3334,"voting_period":100,"timelock":3600,"execution_window":100,"min_deposit":"100","min_propose_power":"0","unbonding_period":{"time":1209600},"treasury":"treasury","deposit_refund":"not_vetoed"},"guardian":"guardian","hooks":["pool"],"identity":{"registry":null,"unidentified":"per_address"}}"#,
        ),
        (j(&ReceiveMsg::Stake {}), r#"{"stake":{}}"#),
        (
            j(&ReceiveMsg::Propose {
                title: "t".into(),
                description: "d".into(),
                msgs: vec![cosmwasm_std::BankMsg::Send {
                    to_address: "bob".into(),
                    amount: coins(5, "ujuno"),
                }
                .into()],
            }),
            r#"{"propose":{"title":"t","description":"d","msgs":[{"bank":{"send":{"to_address":"bob","amount":[{"denom":"ujuno","amount":"5"}]}}}]}}"#,
        ),
        (
            j(&ExecuteMsg::Unstake { amount: u(400) }),
            r#"{"unstake":{"amount":"400"}}"#,
        ),
        (j(&ExecuteMsg::Claim {}), r#"{"claim":{}}"#),
        (
            j(&ExecuteMsg::Vote {
                proposal_id: 1,
                vote: VoteOption::Yes,
            }),
            r#"{"vote":{"proposal_id":1,"vote":"yes"}}"#,
        ),
        (
            j(&ExecuteMsg::Execute { proposal_id: 1 }),
            r#"{"execute":{"proposal_id":1}}"#,
        ),
        (
            j(&ExecuteMsg::RunProposal { proposal_id: 1 }),
            r#"{"run_proposal":{"proposal_id":1}}"#,
        ),
        (j(&ExecuteMsg::CheckSolvency {}), r#"{"check_solvency":{}}"#),
        (
            j(&ExecuteMsg::CloseProposal { proposal_id: 1 }),
            r#"{"close_proposal":{"proposal_id":1}}"#,
        ),
        (
            j(&ExecuteMsg::GuardianVeto { proposal_id: 1 }),
            r#"{"guardian_veto":{"proposal_id":1}}"#,
        ),
        (
            j(&ExecuteMsg::UpdateHooks {
                add: vec!["pool".into()],
                remove: vec![],
            }),
            r#"{"update_hooks":{"add":["pool"],"remove":[]}}"#,
        ),
        (
            j(&ExecuteMsg::UpdateGuardian { guardian: None }),
            r#"{"update_guardian":{"guardian":null}}"#,
        ),
        (
            j(&QueryMsg::VotingPower {
                address: "a".into(),
                height: Some(7),
            }),
            r#"{"voting_power":{"address":"a","height":7}}"#,
        ),
        (
            j(&QueryMsg::Proposals {
                status: Some(ProposalStatus::ExecutionFailed),
                start_after: None,
                limit: Some(5),
            }),
            r#"{"proposals":{"status":"execution_failed","start_after":null,"limit":5}}"#,
        ),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
    assert!(j(&ExecuteMsg::UpdateConfig { params })
        .starts_with(r#"{"update_config":{"params":{"cap":10000,"#));
}

#[test]
fn majority_threshold_and_refund_policy_json() {
    assert_eq!(j(&Threshold::Majority {}), r#"{"majority":{}}"#);
    assert_eq!(j(&Threshold::Percent(bps(6_000))), r#"{"percent":6000}"#);
    assert_eq!(j(&RefundPolicy::OnlyPassed), r#""only_passed""#);
    // A params message written before `deposit_refund` existed still parses.
    let old = r#"{"cap":10000,"quorum":3000,"threshold":{"majority":{}},"veto_threshold":3334,"voting_period":100,"timelock":3600,"execution_window":100,"min_deposit":"100","min_propose_power":"0","unbonding_period":{"time":1000},"treasury":"t"}"#;
    let p: ParamsMsg = cosmwasm_std::from_json(old).unwrap();
    assert_eq!(p.deposit_refund, RefundPolicy::NotVetoed);
    assert_eq!(p.threshold, Threshold::Majority {});
    let m: fairgrid::governance::MigrateMsg = cosmwasm_std::from_json("{}").unwrap();
    assert_eq!(m.params, None);
}
