mod suite;

mod claims;
mod deposits;
mod owner;
mod pools;
mod refusals;
mod scale;
