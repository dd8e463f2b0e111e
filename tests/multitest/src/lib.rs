//! The Fairgrid market wired as it is deployed, on cw-multi-test with the real
//! cw20-base as FAIR, for the cross-contract suites.

pub mod events;
pub mod market;
pub mod model;
