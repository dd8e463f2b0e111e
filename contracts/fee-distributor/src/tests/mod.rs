mod suite;

mod deposits;
