//! Message sequences run on each artifact, shared by the VM tests and the report.

pub mod cw20;
pub mod distributor;
pub mod escrow;
pub mod governance;

use crate::report::Row;

/// Every measured row, contract by contract.
pub fn all() -> Vec<Row> {
    let mut rows = cw20::rows();
    rows.extend(escrow::rows());
    rows.extend(governance::rows());
    rows.extend(distributor::rows());
    rows
}
