//! PL902: a rule code or name in `pushlint.toml` or in a suppression that names no rule.
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A rule code, name or prefix in `pushlint.toml` (`select`, `ignore`, `extend-select`,
    /// `[severity]`, `[per-file-ignores]`) or a `PLnnn` code in a suppression comment or
    /// `tools:ignore` that names no pushlint rule.
    ///
    /// ## Why it matters
    /// The entry has no effect: the finding it was meant to silence or select is reported
    /// anyway, or not at all.
    ///
    /// ## Example
    /// `ignore = ["PL1O1"]` (a letter O instead of a zero), or
    /// `tools:ignore="PL999"` on a manifest element.
    ///
    /// ## How to fix
    /// Use a code or name that `pushlint rules` lists, or remove the entry.
    pub(crate) CONFIG_RULE_UNKNOWN {
        code: "PL902",
        name: "config-rule-unknown",
        family: Family::Config,
        severity: Severity::Warning,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    for p in cx.project.problems.iter().filter(|p| p.kind == InputProblemKind::ConfigRuleUnknown) {
        out.push(
            Diagnostic::new(&CONFIG_RULE_UNKNOWN, p.message.clone())
                .primary(p.span, "unknown rule")
                .note("the entry has no effect")
                .help("use a code or name that `pushlint rules` lists, or remove the entry"),
        );
    }
}
