//! cargo-fuzz target: `pushlint::fuzz::intent` (see src/fuzz.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pushlint::fuzz::intent(data));
