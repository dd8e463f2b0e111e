//! Multi-test suites, one file per concern. `suite` holds the harness, the
//! mock fee collector and hook receiver, and the invariant checker that
//! scenario and property tests call after every step.

mod suite;

mod admin;
mod attacks;
mod boundaries;
mod claims;
mod credits;
mod disputes;
mod fees;
mod gas;
mod grants;
mod layout;
mod leases;
mod props;
mod providers;
mod queries;
mod refusals;
