//! The fairness report (issue 10, item 6): the 1,000-holder Pareto set run
//! through the real contracts on cw-multi-test, wired as
//! `fairgrid_multitest::market::Market::deploy` wires the market, written to
//! `docs/fairness-report.md` with SVG plots in `docs/fairness/`.
//!
//! `cargo run -p fairgrid-fairness [--release] -- [<docs dir>]` (default
//! `docs`). The output depends only on the contracts and this file: CI
//! regenerates it and fails when the committed copy differs.
//!
//! Method, written down once (the report repeats it):
//! - holder `i` of `n = 1,000` (`i = 0` the smallest) gets the Pareto
//!   (x_m = 1, α = 1.16) quantile at the midpoint `u = (i + 0.5) / n`:
//!   `x_i = (1 − u)^(−1/α)`;
//! - stakes are `floor(x_i × 10^12 / Σx)` base units; the rounding remainder
//!   goes to the largest holder, so they sum to exactly 10^12;
//! - every holder stakes its whole amount with governance (cw20 `Send` of
//!   FAIR with `stake`), one block passes, then 10^12 uusdc of fees are
//!   deposited once into the distributor; voting power is governance's
//!   `voting_power` (uncapped), fee shares are the distributor's `pending`
//!   (the stakers pool takes 50 % of fees, linear in stake; a stake below
//!   `min_stake` weighs nothing);
//! - the split runs repeat everything with the largest holder's stake spread
//!   evenly over `k` fresh addresses (the first takes the division remainder);
//! - three ways of counting power, each a deployment of the real contracts:
//!   per address (governance's `per_address` policy, nobody linked: the
//!   square root of each address's stake); per identity (the deployed
//!   `linear_share` policy, an attester links every holder to an identity of
//!   its own, and the largest holder's first `MAX_ADDRESSES_PER_IDENTITY`
//!   addresses to its one identity, the rest staying without identity, as
//!   the registry bounds an identity's addresses); and the same with the
//!   largest holder's addresses all without identity. A holder's power is
//!   the power of its identity once plus that of its addresses without one.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use cosmwasm_std::testing::MockApi;
use cosmwasm_std::Addr;
use cw_multi_test::Executor;
use fairgrid::{distributor, governance};
use fairgrid_multitest::market::{Market, CREDIT, MAX_ADDRESSES_PER_IDENTITY, STAKERS_BPS};
use plotters::prelude::*;

const HOLDERS: usize = 1_000;
const ALPHA: f64 = 1.16;
const TOTAL_STAKE: u128 = 1_000_000_000_000;
const FEES: u128 = 1_000_000_000_000;
/// Governance quorum at deployment, bps of total power.
const QUORUM_BPS: u128 = 2_000;
const SPLITS: [usize; 14] = [
    1, 2, 5, 10, 20, 50, 100, 200, 265, 500, 1_000, 2_000, 4_235, 5_000,
];

/// The stakes, smallest first, summing to exactly `TOTAL_STAKE`.
fn holders() -> Vec<u128> {
    let n = HOLDERS as f64;
    let x: Vec<f64> = (0..HOLDERS)
        .map(|i| (1.0 - (i as f64 + 0.5) / n).powf(-1.0 / ALPHA))
        .collect();
    let sum: f64 = x.iter().sum();
    let mut stakes: Vec<u128> = x
        .iter()
        .map(|v| (v * TOTAL_STAKE as f64 / sum).floor() as u128)
        .collect();
    let assigned: u128 = stakes.iter().sum();
    *stakes.last_mut().unwrap() += TOTAL_STAKE - assigned;
    stakes
}

/// What one run measured, per holder (the largest holder's addresses summed).
struct Outcome {
    stake: Vec<u128>,
    power: Vec<u128>,
    fees: Vec<u128>,
    total_power: u128,
    total_fees: u128,
}

/// How power is counted in a run.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// `per_address`, nobody linked.
    Address,
    /// `linear_share`; every holder in its own identity, the largest holder's
    /// first `MAX_ADDRESSES_PER_IDENTITY` addresses in its one identity.
    Identity,
    /// `linear_share`; every other holder in its own identity, the largest
    /// holder's addresses all without identity.
    Unidentified,
    /// `linear_share`; every holder in its own identity, all the largest
    /// holder's addresses in its one identity: governance (the registry's
    /// owner) first raises `max_addresses` to the largest split.
    WholeIdentity,
}

/// `max_addresses` of the whole-identity runs: the largest split.
const WHOLE_BOUND: u32 = 5_000;

