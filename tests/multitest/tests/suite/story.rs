//! The market end to end: a GPU rental flows from a renter's credits to the
//! provider, the stakers, the providers pool and the treasury, under the
//! control of token-holder votes. Exact balances after each step; the escrow's
//! solvency and the distributor's reconciliation checked after every step.

use cosmwasm_std::{to_json_binary, Addr, CosmosMsg, Uint128, WasmMsg};
use cw_multi_test::Executor;
use fairgrid::bps::Bps;
use fairgrid::{distributor, escrow, governance, AssetInfoUnchecked};
use fairgrid_multitest::market::{Market, ANY_PRICE, CREDIT, DAY, FAIR, HOUR};

struct Cast {
    whale: Addr,
    holders: Vec<Addr>,
    providers: Vec<Addr>,
    renters: Vec<Addr>,
    sponsor: Addr,
}

/// Raw stakes: the whale 8,100 FAIR (√ = 90,000), five holders 100 FAIR each
/// (√ = 10,000), each in an identity of its own: square-root voting power
/// 90,000 + 5 × 10,000 = 140,000; the
/// stakers fee pool is linear (8,600 FAIR of weight).
const WHALE_STAKE: u128 = 8_100 * FAIR;
const HOLDER_STAKE: u128 = 100 * FAIR;
/// Provider collateral (FAIR): 100, 200 and 300.
const COLLATERAL: [u128; 3] = [100 * FAIR, 200 * FAIR, 300 * FAIR];
/// Offer prices per hour (uusdc): 1,000, 2,000 and 500 per second.
const PRICES: [u128; 3] = [3_600_000, 7_200_000, 1_800_000];

fn cast() -> Cast {
    let api = cosmwasm_std::testing::MockApi::default();
    Cast {
        whale: api.addr_make("whale"),
        holders: (0..5)
            .map(|i| api.addr_make(&format!("holder{i}")))
            .collect(),
        providers: (0..3)
            .map(|i| api.addr_make(&format!("provider{i}")))
            .collect(),
        renters: (0..3)
            .map(|i| api.addr_make(&format!("renter{i}")))
            .collect(),
        sponsor: api.addr_make("sponsor"),
    }
}

fn deploy(c: &Cast) -> Market {
    let mut fair = vec![(&c.whale, WHALE_STAKE + 1_000 * FAIR)];
    fair.extend(c.holders.iter().map(|h| (h, HOLDER_STAKE + 100 * FAIR)));
    fair.extend(c.providers.iter().map(|p| (p, 1_000 * FAIR)));
    let credits = vec![
        (&c.renters[0], 100_000_000),
        (&c.renters[1], 100_000_000),
        (&c.sponsor, 50_000_000),
    ];
    // Governance counts power per identity (stake without one gets the
    // linear share): an attester gives the whale and each holder an identity
    // of its own, so each votes with the square root of its stake.
    let api = cosmwasm_std::testing::MockApi::default();
    let attester = api.addr_make("attester");
    let mut m = Market::deploy_with_attesters(&fair, &credits, &[&attester]);
    for who in std::iter::once(&c.whale).chain(&c.holders) {
        m.link(&attester, who, None);
    }
    m.check_invariants();
    m
}

fn stake(m: &mut Market, who: &Addr, amount: u128) {
    let gov = m.governance.clone();
    m.send_fair(who, &gov, amount, &governance::ReceiveMsg::Stake {})
        .unwrap();
    m.check_invariants();
}

/// Anyone forwards the protocol fees the escrow owes the distributor:
/// claims and rulings leave them owed, so no payout waits on the collector.
fn forward_fees(m: &mut Market) {
    let anyone = m.addr("anyone");
    exec_escrow(
        m,
        &anyone,
        &escrow::ExecuteMsg::ForwardFees {
            assets: vec![AssetInfoUnchecked::native(CREDIT)],
        },
        0,
    );
}

fn exec_escrow(m: &mut Market, who: &Addr, msg: &escrow::ExecuteMsg, credits: u128) {
    let funds = if credits == 0 {
        vec![]
    } else {
        Market::credits(credits)
    };
    let escrow = m.escrow.clone();
    m.app
        .execute_contract(who.clone(), escrow, msg, &funds)
        .unwrap();
    m.check_invariants();
}

fn pending(m: &Market, who: &Addr) -> u128 {
    let res: distributor::PendingResponse = m
        .app
        .wrap()
        .query_wasm_smart(
            &m.distributor,
            &distributor::QueryMsg::Pending {
                address: who.to_string(),
            },
        )
        .unwrap();
    res.pending
        .iter()
        .filter(|p| p.info == fairgrid::AssetInfo::native(CREDIT))
        .map(|p| p.amount.u128())
        .sum()
}

