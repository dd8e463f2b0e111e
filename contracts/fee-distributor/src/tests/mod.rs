mod suite;

mod claims;
mod deposits;
mod pools;
mod refusals;