/// Runs the market with the largest holder split over `k` addresses.
fn run(stakes: &[u128], k: usize, mode: Mode) -> Outcome {
    let api = MockApi::default();
    let largest = stakes.len() - 1;
    // (holder, address, stake)
    let mut accounts: Vec<(usize, Addr, u128)> = vec![];
    for (i, s) in stakes.iter().enumerate().take(largest) {
        accounts.push((i, api.addr_make(&format!("holder-{i}")), *s));
    }
    let whale = stakes[largest];
    let k128 = k as u128;
    for j in 0..k {
        let part = whale / k128 + if j == 0 { whale % k128 } else { 0 };
        accounts.push((largest, api.addr_make(&format!("largest-{j}")), part));
    }
    let payer = api.addr_make("fee-payer");
    let attester = api.addr_make("attester");
    let fair: Vec<(&Addr, u128)> = accounts.iter().map(|(_, a, s)| (a, *s)).collect();
    let policy = match mode {
        Mode::Address => governance::UnidentifiedPolicy::PerAddress,
        _ => governance::UnidentifiedPolicy::LinearShare,
    };
    let mut m = Market::deploy_custom(&fair, &[(&payer, FEES)], &[&attester], policy);
    let gov = m.governance.clone();
    for (_, a, s) in &accounts {
        m.send_fair(a, &gov, *s, &governance::ReceiveMsg::Stake {})
            .unwrap();
    }
    if mode == Mode::WholeIdentity {
        let registry = m.identity.clone();
        m.app
            .execute_contract(
                gov.clone(),
                registry,
                &fairgrid::identity::ExecuteMsg::UpdateConfig {
                    owner: None,
                    max_addresses: Some(WHOLE_BOUND),
                },
                &[],
            )
            .unwrap();
    }
    if mode != Mode::Address {
        let mut largest_identity = None;
        let mut linked_parts = 0;
        for (holder, a, _) in &accounts {
            if *holder != largest {
                m.link(&attester, a, None);
            } else if (mode == Mode::Identity && linked_parts < MAX_ADDRESSES_PER_IDENTITY)
                || mode == Mode::WholeIdentity
            {
                largest_identity = Some(m.link(&attester, a, largest_identity));
                linked_parts += 1;
            }
        }
    }
    m.advance(5);
    let dist = m.distributor.clone();
    m.app
        .execute_contract(
            payer,
            dist.clone(),
            &distributor::ExecuteMsg::Deposit {},
            &Market::credits(FEES),
        )
        .unwrap();
    let mut out = Outcome {
        stake: stakes.to_vec(),
        power: vec![0; stakes.len()],
        fees: vec![0; stakes.len()],
        total_power: 0,
        total_fees: 0,
    };
    let q = m.app.wrap();
    let mut counted = std::collections::BTreeSet::new();
    for (holder, a, _) in &accounts {
        let p: governance::VotingPowerResponse = q
            .query_wasm_smart(
                &gov,
                &governance::QueryMsg::VotingPower {
                    address: a.to_string(),
                    height: None,
                },
            )
            .unwrap();
        // An identity's power once, whichever of its addresses reports it.
        if p.identity.is_none_or(|i| counted.insert(i)) {
            out.power[*holder] += p.power.u128();
        }
        let f: distributor::PendingResponse = q
            .query_wasm_smart(
                &dist,
                &distributor::QueryMsg::Pending {
                    address: a.to_string(),
                },
            )
            .unwrap();
        let fee: u128 = f
            .pending
            .iter()
            .filter(|p| p.info.to_string() == format!("native:{CREDIT}"))
            .map(|p| p.amount.u128())
            .sum();
        out.fees[*holder] += fee;
    }
    let t: governance::TotalPowerResponse = q
        .query_wasm_smart(&gov, &governance::QueryMsg::TotalPower { height: None })
        .unwrap();
    out.total_power = t.total_power.u128();
    out.total_fees = out.fees.iter().sum();
    // Per address and per identity the total is the sum; the linear share's
    // total floors the sum of all stake without identity at once, so it may
    // exceed the sum of the per-address floors.
    let sum = out.power.iter().sum::<u128>();
    if mode != Mode::Address {
        assert!(out.total_power >= sum, "total power below the holders' sum");
    } else {
        assert_eq!(
            out.total_power, sum,
            "total power is the sum of the holders' power"
        );
    }
    assert!(out.total_fees <= FEES * STAKERS_BPS as u128 / 10_000);
    out
}