fn claim_distributor(m: &mut Market, who: &Addr) {
    let dist = m.distributor.clone();
    m.app
        .execute_contract(
            who.clone(),
            dist,
            &distributor::ExecuteMsg::Claim {
                assets: None,
                recipient: None,
            },
            &[],
        )
        .unwrap();
    m.check_invariants();
}

/// Stakes, providers, offers, credits, three leases, three hours of streaming
/// and the providers' first claims. Returns the market at t0 + 3 h.
fn market_after_first_claims(c: &Cast) -> Market {
    let mut m = deploy(c);

    // Token holders stake.
    stake(&mut m, &c.whale.clone(), WHALE_STAKE);
    for h in c.holders.clone() {
        stake(&mut m, &h, HOLDER_STAKE);
    }
    let members: distributor::MemberResponse = m
        .app
        .wrap()
        .query_wasm_smart(
            &m.distributor,
            &distributor::QueryMsg::Member {
                pool_id: "stakers".into(),
                address: c.whale.to_string(),
            },
        )
        .unwrap();
    // governance reported the stake (above min_stake); the pool is linear
    assert_eq!(
        members.weight,
        Uint128::new(8_100_000_000),
        "8,100 FAIR in base units"
    );

    // Three providers register with FAIR collateral and post offers.
    for (i, p) in c.providers.clone().iter().enumerate() {
        let escrow_addr = m.escrow.clone();
        m.send_fair(
            p,
            &escrow_addr,
            COLLATERAL[i],
            &escrow::ReceiveMsg::RegisterProvider {
                metadata: escrow::ProviderMetadata {
                    name: format!("farm {i}"),
                    contact: None,
                },
            },
        )
        .unwrap();
        m.check_invariants();
        exec_escrow(
            &mut m,
            p,
            &escrow::ExecuteMsg::CreateOffer {
                offer: escrow::OfferParams {
                    gpu_model: "H100-SXM".into(),
                    gpu_count: 8,
                    memory_gib: 80,
                    region: "eu-west".into(),
                    asset: AssetInfoUnchecked::native(CREDIT),
                    price_per_hour: Uint128::new(PRICES[i]),
                    min_duration: 60,
                    max_duration: 24 * HOUR,
                    slots: 2,
                },
            },
            0,
        );
    }
    assert_eq!(m.fair_balance(&m.escrow), 600 * FAIR);

    // Renters deposit credits; a sponsor funds the third renter.
    exec_escrow(
        &mut m,
        &c.renters[0].clone(),
        &escrow::ExecuteMsg::Deposit { beneficiary: None },
        40_000_000,
    );
    exec_escrow(
        &mut m,
        &c.renters[1].clone(),
        &escrow::ExecuteMsg::Deposit { beneficiary: None },
        40_000_000,
    );
    exec_escrow(
        &mut m,
        &c.sponsor.clone(),
        &escrow::ExecuteMsg::Deposit {
            beneficiary: Some(c.renters[2].to_string()),
        },
        10_000_000,
    );
    assert_eq!(m.credit_balance(&m.escrow), 90_000_000);

    // Leases: 10 h on offer 1, 5 h on offer 2, 2 h on offer 3.
    for (i, hours) in [10u64, 5, 2].iter().enumerate() {
        exec_escrow(
            &mut m,
            &c.renters[i].clone(),
            &escrow::ExecuteMsg::OpenLease {
                offer_id: i as u64 + 1,
                duration: hours * HOUR,
                max_price_per_hour: ANY_PRICE,
            },
            0,
        );
    }

    // Three hours stream; with a one-hour settlement delay, two are claimable.
    m.advance(3 * HOUR);
    m.check_invariants();
    for p in c.providers.clone() {
        let before = m.credit_balance(&p);
        let lease_id = c.providers.iter().position(|x| *x == p).unwrap() as u64 + 1;
        exec_escrow(
            &mut m,
            &p,
            &escrow::ExecuteMsg::ClaimEarnings {
                lease_ids: vec![lease_id],
            },
            0,
        );
        // Two hours accrued, minus the 2.5 % protocol fee.
        let gross = PRICES[lease_id as usize - 1] * 2;
        assert_eq!(
            m.credit_balance(&p) - before,
            gross - gross / 40,
            "provider {lease_id} net"
        );
    }
    forward_fees(&mut m);
    m
}

