//! cargo-fuzz target: `pushlint::fuzz::manifest` (see src/fuzz.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pushlint::fuzz::manifest(data));
