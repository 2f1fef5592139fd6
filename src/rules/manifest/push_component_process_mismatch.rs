//! PL218: a vendor component runs in another process than the vendor requires.
use super::{SourceIndex, class_of, each_push_component};
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::fixes::{insert_attribute_after, replace_value};
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A vendor component for which the vendor gives an `android:process` (MiPush's
    /// `XMPushService`, `XMJobService` and `PingReceiver` in `:pushservice`) has no such attribute
    /// or another process.
    ///
    /// ## Why it matters
    /// The SDK's parts talk to each other inside that process; split across processes the push
    /// connection is not kept alive or scheduled work does not reach the service.
    ///
    /// ## Example
    /// `<service android:name="com.xiaomi.push.service.XMJobService" android:exported="false" android:permission="android.permission.BIND_JOB_SERVICE" />`.
    ///
    /// ## How to fix
    /// Set `android:process` to the vendor's value.
    ///
    /// ## Fix
    /// Unsafe: sets `android:process` to the vendor's value, adding the attribute after
    /// `android:name` when it is missing. The vendor's SDK expects that process, but a new process
    /// runs the app's `Application.onCreate()` once more, which not every app is written for.
    pub(crate) PUSH_COMPONENT_PROCESS_MISMATCH {
        code: "PL218",
        name: "push-component-process-mismatch",
        family: Family::Manifest,
        severity: Severity::Warning,
        check,
        fix: Some(Applicability::Unsafe),
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let src = SourceIndex::of(cx, view);
        for (vendor, req, c) in each_push_component(cx, view, &src) {
            let Some(expected) = &req.process else { continue };
            let d = match &c.process {
                Some(p) if &p.value == expected || p.value.contains("${") => continue,
                Some(p) => Diagnostic::new(
                    &PUSH_COMPONENT_PROCESS_MISMATCH,
                    format!(
                        "the {} `<{}>` `{}` runs in process `{}`, not `{expected}`",
                        vendor.display,
                        c.kind.tag(),
                        class_of(c),
                        p.value
                    ),
                )
                .primary(p.span, "process set here")
                .fix(Fix::unsafe_edit(format!("use `{expected}`"), replace_value(cx, p.span, expected))),
                None => Diagnostic::new(
                    &PUSH_COMPONENT_PROCESS_MISMATCH,
                    format!(
                        "the {} `<{}>` `{}` runs in the app's main process, not `{expected}`",
                        vendor.display,
                        c.kind.tag(),
                        class_of(c)
                    ),
                )
                .primary(c.name_span, "declared without `android:process`"),
            };
            let d = match (&c.process, insert_attribute_after(cx, c.name_span, "process", expected)) {
                (None, Some(e)) => {
                    d.fix(Fix::unsafe_edit(format!("add `android:process=\"{expected}\"`"), e))
                }
                _ => d,
            };
            out.push(
                d.note(format!("the {} SDK expects its parts together in `{expected}`", vendor.display))
                    .help(format!("set `android:process=\"{expected}\"`")),
            );
        }
    });
}
