//! Throughput of each parser on large realistic inputs (MB/s), and of a whole lint of the sample
//! and of a generated 100-module monorepo. Run with `cargo bench`; never used as a timed test.

#[path = "gen/mod.rs"]
mod generator;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pushlint::parse::gradle::{Dsl, GradleScript};
use pushlint::parse::json::JsonDoc;
use pushlint::parse::manifest::ManifestDoc;
use pushlint::parse::version_catalog::VersionCatalog;
use std::hint::black_box;
use std::path::Path;

fn catalog_text(entries: usize) -> String {
    let mut s = String::from("[versions]\n");
    for i in 0..entries {
        s.push_str(&format!("lib{i} = \"1.{i}.0\"\n"));
    }
    s.push_str("\n[libraries]\n");
    for i in 0..entries {
        s.push_str(&format!("acme-lib{i} = {{ module = \"com.acme:lib{i}\", version.ref = \"lib{i}\" }}\n"));
    }
    s.push_str(
        "\n[plugins]\nandroid-application = { id = \"com.android.application\", version = \"8.5.0\" }\n",
    );
    s
}

fn parsers(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    let manifest = generator::manifest("com.acme.chat", 400, true);
    g.throughput(Throughput::Bytes(manifest.len() as u64));
    g.bench_function("manifest", |b| b.iter(|| ManifestDoc::parse(black_box(&manifest))));

    let deps: Vec<String> = (0..300).map(|i| format!(":features:lib{i}")).collect();
    let kts = generator::build_kts("com.acme.chat", 150, &deps, true);
    g.throughput(Throughput::Bytes(kts.len() as u64));
    g.bench_function("gradle_kts", |b| b.iter(|| GradleScript::parse(black_box(&kts), Dsl::Kotlin)));

    let groovy = generator::build_groovy("com.acme.chat", 150, &deps, true);
    g.throughput(Throughput::Bytes(groovy.len() as u64));
    g.bench_function("gradle_groovy", |b| b.iter(|| GradleScript::parse(black_box(&groovy), Dsl::Groovy)));

    let json = generator::google_services("com.acme.chat", 500);
    g.throughput(Throughput::Bytes(json.len() as u64));
    g.bench_function("google_services_json", |b| b.iter(|| JsonDoc::parse(black_box(&json))));

    // A typical module build file, parsed from a plain thread (GradleScript::parse starts a
    // big-stack thread per call) and from pushlint's worker pool (parses in place).
    let small = generator::build_groovy("com.acme.lib", 0, &deps[..2], false);
    g.throughput(Throughput::Bytes(small.len() as u64));
    g.bench_function("gradle_small_own_thread", |b| {
        b.iter(|| GradleScript::parse(black_box(&small), Dsl::Groovy))
    });
    g.bench_function("gradle_small_in_pool", |b| {
        pushlint::pool::in_pool(|| b.iter(|| GradleScript::parse(black_box(&small), Dsl::Groovy)))
    });

    let toml = catalog_text(500);
    g.throughput(Throughput::Bytes(toml.len() as u64));
    g.bench_function("version_catalog", |b| b.iter(|| VersionCatalog::parse(black_box(&toml))));
    g.finish();
}

fn lint(c: &mut Criterion) {
    let catalog = pushlint::catalog::Catalog::embedded().expect("embedded catalog");
    let config = pushlint::Config::default();
    let mut g = c.benchmark_group("lint");
    g.sample_size(20);
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/sample-chat");
    g.bench_function("sample_chat", |b| b.iter(|| pushlint::lint_root(&sample, &config, &catalog)));

    let dir = tempfile::tempdir().expect("temp dir");
    generator::monorepo(dir.path(), 100).expect("generate");
    g.bench_function("monorepo_100", |b| b.iter(|| pushlint::lint_root(dir.path(), &config, &catalog)));
    g.finish();
}

criterion_group!(benches, parsers, lint);
criterion_main!(benches);
