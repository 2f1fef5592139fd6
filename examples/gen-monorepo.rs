//! Writes a synthetic Android monorepo for benchmarks: `cargo run --release --example gen-monorepo -- N DIR`
//! makes N app and library modules under DIR (see `benches/gen/mod.rs` for the shape and defects).

#[path = "../benches/gen/mod.rs"]
mod generator;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(dir)) = (args.get(1).and_then(|n| n.parse::<usize>().ok()), args.get(2)) else {
        eprintln!("usage: gen-monorepo N DIR");
        std::process::exit(2);
    };
    let root = std::path::Path::new(dir);
    if root.exists() {
        if let Err(e) = std::fs::remove_dir_all(root) {
            eprintln!("error: cannot clear {dir}: {e}");
            std::process::exit(1);
        }
    }
    match generator::monorepo(root, n) {
        Ok(files) => println!("wrote {n} modules, {files} files under {dir}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
