//! PL903: a suppression that silences no finding. Reported by `crate::suppress` after all
//! rules ran, since only then is it known which suppressions were used.
use crate::diagnostics::Diagnostic;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A `tools:ignore` entry, `pushlint-disable-next-line` or `pushlint-disable-file` comment
    /// naming a pushlint rule that reports nothing at that place.
    ///
    /// ## Why it matters
    /// A stale suppression hides the next real problem of that kind at the same place: when a
    /// later edit breaks push delivery again, nobody is told.
    ///
    /// ## Example
    /// `<activity android:name=".ChatActivity" tools:ignore="PL106">` where the activity is
    /// exported, so PL106 has nothing to report.
    ///
    /// ## How to fix
    /// Remove the code from the suppression (and the suppression once it names nothing).
    /// Android Lint ids in `tools:ignore`, such as `ExportedReceiver`, are left alone.
    pub(crate) SUPPRESSION_UNUSED {
        code: "PL903",
        name: "suppression-unused",
        family: Family::Config,
        severity: Severity::Info,
        check,
    }
}

fn check(_cx: &Ctx, _out: &mut Vec<Diagnostic>) {}
