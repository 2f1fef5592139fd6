//! Tests of the Gradle script parser.

use super::*;

fn g(text: &str) -> GradleScript {
    GradleScript::parse(text, Dsl::Groovy)
}

fn k(text: &str) -> GradleScript {
    GradleScript::parse(text, Dsl::Kotlin)
}

#[test]
fn dump_corpus() {
    let p =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/timsdk-2024-04-timpush/Demo/app/build.gradle");
    let Ok(t) = std::fs::read_to_string(p) else { return };
    let s = g(&t);
    eprintln!("{s:#?}");
}
