mod suite;

mod claims;
mod deposits;
mod json;
mod layout;
mod owner;
mod pool_changes;
mod pools;
mod proptests;
mod refusals;
mod retire;
mod scale;
