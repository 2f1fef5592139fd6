//! PL010: a module included in settings whose folder is absent.
use super::report;
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A module that `settings.gradle` includes whose folder does not exist (after
    /// `projectDir` remaps).
    ///
    /// ## Why it matters
    /// Gradle cannot configure a module without its folder; and if it carries push components
    /// (a TUIOfflinePush-style library), pushlint cannot see them, so findings about missing
    /// components may be incomplete.
    ///
    /// ## Example
    /// `include ':tuiofflinepush'` with `projectDir = new File(settingsDir, '../TUIKit/TUIOfflinePush/tuiofflinepush')`
    /// in a checkout without the `TUIKit` folder.
    ///
    /// ## How to fix
    /// Check out the module, or remove the `include`.
    pub(crate) MODULE_MISSING {
        code: "PL010",
        name: "module-missing",
        family: Family::Input,
        severity: Severity::Info,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    report(
        cx,
        out,
        &MODULE_MISSING,
        InputProblemKind::ModuleMissing,
        "included here",
        "push settings in that module are not checked",
        "check out the module, or remove the `include`",
    );
}
