//! The invariants checked after every step, chain against model.

use cosmwasm_std::Addr;
use fairgrid::{distributor, escrow, governance, AssetInfo};

use super::msgs;
use super::sim::Sim;
use super::state::*;
use crate::market::{CREDIT, PROVIDERS_POOL, STAKERS_POOL};

macro_rules! ensure_eq {
    ($a:expr, $b:expr, $($what:tt)+) => {{
        let (a, b) = (&$a, &$b);
        if a != b {
            return Err(format!("{}: chain {:?} != model {:?}", format!($($what)+), a, b));
        }
    }};
}

impl Sim {
    /// Every invariant of the brief, and model == chain for every balance
    /// and record the model predicts.
    pub fn check(&self) -> Res<()> {
        let q = self.m.app.wrap();
        let md = &self.model;
        let m = &self.m;
        let everyone = self.cast.everyone();

        // balances of every actor, to the unit
        for a in &everyone {
            ensure_eq!(
                m.credit_balance(a),
                md.bank.get(a).copied().unwrap_or(0),
                "credits of {a}"
            );
            ensure_eq!(
                m.fair_balance(a),
                md.fair.get(a).copied().unwrap_or(0),
                "FAIR of {a}"
            );
        }
        ensure_eq!(
            m.fair_balance(&m.community),
            md.fair.get(&m.community).copied().unwrap_or(0),
            "FAIR of the community pool"
        );
        // credits are conserved across every holder
        let supply: u128 = everyone
            .iter()
            .chain([&m.escrow, &m.distributor, &m.governance, &m.community])
            .map(|a| m.credit_balance(a))
            .sum();
        ensure_eq!(supply, md.total_credits, "credit supply");

        // escrow: held == owed per asset, both as the model predicts
        ensure_eq!(
            m.credit_balance(&m.escrow),
            md.bank.get(&m.escrow).copied().unwrap_or(0),
            "escrow credit balance"
        );
        ensure_eq!(
            m.fair_balance(&m.escrow),
            md.fair.get(&m.escrow).copied().unwrap_or(0),
            "escrow FAIR balance"
        );
        let solvency: escrow::SolvencyResponse = q
            .query_wasm_smart(&m.escrow, &msgs::q_solvency())
            .map_err(|e| format!("solvency query: {e}"))?;
        for s in &solvency.assets {
            ensure_eq!(s.held, s.owed, "escrow held == owed in {}", s.asset);
            let a = if s.asset == AssetInfo::native(CREDIT) {
                A::Credit
            } else {
                A::Fair
            };
            ensure_eq!(
                s.owed.u128(),
                md.escrow_owed(a),
                "escrow owed in {}",
                s.asset
            );
            let fees_owed = if a == A::Credit { md.fees_owed } else { 0 };
            ensure_eq!(
                s.fees_owed.u128(),
                fees_owed,
                "protocol fees owed to the collector in {}",
                s.asset
            );
        }
        // sponsor grants: limit, spent, expiry and revocation as predicted
        let grants: escrow::GrantsResponse = q
            .query_wasm_smart(
                &m.escrow,
                &escrow::QueryMsg::GrantsBySponsor {
                    sponsor: self.cast.sponsor.to_string(),
                    start_after: None,
                    limit: Some(100),
                },
            )
            .map_err(|e| format!("grants query: {e}"))?;
        let chain_grants: Vec<_> = grants
            .grants
            .iter()
            .map(|g| {
                (
                    g.grantee.clone(),
                    g.limit.u128(),
                    g.spent.u128(),
                    g.expires.unwrap_or(0),
                    g.revoked,
                )
            })
            .collect();
        let model_grants: Vec<_> = md
            .grants
            .iter()
            .take(100)
            .map(|g| (g.grantee.clone(), g.limit, g.spent, g.expires, g.revoked))
            .collect();
        ensure_eq!(
            chain_grants,
            model_grants,
            "sponsor grants (grantee, limit, spent, expires, revoked)"
        );
        let sponsor = std::iter::once(&self.cast.sponsor);
        for r in self
            .cast
            .renters
            .iter()
            .chain(self.cast.providers.iter())
            .chain(sponsor)
        {
            let c: escrow::CreditsResponse = q
                .query_wasm_smart(
                    &m.escrow,
                    &escrow::QueryMsg::Credits {
                        account: r.to_string(),
                        start_after: None,
                        limit: None,
                    },
                )
                .map_err(|e| format!("credits query: {e}"))?;
            let (mut credit, mut fair) = (0, 0);
            for x in c.credits {
                if x.info == AssetInfo::native(CREDIT) {
                    credit += x.amount.u128();
                } else {
                    fair += x.amount.u128();
                }
            }
            ensure_eq!(credit, md.credit(r, A::Credit), "escrow credits of {r}");
            ensure_eq!(fair, md.credit(r, A::Fair), "escrow FAIR credits of {r}");
        }
        let credit = AssetInfo::native(CREDIT);
        for (p, mp) in &md.providers {
            let c: escrow::ProviderResponse = q
                .query_wasm_smart(
                    &m.escrow,
                    &escrow::QueryMsg::Provider {
                        address: p.to_string(),
                    },
                )
                .map_err(|e| format!("provider query: {e}"))?;
            ensure_eq!(
                (c.collateral.u128(), c.unbonding.u128(), c.open_disputes),
                (mp.collateral, mp.unbonding, mp.open_disputes),
                "collateral, unbonding, disputes of {p}"
            );
            let live = md
                .offers
                .iter()
                .filter(|o| o.provider == *p && (!o.closed || o.used > 0))
                .count() as u32;
            ensure_eq!(
                (c.live_offers, c.liable_until),
                (live, mp.liable_until),
                "live offers and liable_until of {p}"
            );
            let t = &c.track_record;
            let earned: u128 = t
                .earned
                .iter()
                .filter(|a| a.info == credit)
                .map(|a| a.amount.u128())
                .sum();
            ensure_eq!(
                (
                    t.leases_served,
                    t.seconds_delivered,
                    earned,
                    t.disputes_raised,
                    t.disputes_lost,
                    t.slashed.u128(),
                    t.service_weight.u128()
                ),
                (mp.served, mp.seconds, mp.earned, mp.raised, mp.lost, mp.slashed, mp.weight),
                "track record of {p} (served, seconds, earned, raised, lost, slashed, weight)"
            );
        }

        // distributor: reconciliation identity, holdings ≥ owed, fees as predicted
        let rec: distributor::ReconciliationResponse = q
            .query_wasm_smart(&m.distributor, &msgs::q_reconciliation())
            .map_err(|e| format!("reconciliation query: {e}"))?;
        ensure_eq!(
            rec.received,
            rec.paid + rec.sent + rec.burned + rec.owed + rec.carried,
            "distributor reconciliation {rec:?}"
        );
        if rec.held < rec.owed {
            return Err(format!("distributor holds less than it owes: {rec:?}"));
        }
        ensure_eq!(
            rec.held.u128(),
            m.credit_balance(&m.distributor),
            "distributor reports its balance"
        );
        ensure_eq!(
            rec.received.u128(),
            md.fees,
            "fees the distributor received"
        );
        // pools: ids, sources and curves as predicted; each member's weight
        // is what its source last reported, under the curve of that moment
        let pools: distributor::PoolsResponse = q
            .query_wasm_smart(&m.distributor, &msgs::q_pools())
            .map_err(|e| format!("pools query: {e}"))?;
        let chain_pools: Vec<_> = pools
            .pools
            .iter()
            .map(|p| (p.pool_id.clone(), p.source.clone(), p.curve))
            .collect();
        let model_pools: Vec<_> = md
            .pools
            .iter()
            .map(|(id, p)| (id.clone(), p.source.clone(), p.curve))
            .collect();
        ensure_eq!(
            chain_pools,
            model_pools,
            "distributor pools (id, source, curve)"
        );
        for (pool, raw) in [
            (STAKERS_POOL, &md.pool_stakers),
            (PROVIDERS_POOL, &md.pool_providers),
        ] {
            let Some(p) = pools.pools.iter().find(|p| p.pool_id == pool) else {
                continue;
            };
            let mut total = 0;
            for a in &everyone {
                let w = raw.get(a).copied().unwrap_or(0);
                total += w;
                let got: distributor::MemberResponse = q
                    .query_wasm_smart(&m.distributor, &msgs::q_member(pool, a))
                    .map_err(|e| format!("member query: {e}"))?;
                ensure_eq!(got.weight.u128(), w, "{pool} pool weight of {a}");
            }
            ensure_eq!(p.total_weight.u128(), total, "{pool} pool total weight");
        }
        let dc: distributor::ConfigResponse = q
            .query_wasm_smart(&m.distributor, &msgs::q_dist_config())
            .map_err(|e| format!("distributor config query: {e}"))?;
        let credit_status: Vec<_> = dc
            .assets
            .iter()
            .filter(|a| a.info == AssetInfo::native(CREDIT))
            .map(|a| (a.accepted, a.retired))
            .collect();
        ensure_eq!(
            credit_status,
            vec![(md.dist_credit, md.credit_retired)],
            "distributor credit slot (accepted, retired)"
        );
        let names_providers = dc.recipients.iter().any(|r| {
            matches!(&r.target, distributor::RecipientTarget::Pool { pool_id } if pool_id == PROVIDERS_POOL)
        });
        ensure_eq!(
            names_providers,
            md.recipients_providers,
            "the recipients name the providers pool"
        );

        // identity registry: attesters, subscribers, bound, next id and every
        // linkable address's stored link, as predicted
        let rc: fairgrid::identity::ConfigResponse = q
            .query_wasm_smart(&m.identity, &fairgrid::identity::QueryMsg::Config {})
            .map_err(|e| format!("registry config query: {e}"))?;
        let subscribers: std::collections::BTreeSet<Addr> = rc.subscribers.into_iter().collect();
        let owner = match md.ids.owner_gov {
            true => m.governance.clone(),
            false => m.community.clone(),
        };
        ensure_eq!(
            (rc.owner, rc.max_addresses, subscribers, rc.next_identity),
            (
                owner,
                md.ids.max_addresses,
                md.ids.subscribers.clone(),
                md.next_identity
            ),
            "registry (owner, max_addresses, subscribers, next_identity)"
        );
        let at: fairgrid::identity::AttestersResponse = q
            .query_wasm_smart(
                &m.identity,
                &fairgrid::identity::QueryMsg::Attesters {
                    start_after: None,
                    limit: None,
                },
            )
            .map_err(|e| format!("attesters query: {e}"))?;
        let attesters: std::collections::BTreeSet<Addr> = at.attesters.into_iter().collect();
        ensure_eq!(attesters, md.ids.attesters, "registry attesters");
        let height = m.app.block_info().height;
        for a in self.cast.voters.iter().chain(self.cast.renters.iter()) {
            let r: fairgrid::identity::IdentityResponse = q
                .query_wasm_smart(
                    &m.identity,
                    &fairgrid::identity::QueryMsg::Identity {
                        address: a.to_string(),
                        at_height: None,
                    },
                )
                .map_err(|e| format!("identity query: {e}"))?;
            let l = md.links.get(a);
            let live = l.filter(|l| l.live_at(height)).map(|l| l.identity);
            let expired = l.filter(|l| !l.live_at(height)).map(|l| l.identity);
            ensure_eq!(
                (r.identity, r.expired, r.expires_at_height, r.attester),
                (
                    live,
                    expired,
                    l.and_then(|l| l.expires),
                    l.map(|l| l.attester.clone())
                ),
                "registry link of {a} (identity, expired, expires_at_height, attester)"
            );
        }
        let gc: governance::ConfigResponse = q
            .query_wasm_smart(&m.governance, &governance::QueryMsg::Config {})
            .map_err(|e| format!("governance config query: {e}"))?;
        ensure_eq!(
            (
                gc.identity.registry,
                gc.identity.unidentified == governance::UnidentifiedPolicy::PerAddress
            ),
            (
                md.ids.gov_registry.then(|| m.identity.clone()),
                md.ids.per_address_at(None)
            ),
            "governance identity config (registry, per_address)"
        );
        // with the hooks attached and never detached, the pools equal the sources
        // (under the curve in force: a curve change settles on the next report)
        let heard = md.gov.hook && md.gov_sources_stakers();
        if let (true, Some(p)) = (heard, md.pools.get(STAKERS_POOL)) {
            for a in &everyone {
                let reported = md.pool_stakers.get(a).copied().unwrap_or(0);
                let due = p
                    .curve
                    .apply(cosmwasm_std::Uint128::new(pool_weight(md.stake(a))))
                    .u128();
                if reported != due && self.strict {
                    return Err(format!(
                        "stakers pool weight of {a} is stale: pool has {reported}, governance stake {}",
                        md.stake(a)
                    ));
                }
            }
        }

        // governance: FAIR held ≥ staked + deposits + claims; exact as modelled
        let metrics: governance::MetricsResponse = q
            .query_wasm_smart(&m.governance, &msgs::q_metrics())
            .map_err(|e| format!("metrics query: {e}"))?;
        let owed = metrics.total_stake + metrics.total_claims + metrics.total_deposits;
        let held = m.fair_balance(&m.governance);
        if held < owed.u128() {
            return Err(format!("governance holds {held} FAIR < owed {owed}"));
        }
        ensure_eq!(
            (
                metrics.total_stake.u128(),
                metrics.total_claims.u128(),
                metrics.total_deposits.u128()
            ),
            (md.total_stake(), md.pending_claims(), md.deposits),
            "governance stake, claims, deposits"
        );
        ensure_eq!(
            held,
            md.total_stake() + md.pending_claims() + md.deposits + md.gov_surplus,
            "governance FAIR"
        );
        let allowances: cw20::AllAllowancesResponse = q
            .query_wasm_smart(
                &m.token,
                &cw20::Cw20QueryMsg::AllAllowances {
                    owner: m.governance.to_string(),
                    start_after: None,
                    limit: None,
                },
            )
            .map_err(|e| format!("allowances query: {e}"))?;
        if !allowances.allowances.is_empty() {
            return Err(format!(
                "governance has outstanding FAIR allowances: {:?}",
                allowances.allowances
            ));
        }
        // total power == Σ power, now and at every open proposal's start height
        let now = self.m.app.block_info().time.seconds();
        let mut heights = vec![None];
        heights.extend(
            md.proposals
                .iter()
                .filter(|p| p.voting_end > now)
                .map(|p| Some(p.start_height)),
        );
        heights.dedup();
        for h in heights {
            let total: governance::TotalPowerResponse = q
                .query_wasm_smart(&m.governance, &msgs::q_total_power(h))
                .map_err(|e| format!("total power query: {e}"))?;
            let answers = everyone
                .iter()
                .map(|a| {
                    q.query_wasm_smart::<governance::VotingPowerResponse>(
                        &m.governance,
                        &msgs::q_power(a, h),
                    )
                    .map_err(|e| format!("power query: {e}"))
                })
                .collect::<Res<Vec<_>>>()?;
            let stake: u128 = answers.iter().map(|p| p.stake.u128()).sum();
            // each identity's stake, summed over its addresses
            let mut units: std::collections::BTreeMap<u64, u128> = Default::default();
            for p in &answers {
                if let Some(id) = p.identity {
                    *units.entry(id).or_default() += p.stake.u128();
                }
            }
            let identified: u128 = units.values().sum();
            // each identity's record at that height: stake == Σ of its
            // addresses', links as counted, and its earliest expiry: from
            // that height on none of its addresses votes
            let at = h.unwrap_or(height);
            let mut expired = std::collections::BTreeSet::new();
            for (id, s) in &units {
                let r: governance::IdentityPowerResponse = q
                    .query_wasm_smart(&m.governance, &msgs::q_identity_power(*id, h))
                    .map_err(|e| format!("identity power query: {e}"))?;
                let links = answers.iter().filter(|p| p.identity == Some(*id)).count() as u32;
                ensure_eq!(
                    (r.stake.u128(), r.power.u128(), r.addresses),
                    (*s, identity_power(*s), links),
                    "identity {id} at {h:?} (stake, power, addresses)"
                );
                if h.is_none() {
                    let earliest = md
                        .ids
                        .gov_links
                        .values()
                        .filter(|(i, _)| i == id)
                        .filter_map(|(_, e)| *e)
                        .min();
                    ensure_eq!(
                        r.earliest_expiry,
                        earliest,
                        "earliest expiry of identity {id}"
                    );
                }
                if r.earliest_expiry.is_some_and(|e| e <= at) {
                    expired.insert(*id);
                }
            }
            let per_address = md.ids.per_address_at(h);
            let unidentified = |s: u128| {
                if per_address {
                    identity_power(s)
                } else {
                    power(s, stake)
                }
            };
            for (a, p) in everyone.iter().zip(&answers) {
                // an identity's power is the square root of its summed stake,
                // whichever of its addresses asks, and nothing once one of
                // its links expired; stake without identity gets the linear
                // share of the total stake, or its own square root under
                // `per_address`
                let expected = match p.identity {
                    Some(id) if expired.contains(&id) => 0,
                    Some(id) => identity_power(units[&id]),
                    None => unidentified(p.stake.u128()),
                };
                ensure_eq!(p.power.u128(), expected, "power of {a} at {h:?}");
                if h.is_none() {
                    ensure_eq!(
                        (p.stake.u128(), p.identity),
                        (md.stake(a), md.ids.gov_links.get(a).map(|l| l.0)),
                        "stake and identity of {a}"
                    );
                }
            }
            // total = Σ identity power (expired links included until
            // reported) + the policy's power of all stake without identity
            // (O(1) in governance, recomputed here)
            let without: u128 = if per_address {
                answers
                    .iter()
                    .filter(|p| p.identity.is_none())
                    .map(|p| identity_power(p.stake.u128()))
                    .sum()
            } else {
                (stake - identified) / share_divisor(stake)
            };
            let expected = units.values().map(|s| identity_power(*s)).sum::<u128>() + without;
            ensure_eq!(
                total.total_power.u128(),
                expected,
                "total power at {h:?} == Σ identity power + power without identity"
            );
        }
        Ok(())
    }

    /// Accounts in a pool (for the drain).
    pub fn members(&self) -> Vec<Addr> {
        self.cast.everyone()
    }
}