fn pct(a: u128, b: u128) -> String {
    format!("{:.2} %", 100.0 * a as f64 / b as f64)
}

fn sorted_desc(v: &[u128]) -> Vec<u128> {
    let mut s = v.to_vec();
    s.sort_unstable_by(|a, b| b.cmp(a));
    s
}

/// The fewest holders whose values sum to more than half the total.
fn nakamoto(v: &[u128]) -> usize {
    let total: u128 = v.iter().sum();
    let mut acc = 0;
    for (n, x) in sorted_desc(v).iter().enumerate() {
        acc += x;
        if acc * 2 > total {
            return n + 1;
        }
    }
    v.len()
}

fn top(v: &[u128], n: usize) -> u128 {
    sorted_desc(v).iter().take(n).sum()
}

fn bottom(v: &[u128], n: usize) -> u128 {
    let mut s = v.to_vec();
    s.sort_unstable();
    s.iter().take(n).sum()
}

/// Lorenz points (population share, cumulative share), poorest first.
fn lorenz(v: &[u128]) -> Vec<(f64, f64)> {
    let mut s = v.to_vec();
    s.sort_unstable();
    let total: u128 = s.iter().sum();
    let n = s.len() as f64;
    let mut acc = 0u128;
    let mut pts = vec![(0.0, 0.0)];
    for (i, x) in s.iter().enumerate() {
        acc += x;
        pts.push(((i + 1) as f64 / n, acc as f64 / total as f64));
    }
    pts
}

type Series = (&'static str, Vec<(f64, f64)>, RGBColor);

fn lorenz_svg(path: &Path, series: &[Series]) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::new(path, (640, 480)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption(
            "Lorenz curves of voting power, 1,000 holders",
            ("sans-serif", 20),
        )
        .margin(15)
        .x_label_area_size(40)
        .y_label_area_size(50)
        .build_cartesian_2d(0f64..1f64, 0f64..1f64)?;
    chart
        .configure_mesh()
        .x_desc("share of holders, smallest first")
        .y_desc("cumulative share of power")
        .draw()?;
    for (name, pts, color) in series {
        let c = *color;
        chart
            .draw_series(LineSeries::new(pts.clone(), c))?
            .label(*name)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], c));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE)
        .border_style(BLACK)
        .draw()?;
    root.present()?;
    Ok(())
}

fn split_svg(path: &Path, series: &[Series], y_max: f64) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::new(path, (640, 480)).into_drawing_area();
    root.fill(&WHITE)?;
    let mut chart = ChartBuilder::on(&root)
        .caption("Largest holder split over k addresses", ("sans-serif", 20))
        .margin(15)
        .x_label_area_size(40)
        .y_label_area_size(50)
        .build_cartesian_2d((1f64..5_000f64).log_scale(), 0f64..y_max)?;
    chart
        .configure_mesh()
        .x_desc("k addresses (log scale)")
        .y_desc("share, %")
        .draw()?;
    for (name, pts, color) in series {
        let c = *color;
        chart
            .draw_series(LineSeries::new(pts.clone(), c))?
            .label(*name)
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 20, y)], c));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE)
        .border_style(BLACK)
        .draw()?;
    root.present()?;
    Ok(())
}

fn ratio(o: &Outcome, largest: usize, base: &Outcome) -> (f64, f64) {
    let p = o.power[largest] as f64 / o.total_power as f64;
    let f = o.fees[largest] as f64 / o.total_fees as f64;
    let p1 = base.power[largest] as f64 / base.total_power as f64;
    let f1 = base.fees[largest] as f64 / base.total_fees as f64;
    (p / p1, f / f1)
}