#[test]
fn fees_of_a_gpu_rental_reach_stakers_providers_and_treasury_exactly() {
    let c = cast();
    let mut m = market_after_first_claims(&c);

    // Fees: 2.5 % of 7.2 M, 14.4 M and 3.6 M = 630,000, split 50/30/20.
    let rec = m.reconciliation();
    assert_eq!(rec.received, Uint128::new(630_000));
    assert_eq!(m.credit_balance(&m.governance), 126_000, "treasury 20 %");

    // Stakers pool 315,000 by stake (linear) over 8,600 FAIR: whale
    // floor(315,000 × 8,100 / 8,600) = 296,686, holders floor(315,000 × 100
    // / 8,600) = 3,662; the 4 units of rounding stay owed or carried.
    assert_eq!(pending(&m, &c.whale), 296_686);
    for h in &c.holders {
        assert_eq!(pending(&m, h), 3_662);
    }
    // Providers pool 189,000 by service weight, the fees each provider's
    // leases paid (180,000, 360,000, 90,000; collateral 100/200/300 FAIR
    // counts for nothing): 54,000, 108,000, 27,000.
    let provider_share = [54_000u128, 108_000, 27_000];
    for (p, share) in c.providers.iter().zip(provider_share) {
        assert_eq!(pending(&m, p), share);
    }

    // Everyone claims; only the 4 units of rounding are left, owed or carried.
    let whale = c.whale.clone();
    claim_distributor(&mut m, &whale);
    assert_eq!(m.credit_balance(&c.whale), 296_686);
    for h in c.holders.clone() {
        claim_distributor(&mut m, &h);
        assert_eq!(m.credit_balance(&h), 3_662);
    }
    for p in c.providers.clone() {
        let before = m.credit_balance(&p);
        claim_distributor(&mut m, &p);
        let i = c.providers.iter().position(|x| *x == p).unwrap();
        assert_eq!(m.credit_balance(&p) - before, provider_share[i]);
    }
    let rec = m.reconciliation();
    assert_eq!(rec.owed + rec.carried, Uint128::new(4));
    assert_eq!(rec.paid, Uint128::new(314_996 + 189_000));
    assert_eq!(rec.sent, Uint128::new(126_000));
    assert_eq!(m.credit_balance(&m.distributor), 4);
}

/// A proposal through the full cycle: deposit, votes, timelock, execution.
fn pass_proposal(m: &mut Market, c: &Cast, msgs: Vec<CosmosMsg>) -> u64 {
    let gov = m.governance.clone();
    let proposer = c.holders[0].clone();
    let res = m
        .send_fair(
            &proposer,
            &gov,
            10 * FAIR,
            &governance::ReceiveMsg::Propose {
                title: "story".into(),
                description: "a proposal of the story".into(),
                msgs,
            },
        )
        .unwrap();
    let id: u64 = res
        .events
        .iter()
        .flat_map(|e| &e.attributes)
        .find(|a| a.key == "proposal_id")
        .expect("proposal_id attribute")
        .value
        .parse()
        .unwrap();
    m.advance(5);
    m.check_invariants();
    let voters: Vec<Addr> = std::iter::once(c.whale.clone())
        .chain(c.holders.clone())
        .collect();
    for v in voters {
        m.app
            .execute_contract(
                v,
                gov.clone(),
                &governance::ExecuteMsg::Vote {
                    proposal_id: id,
                    vote: governance::VoteOption::Yes,
                },
                &[],
            )
            .unwrap();
        m.check_invariants();
    }
    m.advance(3 * DAY + DAY + 1);
    m.app
        .execute_contract(
            c.holders[1].clone(),
            gov.clone(),
            &governance::ExecuteMsg::Execute { proposal_id: id },
            &[],
        )
        .unwrap();
    m.check_invariants();
    let p: governance::ProposalResponse = m
        .app
        .wrap()
        .query_wasm_smart(&gov, &governance::QueryMsg::Proposal { proposal_id: id })
        .unwrap();
    assert_eq!(p.status, governance::ProposalStatus::Executed, "{p:?}");
    id
}

fn escrow_msg(m: &Market, msg: &escrow::ExecuteMsg) -> CosmosMsg {
    WasmMsg::Execute {
        contract_addr: m.escrow.to_string(),
        msg: to_json_binary(msg).unwrap(),
        funds: vec![],
    }
    .into()
}

