//! cargo-fuzz target: `pushlint::fuzz::gradle` (see src/fuzz.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pushlint::fuzz::gradle(data));