fn alone(o: &Outcome, largest: usize) -> &'static str {
    if o.power[largest] * 10_000 >= QUORUM_BPS * o.total_power {
        "yes"
    } else {
        "no"
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let docs = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "docs".into()));
    let plots = docs.join("fairness");
    std::fs::create_dir_all(&plots)?;
    let stakes = holders();
    let largest = stakes.len() - 1;
    let runs_of = |mode| -> Vec<(usize, Outcome)> {
        SPLITS.iter().map(|&k| (k, run(&stakes, k, mode))).collect()
    };
    let runs = runs_of(Mode::Address);
    let runs_id = runs_of(Mode::Identity);
    let runs_unid = runs_of(Mode::Unidentified);
    let runs_whole = runs_of(Mode::WholeIdentity);
    let base = &runs[0].1;
    let base_id = &runs_id[0].1;
    let bound = MAX_ADDRESSES_PER_IDENTITY as usize;

    let n = HOLDERS;
    let mut r = String::new();
    writeln!(r, "# Fairness report")?;
    writeln!(r)?;
    writeln!(
        r,
        "Generated by `cargo run -p fairgrid-fairness` (`tests/fairness`); do not edit by hand. \
         Every figure is measured through the real contracts on cw-multi-test, the market wired \
         as `tests/multitest/src/market.rs` deploys it (square-root voting power with \
         `min_stake` 1 FAIR, per identity, stake without identity at the `linear_share` policy; \
         the stakers pool linear in stake, a stake below `min_stake` weighing nothing, 50 % of \
         fees)."
    )?;
    writeln!(r)?;
    writeln!(r, "## Method")?;
    writeln!(r)?;
    writeln!(
        r,
        "- {n} holders; holder `i` (`i = 0` the smallest) gets the Pareto (x_m = 1, α = {ALPHA}) \
         quantile at the midpoint `u = (i + 0.5) / {n}`: `x_i = (1 − u)^(−1/α)`."
    )?;
    writeln!(
        r,
        "- Stakes are `floor(x_i × 10^12 / Σx)` base units; the rounding remainder goes to the \
         largest holder, so the stakes sum to exactly 10^12 ({} FAIR).",
        TOTAL_STAKE / 1_000_000
    )?;
    writeln!(
        r,
        "- Each holder stakes everything with governance (cw20 `Send` with `stake`); one block \
         passes; {FEES} uusdc of fees are deposited once into the distributor. Power is \
         governance's `voting_power` (uncapped), fee shares the distributor's `pending` in the \
         stakers pool."
    )?;
    writeln!(
        r,
        "- Split runs repeat everything with the largest holder's stake spread evenly over `k` \
         new addresses (the first takes the division remainder); every part stays above \
         `min_stake`."
    )?;
    writeln!(
        r,
        "- Three deployments count power: **per address** (governance's `per_address` policy, \
         nobody linked: the square root of each address's stake); **per identity** (the \
         deployed `linear_share` policy; an attester links every holder to an identity of its \
         own, and the largest holder's first {bound} addresses — the registry's bound per \
         identity at deployment — to its one identity, the rest staying without identity); \
         **all in its identity** (the same, but governance first raises the registry's \
         `max_addresses` to {WHOLE_BOUND} and all the largest holder's addresses join its one \
         identity); **without identity** (the same, but the largest holder's addresses all \
         without identity). A holder's power is its identity's power once plus the power of its \
         addresses without identity: `floor(s / (2 × ceil(sqrt(S))))` each, `S` the total \
         stake."
    )?;
    writeln!(
        r,
        "- \"Linear\" is power proportional to stake (the stake itself)."
    )?;
    writeln!(r)?;
    writeln!(r, "## What it measures")?;
    writeln!(r)?;
    writeln!(
        r,
        "Per-address square-root power is farmable (splitting multiplies it by about √k). Per \
         identity it is not: an identity's power is the square root of its summed stake, and \
         stake without identity gets a linear share (at most half the square root the same \
         stake gets as one identity), so neither splitting inside an identity nor moving stake \
         out of it pays. Fee shares are not farmable either (the stakers pool is linear and a \
         stake below `min_stake` weighs nothing). What no measurement here can see: one person \
         holding several identities (that is the attesters' duty, see docs/design.md)."
    )?;
    writeln!(r)?;
    writeln!(r, "## Concentration, no splitting")?;
    writeln!(r)?;
    writeln!(
        r,
        "| metric | linear (stake) | square root per address | square root per identity (deployed) |"
    )?;
    writeln!(r, "|---|---:|---:|---:|")?;
    writeln!(
        r,
        "| Nakamoto coefficient (fewest holders above 50 %) | {} | {} | {} |",
        nakamoto(&base.stake),
        nakamoto(&base.power),
        nakamoto(&base_id.power)
    )?;
    writeln!(
        r,
        "| top-1 share | {} | {} | {} |",
        pct(top(&base.stake, 1), TOTAL_STAKE),
        pct(top(&base.power, 1), base.total_power),
        pct(top(&base_id.power, 1), base_id.total_power)
    )?;
    writeln!(
        r,
        "| top-10 share | {} | {} | {} |",
        pct(top(&base.stake, 10), TOTAL_STAKE),
        pct(top(&base.power, 10), base.total_power),
        pct(top(&base_id.power, 10), base_id.total_power)
    )?;
    writeln!(
        r,
        "| fee share of the top decile (100 largest) | {} | {} | {} |",
        pct(top(&base.stake, n / 10), TOTAL_STAKE),
        pct(top(&base.fees, n / 10), base.total_fees),
        pct(top(&base_id.fees, n / 10), base_id.total_fees)
    )?;
    writeln!(
        r,
        "| fee share of the bottom half (500 smallest) | {} | {} | {} |",
        pct(bottom(&base.stake, n / 2), TOTAL_STAKE),
        pct(bottom(&base.fees, n / 2), base.total_fees),
        pct(bottom(&base_id.fees, n / 2), base_id.total_fees)
    )?;
    writeln!(r)?;
    writeln!(
        r,
        "The linear fee column is the stake shares; the market's stakers pool is linear in stake \
         with a `min_stake` floor, so its fee shares match them to rounding, with or without \
         identities."
    )?;
    writeln!(r)?;
    writeln!(r, "![Lorenz curves](fairness/lorenz.svg)")?;
    writeln!(r)?;
    writeln!(r, "## The largest holder splitting, per address")?;
    writeln!(r)?;
    writeln!(
        r,
        "The largest holder owns {} of the stake. Quorum is {} of total power; \"alone\" means \
         it reaches quorum with nobody else voting. Power per address (`per_address`, nobody \
         linked):",
        pct(stakes[largest], TOTAL_STAKE),
        pct(QUORUM_BPS, 10_000)
    )?;
    writeln!(r)?;
    writeln!(
        r,
        "| k addresses | stake per address (FAIR) | power share | × unsplit | fee share | × unsplit | reaches quorum alone |"
    )?;
    writeln!(r, "|---:|---:|---:|---:|---:|---:|---|")?;
    for (k, o) in &runs {
        let (pr, fr) = ratio(o, largest, base);
        writeln!(
            r,
            "| {k} | {} | {} | {pr:.2} | {} | {fr:.2} | {} |",
            stakes[largest] / *k as u128 / 1_000_000,
            pct(o.power[largest], o.total_power),
            pct(o.fees[largest], o.total_fees),
            alone(o, largest)
        )?;
    }
    writeln!(r)?;
    writeln!(r, "## The largest holder splitting, per identity")?;
    writeln!(r)?;
    writeln!(
        r,
        "The deployed market: every holder in an identity of its own. \"In its identity\": the \
         largest holder's first min(k, {bound}) addresses are in its one identity, the rest \
         without identity. \"All in its identity\": all k addresses in its one identity (the \
         registry's bound raised to {WHOLE_BOUND} by governance). \"Without identity\": all k \
         addresses without identity. × unsplit compares with the unsplit holder in its one \
         identity."
    )?;
    writeln!(r)?;
    writeln!(
        r,
        "| k addresses | in its identity: power share | × unsplit | alone | all in its identity: power share | × unsplit | alone | without identity: power share | × unsplit | alone | fee share | × unsplit |"
    )?;
    writeln!(
        r,
        "|---:|---:|---:|---|---:|---:|---|---:|---:|---|---:|---:|"
    )?;
    for (((k, o), (_, w)), (_, u)) in runs_id.iter().zip(&runs_whole).zip(&runs_unid) {
        let (pr, fr) = ratio(o, largest, base_id);
        let (wr, _) = ratio(w, largest, base_id);
        let (ur, _) = ratio(u, largest, base_id);
        writeln!(
            r,
            "| {k} | {} | {pr:.2} | {} | {} | {wr:.2} | {} | {} | {ur:.2} | {} | {} | {fr:.2} |",
            pct(o.power[largest], o.total_power),
            alone(o, largest),
            pct(w.power[largest], w.total_power),
            alone(w, largest),
            pct(u.power[largest], u.total_power),
            alone(u, largest),
            pct(o.fees[largest], o.total_fees),
        )?;
    }
    writeln!(r)?;
    writeln!(r, "![Split](fairness/split.svg)")?;
    writeln!(r)?;
    writeln!(r, "## Targets of issue 10 (with identities)")?;
    writeln!(r)?;
    let (nl, ni) = (nakamoto(&base.stake), nakamoto(&base_id.power));
    let last_id = &runs_id.last().unwrap().1;
    let last_unid = &runs_unid.last().unwrap().1;
    let last_whole = &runs_whole.last().unwrap().1;
    let k_last = runs_id.last().unwrap().0;
    let (pid, fid) = ratio(last_id, largest, base_id);
    let (pun, fun) = ratio(last_unid, largest, base_id);
    let (pwh, fwh) = ratio(last_whole, largest, base_id);
    let met = |ok: bool| if ok { "met" } else { "NOT met" };
    writeln!(r, "| target | measured | |")?;
    writeln!(r, "|---|---:|---|")?;
    writeln!(
        r,
        "| Nakamoto coefficient per identity ≥ 7 × linear ({}) | {ni} | {} |",
        7 * nl,
        met(ni >= 7 * nl)
    )?;
    writeln!(
        r,
        "| largest holder over {k_last} addresses, its first {bound} in its identity: power share ≤ 1 × unsplit | {pid:.2} × | {} |",
        met(last_id.power[largest] * base_id.total_power
            <= base_id.power[largest] * last_id.total_power)
    )?;
    writeln!(
        r,
        "| largest holder over {k_last} addresses, all in its one identity: power share ≤ 1 × unsplit | {pwh:.2} × | {} |",
        met(last_whole.power[largest] * base_id.total_power
            <= base_id.power[largest] * last_whole.total_power)
    )?;
    writeln!(
        r,
        "| largest holder over {k_last} addresses without identity: power share ≤ 1 × unsplit | {pun:.2} × | {} |",
        met(last_unid.power[largest] * base_id.total_power
            <= base_id.power[largest] * last_unid.total_power)
    )?;
    writeln!(
        r,
        "| largest holder over {k_last} addresses: fee share ≤ 1 × unsplit (first {bound} in its identity / all in it / without) | {fid:.2} × / {fwh:.2} × / {fun:.2} × | {} |",
        met(fid <= 1.0 && fwh <= 1.0 && fun <= 1.0)
    )?;
    writeln!(r)?;
    writeln!(
        r,
        "The deployed registry holds at most {bound} addresses per identity (10,000 at most by \
         proposal), so on the deployed market a holder's split beyond {bound} is the mixed case; \
         the \"all in its identity\" runs raise the bound to {WHOLE_BOUND} as a proposal would."
    )?;
    std::fs::write(docs.join("fairness-report.md"), r)?;

    lorenz_svg(
        &plots.join("lorenz.svg"),
        &[
            (
                "equality",
                vec![(0.0, 0.0), (1.0, 1.0)],
                RGBColor(160, 160, 160),
            ),
            ("linear (stake)", lorenz(&base.stake), RGBColor(200, 60, 40)),
            (
                "square root per address",
                lorenz(&base.power),
                RGBColor(40, 90, 200),
            ),
            (
                "square root per identity",
                lorenz(&base_id.power),
                RGBColor(130, 60, 170),
            ),
        ],
    )?;
    let share =
        |runs: &[(usize, Outcome)], f: &dyn Fn(&Outcome) -> (u128, u128)| -> Vec<(f64, f64)> {
            runs.iter()
                .map(|(k, o)| {
                    let (a, b) = f(o);
                    (*k as f64, 100.0 * a as f64 / b as f64)
                })
                .collect()
        };
    let power = share(&runs, &|o| (o.power[largest], o.total_power));
    let power_id = share(&runs_id, &|o| (o.power[largest], o.total_power));
    let power_unid = share(&runs_unid, &|o| (o.power[largest], o.total_power));
    let power_whole = share(&runs_whole, &|o| (o.power[largest], o.total_power));
    let fees = share(&runs, &|o| (o.fees[largest], o.total_fees));
    let stake = 100.0 * stakes[largest] as f64 / TOTAL_STAKE as f64;
    let y_max = power
        .iter()
        .chain(fees.iter())
        .map(|p| p.1)
        .fold(stake, f64::max)
        .ceil()
        + 5.0;
    split_svg(
        &plots.join("split.svg"),
        &[
            ("power share per address", power, RGBColor(40, 90, 200)),
            (
                "power share, in its identity",
                power_id,
                RGBColor(130, 60, 170),
            ),
            (
                "power share, all in its identity",
                power_whole,
                RGBColor(20, 160, 170),
            ),
            (
                "power share, without identity",
                power_unid,
                RGBColor(230, 140, 20),
            ),
            ("fee share", fees, RGBColor(30, 150, 70)),
            (
                "stake share",
                vec![(1.0, stake), (5_000.0, stake)],
                RGBColor(200, 60, 40),
            ),
            (
                "quorum",
                vec![(1.0, 20.0), (5_000.0, 20.0)],
                RGBColor(160, 160, 160),
            ),
        ],
        y_max,
    )?;
    Ok(())
}
