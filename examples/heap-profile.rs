//! The pushlint command line on the system allocator, for heap profilers that intercept `malloc`
//! (the `pushlint` binary uses jemalloc, which they do not see):
//! `cargo build --release --example heap-profile && heaptrack target/release/examples/heap-profile check DIR`.

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = pushlint::run(args, &mut out, &mut err);
    let _ = std::io::Write::write_all(&mut std::io::stdout(), &out);
    let _ = std::io::Write::write_all(&mut std::io::stderr(), &err);
    std::process::exit(code);
}