#[test]
fn a_fee_change_by_proposal_leaves_open_leases_on_their_fee() {
    let c = cast();
    let mut m = market_after_first_claims(&c);
    let update = escrow::ExecuteMsg::UpdateConfig(escrow::ConfigUpdate {
        protocol_fee: Some(Bps::new(500).unwrap()),
        ..Default::default()
    });
    let msg = escrow_msg(&m, &update);
    pass_proposal(&mut m, &c, vec![msg]);
    let cfg: escrow::ConfigResponse = m
        .app
        .wrap()
        .query_wasm_smart(&m.escrow, &escrow::QueryMsg::Config {})
        .unwrap();
    assert_eq!(cfg.protocol_fee, Bps::new(500).unwrap());

    // Lease 1 (10 h, opened at 2.5 %) has ended; its provider claims the rest.
    let received_before = m.reconciliation().received.u128();
    let p0 = c.providers[0].clone();
    let before = m.credit_balance(&p0);
    exec_escrow(
        &mut m,
        &p0,
        &escrow::ExecuteMsg::ClaimEarnings { lease_ids: vec![1] },
        0,
    );
    let gross = PRICES[0] * 8; // hours 3 to 10
    assert_eq!(
        m.credit_balance(&p0) - before,
        gross - gross / 40,
        "still 2.5 %"
    );
    forward_fees(&mut m);
    assert_eq!(
        m.reconciliation().received.u128() - received_before,
        gross / 40
    );

    // A lease opened now pays 5 %.
    let r0 = c.renters[0].clone();
    exec_escrow(
        &mut m,
        &r0,
        &escrow::ExecuteMsg::OpenLease {
            offer_id: 1,
            duration: HOUR,
            max_price_per_hour: ANY_PRICE,
        },
        0,
    );
    let lease: escrow::LeaseResponse = m
        .app
        .wrap()
        .query_wasm_smart(&m.escrow, &escrow::QueryMsg::Lease { lease_id: 4 })
        .unwrap();
    assert_eq!(lease.protocol_fee, Bps::new(500).unwrap());
}

#[test]
fn a_whale_cannot_pass_what_the_many_vote_down() {
    let c = cast();
    let mut m = market_after_first_claims(&c);
    let gov = m.governance.clone();
    let whale = c.whale.clone();
    let drain = m.credit_balance(&gov);
    let spend: CosmosMsg = cosmwasm_std::BankMsg::Send {
        to_address: whale.to_string(),
        amount: Market::credits(drain),
    }
    .into();
    m.send_fair(
        &whale,
        &gov,
        10 * FAIR,
        &governance::ReceiveMsg::Propose {
            title: "send me the treasury".into(),
            description: "".into(),
            msgs: vec![spend],
        },
    )
    .unwrap();
    m.advance(5);
    let vote = |m: &mut Market, who: &Addr, vote| {
        m.app
            .execute_contract(
                who.clone(),
                gov.clone(),
                &governance::ExecuteMsg::Vote {
                    proposal_id: 1,
                    vote,
                },
                &[],
            )
            .unwrap();
        m.check_invariants();
    };
    vote(&mut m, &whale, governance::VoteOption::Yes);
    for h in c.holders.clone() {
        vote(&mut m, &h, governance::VoteOption::No);
    }
    // √-power: whale 90,000 capped at 10 % of 140,000 = 14,000; holders 50,000 no.
    let ballot: governance::BallotResponse = m
        .app
        .wrap()
        .query_wasm_smart(
            &gov,
            &governance::QueryMsg::Ballot {
                proposal_id: 1,
                voter: whale.to_string(),
            },
        )
        .unwrap();
    assert_eq!(ballot.ballot.unwrap().power, Uint128::new(14_000));
    m.advance(3 * DAY + DAY + 1);
    let err = m
        .app
        .execute_contract(
            whale.clone(),
            gov.clone(),
            &governance::ExecuteMsg::Execute { proposal_id: 1 },
            &[],
        )
        .unwrap_err();
    assert_eq!(
        err.downcast::<fairgrid_governance::ContractError>()
            .unwrap(),
        fairgrid_governance::ContractError::NotPassed {
            id: 1,
            status: governance::ProposalStatus::Rejected
        }
    );
    let p: governance::ProposalResponse = m
        .app
        .wrap()
        .query_wasm_smart(&gov, &governance::QueryMsg::Proposal { proposal_id: 1 })
        .unwrap();
    assert_eq!(p.status, governance::ProposalStatus::Rejected);
    assert_eq!(m.credit_balance(&gov), drain, "treasury untouched");
}

fn credits_of(m: &Market, who: &Addr, asset: &fairgrid::AssetInfo) -> u128 {
    let res: escrow::CreditsResponse = m
        .app
        .wrap()
        .query_wasm_smart(
            &m.escrow,
            &escrow::QueryMsg::Credits {
                account: who.to_string(),
                start_after: None,
                limit: None,
            },
        )
        .unwrap();
    res.credits
        .iter()
        .filter(|a| &a.info == asset)
        .map(|a| a.amount.u128())
        .sum()
}

