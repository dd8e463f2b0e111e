//! Arbitrary bytes as JSON messages to the identity registry's instantiate,
//! execute, query and migrate entry points; see `fairgrid_fuzz` for the layout.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    fairgrid_fuzz::run::<fairgrid_fuzz::targets::Identity>(data);
});
