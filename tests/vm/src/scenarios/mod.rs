//! Message sequences run on each artifact, shared by the VM tests and the report.

pub mod cw20;
pub mod distributor;
pub mod escrow;
pub mod governance;
pub mod identity;

use crate::report::Row;
use crate::Cost;

/// Every measured row, contract by contract.
pub fn all() -> Vec<Row> {
    let mut rows = cw20::rows();
    rows.extend(escrow::rows());
    rows.extend(governance::rows());
    rows.extend(distributor::rows());
    rows.extend(identity::rows());
    rows
}

/// An operation measured with few and with many existing entries.
pub struct Scaling {
    pub operation: &'static str,
    pub entries: &'static str,
    pub few: Cost,
    pub many: Cost,
}

/// The scaling rows: vote, claim and claim-earnings at `few` and `many` entries.
pub fn scaling(few: usize, many: usize) -> Vec<Scaling> {
    vec![
        Scaling {
            operation: "governance vote",
            entries: "stakers and votes",
            few: governance::vote_with_stakers(few),
            many: governance::vote_with_stakers(many),
        },
        Scaling {
            operation: "fee-distributor claim",
            entries: "pool members",
            few: distributor::claim_with_members(few),
            many: distributor::claim_with_members(many),
        },
        Scaling {
            operation: "escrow claim_earnings",
            entries: "open leases",
            few: escrow::claim_with_leases(few),
            many: escrow::claim_with_leases(many),
        },
    ]
}
