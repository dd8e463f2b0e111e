//! Multi-test suites, one file per concern. `suite` holds the harness, the
//! recording and the failing subscriber, and the invariant checker that
//! every test calls after every step.

mod suite;

mod admin;
mod hooks;
mod layout;
mod links;
mod queries;
mod refusals;
