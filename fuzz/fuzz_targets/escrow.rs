//! Arbitrary bytes as JSON messages to the escrow's instantiate, execute, query
//! and migrate (and cw20 hook) entry points; see `fairgrid_fuzz` for the layout.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fairgrid_fuzz::run::<fairgrid_fuzz::targets::Escrow>(data);
});
