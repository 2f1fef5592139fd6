//! PL109: a vendor that opens the launcher on tap, and no launcher activity.
use super::{ACTION_MAIN, CATEGORY_LAUNCHER, certificates};
use crate::catalog::PageForm;
use crate::diagnostics::Diagnostic;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use crate::span::Span;

declare_rule! {
    /// ## What it checks
    /// The console has a certificate for a vendor whose notification tap opens the launcher
    /// activity (FCM), but the variant's merged manifest has no activity with an intent-filter for
    /// `android.intent.action.MAIN` and `android.intent.category.LAUNCHER`.
    ///
    /// ## Why it matters
    /// Without a launcher activity a tap on an FCM notification opens nothing.
    ///
    /// ## Example
    /// An app whose entry activity is started from another app's launcher alias, with no
    /// MAIN/LAUNCHER filter of its own.
    ///
    /// ## How to fix
    /// Give the app's entry activity an intent-filter with action `MAIN` and category `LAUNCHER`.
    pub(crate) LAUNCHER_ACTIVITY_MISSING {
        code: "PL109",
        name: "launcher-activity-missing",
        family: Family::Click,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let Some(app) = view.merged.application else { return };
        let launcher_certs: Vec<_> = certificates(cx, view)
            .into_iter()
            .filter(|c| cx.catalog.vendor(&c.vendor.value).is_some_and(|v| v.click.page == PageForm::Launcher))
            .collect();
        let Some(cert) = launcher_certs.first() else { return };
        let mut unknown = false;
        let has_launcher = view.merged.activities().any(|a| {
            a.filters.iter().any(|f| {
                if f.actions.iter().chain(&f.categories).any(|v| v.value.is_none()) {
                    unknown = true;
                }
                f.actions.iter().any(|v| v.value.as_deref() == Some(ACTION_MAIN))
                    && f.categories.iter().any(|v| v.value.as_deref() == Some(CATEGORY_LAUNCHER))
            })
        });
        if has_launcher || unknown {
            return;
        }
        let (m, e) = cx.project.element(app);
        let d = launcher_certs.iter().fold(
            Diagnostic::new(&LAUNCHER_ACTIVITY_MISSING, "no activity has an intent-filter for `MAIN` and `LAUNCHER`"),
            |d, c| d.vendor(&c.vendor.value),
        );
        out.push(
            d
                .primary(Span::new(m.file, e.start_tag), "no launcher activity in this application")
                .secondary(cert.vendor.span, format!("{} opens the launcher activity on tap", cert.describe()))
                .note("a tap on the notification opens the launcher activity; without one it opens nothing")
                .help("add an intent-filter with action `android.intent.action.MAIN` and category `android.intent.category.LAUNCHER` to the entry activity"),
        );
    });
}
