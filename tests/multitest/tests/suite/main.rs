//! The market's multi-test suite: one test binary, one module per feature,
//! on the market as `Market::deploy` wires it. The market-wide model test
//! (`tests/market_model.rs`) is its own binary: it has a long mode.

mod errors;
mod events;
mod fee_pools;
mod majority_custody;
mod payouts;
mod shape;
mod story;
mod wiring;
