//! PL107: the click target has intent-filters but no `android:exported`, at targetSdk 31 or later.
use super::targets;
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::fixes::insert_attribute_after;
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// The activity a click action opens declares an `<intent-filter>` but no `android:exported`,
    /// in a variant whose `targetSdk` is 31 or higher.
    ///
    /// ## Why it matters
    /// From Android 12 a component with an intent-filter must say whether it is exported: the
    /// manifest merger fails, and an APK built otherwise fails to install
    /// (`INSTALL_PARSE_FAILED_MANIFEST_MALFORMED`).
    ///
    /// ## Example
    /// `targetSdk 33` and `<activity android:name=".ui.ChatActivity"><intent-filter>…</intent-filter></activity>`.
    ///
    /// ## How to fix
    /// Add `android:exported="true"` to the click target.
    ///
    /// ## Fix
    /// Safe: adds `android:exported="true"` after `android:name`. An activity with an
    /// intent-filter was exported before Android 12 made the attribute mandatory, and the vendor
    /// needs it so; the manifest does not build without a value.
    pub(crate) CLICK_TARGET_EXPORTED_MISSING {
        code: "PL107",
        name: "click-target-exported-missing",
        family: Family::Click,
        severity: Severity::Error,
        check,
        fix: Some(Applicability::Safe),
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let Some(level) = view.variant.target_sdk_level() else { return };
        if level < 31 {
            return;
        }
        for (activity, uses) in targets(cx, view) {
            if activity.exported.is_some() || activity.filters.is_empty() {
                continue;
            }
            let mut d = Diagnostic::new(
                &CLICK_TARGET_EXPORTED_MISSING,
                format!(
                    "click target `{}` has an intent-filter but no `android:exported`",
                    activity.name.as_deref().unwrap_or(&activity.raw_name)
                ),
            )
            .primary(activity.name_span, "declared without `android:exported`");
            if let Some(edit) = insert_attribute_after(cx, activity.name_span, "exported", "true") {
                d = d.fix(Fix::safe("add `android:exported=\"true\"`", edit));
            }
            if let Some(span) = view.variant.target_sdk.span() {
                d = d.secondary(span, format!("targetSdk {level} set here"));
            }
            for u in uses {
                d = d.vendor(&u.vendor.id).secondary(u.span, u.label);
            }
            out.push(
                d.note("from targetSdk 31 the merger fails and the APK does not install")
                    .help("add `android:exported=\"true\"`"),
            );
        }
    });
}
