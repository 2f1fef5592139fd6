//! PL901: a key in `pushlint.toml` that pushlint does not know.
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A key in `pushlint.toml` that is not one of `select`, `ignore`, `extend-select`,
    /// `severity`, `exclude`, `per-file-ignores`, `console`, `variants` or `rules-dir`.
    ///
    /// ## Why it matters
    /// A misspelled key is silently without effect: a rule you meant to turn off keeps failing
    /// the build, or a console file you meant to check is never read.
    ///
    /// ## Example
    /// `ignor = ["PL110"]` in `pushlint.toml`.
    ///
    /// ## How to fix
    /// Correct the key's spelling, or remove it.
    pub(crate) CONFIG_KEY_UNKNOWN {
        code: "PL901",
        name: "config-key-unknown",
        family: Family::Config,
        severity: Severity::Warning,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for p in cx.project.problems.iter().filter(|p| p.kind == InputProblemKind::ConfigKeyUnknown) {
        out.push(
            Diagnostic::new(&CONFIG_KEY_UNKNOWN, p.message.clone())
                .primary(p.span, "unknown key")
                .note("the setting has no effect")
                .help("correct the key's spelling, or remove it"),
        );
    }
}
