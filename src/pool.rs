//! The worker pool every parallel step runs in: threads with a stack deep enough for the Gradle
//! parser, made once per process.

/// Runs `f` in a worker pool whose threads have a stack big enough for the Gradle parser's
/// `MAX_DEPTH` levels, so it parses in place instead of starting a thread per build file.
/// Already on such a worker, `f` runs directly; if no pool can be started, on the caller's thread.
/// The pool is made once per process, with `RAYON_NUM_THREADS` threads when set, else one per core.
pub fn in_pool<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    static POOL: std::sync::OnceLock<Option<rayon::ThreadPool>> = std::sync::OnceLock::new();
    if crate::parse::gradle::on_parse_stack() {
        return f();
    }
    let pool = POOL.get_or_init(|| {
        rayon::ThreadPoolBuilder::new()
            .thread_name(|i| format!("pushlint-{i}"))
            .stack_size(crate::parse::gradle::PARSE_STACK)
            .start_handler(|_| crate::parse::gradle::assume_parse_stack())
            .build()
            .ok()
    });
    match pool {
        Some(pool) => pool.install(f),
        None => f(),
    }
}
