//! cargo-fuzz target: `pushlint::fuzz::version_catalog` (see src/fuzz.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| pushlint::fuzz::version_catalog(data));
