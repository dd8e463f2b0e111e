//! The whole market under random traffic: a model-based test of all three
//! contracts together (issue 13).
//!
//! - [`action`]: the random steps, as printable, replayable data;
//! - [`msgs`]: every message the test sends, built in one adapter module;
//! - [`state`]: the reference model (plain maps, integer formulas);
//! - [`sim`], `apply`, `check`, `drain`: running a step on chain and in the
//!   model, the invariants after every step, and the final drain.

pub mod action;
mod apply;
mod check;
mod drain;
pub mod msgs;
pub mod sim;
pub mod state;

pub use action::{action, Action, Proposal};
pub use sim::Sim;

/// Runs a sequence and its drain on a fresh market. `Err` carries the
/// failing step, the readable steps before it, and the reason.
pub fn run_sequence(actions: &[Action], strict: bool) -> Result<Sim, String> {
    let mut sim = Sim::new();
    sim.strict = strict;
    for a in actions {
        sim.step(a, false)?;
    }
    let before = sim.steps;
    sim.drain()?;
    sim.drain_steps = sim.steps - before;
    Ok(sim)
}