#[test]
fn a_dispute_is_resolved_by_a_proposal_acting_as_arbiter() {
    let c = cast();
    let mut m = market_after_first_claims(&c);
    let (renter, provider) = (c.renters[0].clone(), c.providers[0].clone());

    // The renter disputes lease 1 three hours into its ten; claims freeze.
    exec_escrow(
        &mut m,
        &renter,
        &escrow::ExecuteMsg::OpenDispute {
            lease_id: 1,
            reason: "GPUs throttled to half speed".into(),
        },
        0,
    );
    m.advance(HOUR);
    let before = m.credit_balance(&provider);
    let escrow_addr = m.escrow.clone();
    let res = m
        .app
        .execute_contract(
            provider.clone(),
            escrow_addr,
            &escrow::ExecuteMsg::ClaimEarnings { lease_ids: vec![1] },
            &[],
        )
        .unwrap();
    // skipped and reported, nothing paid
    let skipped: Vec<(String, String)> = res
        .events
        .iter()
        .filter(|e| e.ty == "wasm")
        .flat_map(|e| e.attributes.iter())
        .filter(|a| a.key.starts_with("skip"))
        .map(|a| (a.key.clone(), a.value.clone()))
        .collect();
    assert_eq!(
        skipped,
        vec![
            ("skipped".to_string(), "1".to_string()),
            ("skip_reason".to_string(), "disputed".to_string())
        ]
    );
    assert_eq!(m.credit_balance(&provider), before);
    m.check_invariants();

    // Governance, the arbiter, splits the unclaimed amount in half and
    // slashes 10 FAIR of the provider's collateral to the renter.
    let resolve = escrow::ExecuteMsg::ResolveDispute {
        lease_id: 1,
        provider_share: Bps::new(5_000).unwrap(),
        slash: Uint128::new(10 * FAIR),
    };
    let msg = escrow_msg(&m, &resolve);
    let provider_before = m.credit_balance(&provider);
    let renter_credits_before = credits_of(&m, &renter, &fairgrid::AssetInfo::native(CREDIT));
    let fees_before = m.reconciliation().received.u128();
    pass_proposal(&mut m, &c, vec![msg]);
    forward_fees(&mut m);

    // The lease ran its 10 h (36 M); 7.2 M were claimed; 28.8 M unclaimed:
    // 14.4 M gross to the provider (2.5 % fee on the cumulative amount:
    // 540,000 − 180,000 = 360,000), 14.4 M back to the renter's credits.
    assert_eq!(
        m.credit_balance(&provider) - provider_before,
        14_400_000 - 360_000
    );
    assert_eq!(m.reconciliation().received.u128() - fees_before, 360_000);
    assert_eq!(
        credits_of(&m, &renter, &fairgrid::AssetInfo::native(CREDIT)) - renter_credits_before,
        14_400_000
    );
    let fair = fairgrid::AssetInfo::Cw20(m.token.clone());
    assert_eq!(
        credits_of(&m, &renter, &fair),
        10 * FAIR,
        "slashed collateral"
    );
    let p: escrow::ProviderResponse = m
        .app
        .wrap()
        .query_wasm_smart(
            &m.escrow,
            &escrow::QueryMsg::Provider {
                address: provider.to_string(),
            },
        )
        .unwrap();
    assert_eq!(p.collateral, Uint128::new(90 * FAIR));
    // The providers pool weighs service: the fees of the provider's lease,
    // 180,000 claimed before and 360,000 in the ruling; the slash left 90
    // FAIR bonded, so the weight stays.
    let member: distributor::MemberResponse = m
        .app
        .wrap()
        .query_wasm_smart(
            &m.distributor,
            &distributor::QueryMsg::Member {
                pool_id: "providers".into(),
                address: provider.to_string(),
            },
        )
        .unwrap();
    assert_eq!(member.weight, Uint128::new(540_000));

    // The renter withdraws the slashed FAIR.
    let escrow_addr = m.escrow.clone();
    m.app
        .execute_contract(
            renter.clone(),
            escrow_addr,
            &escrow::ExecuteMsg::Withdraw {
                asset: AssetInfoUnchecked::cw20(m.token.as_str()),
                amount: Uint128::new(10 * FAIR),
                recipient: None,
            },
            &[],
        )
        .unwrap();
    m.check_invariants();
    assert_eq!(m.fair_balance(&renter), 10 * FAIR);
}
