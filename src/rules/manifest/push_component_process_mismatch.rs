//! PL218: a vendor component runs in another process than the vendor requires.
use super::{SourceIndex, class_of, each_push_component};
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::fixes::{insert_attribute_after, replace_value};
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// The vendor components for which the vendor gives an `android:process` (MiPush's
    /// `XMPushService`, `XMJobService` and `PingReceiver`, in `:pushservice` in Xiaomi's guide) do
    /// not all run in one process: one names another process, or runs in the app's main process
    /// while the others do not. Any process name works as long as they share it (NetEase's demo
    /// uses `:mixpush`), so components that agree are left alone.
    ///
    /// ## Why it matters
    /// The SDK's parts talk to each other inside that process; split across processes the push
    /// connection is not kept alive or scheduled work does not reach the service.
    ///
    /// ## Example
    /// `XMPushService` has `android:process=":pushservice"`, while
    /// `<service android:name="com.xiaomi.push.service.XMJobService" android:exported="false" android:permission="android.permission.BIND_JOB_SERVICE" />`
    /// has none.
    ///
    /// ## How to fix
    /// Give every one of them the same `android:process` (the vendor's value, or the one the others use).
    ///
    /// ## Fix
    /// Safe: sets `android:process` to the process the vendor's other parts run in, adding the
    /// attribute after `android:name` when it is missing. That process exists already, so no new
    /// one starts; the vendor's parts only meet again in it.
    pub(crate) PUSH_COMPONENT_PROCESS_MISMATCH {
        code: "PL218",
        name: "push-component-process-mismatch",
        family: Family::Manifest,
        severity: Severity::Warning,
        check,
        fix: Some(Applicability::Safe),
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let src = SourceIndex::of(cx, view);
        let parts: Vec<_> =
            each_push_component(cx, view, &src).into_iter().filter(|(_, req, _)| req.process.is_some()).collect();
        for vendor in cx.catalog.vendors.iter() {
            let mine: Vec<_> = parts.iter().filter(|(v, _, _)| std::ptr::eq(*v, vendor)).collect();
            let process = |c: &crate::project::merge::Component| c.process.as_ref().map(|p| p.value.clone());
            // A placeholder process name is unknown: nothing can be compared.
            if mine.iter().any(|(_, _, c)| c.process.as_ref().is_some_and(|p| p.value.contains("${"))) {
                continue;
            }
            let mut names: Vec<Option<String>> = mine.iter().map(|(_, _, c)| process(c)).collect();
            names.dedup();
            names.sort();
            names.dedup();
            if names.len() < 2 {
                continue;
            }
            // The process the parts should share: the vendor's, if some part uses it; else the one
            // most parts name.
            let expected = mine.iter().find_map(|(_, req, _)| req.process.clone()).unwrap_or_default();
            let target = if names.iter().any(|n| n.as_deref() == Some(expected.as_str())) {
                expected.clone()
            } else {
                let named: Vec<String> = mine.iter().filter_map(|(_, _, c)| process(c)).collect();
                let mut best = named.first().cloned().unwrap_or_default();
                for n in &named {
                    if named.iter().filter(|m| *m == n).count() > named.iter().filter(|m| **m == best).count() {
                        best = n.clone();
                    }
                }
                best
            };
            let anchor = mine.iter().find(|(_, _, c)| process(c).as_deref() == Some(target.as_str()));
            for (_, _, c) in mine.iter().filter(|(_, _, c)| process(c).as_deref() != Some(target.as_str())) {
                let d = match &c.process {
                    Some(p) => Diagnostic::new(
                        &PUSH_COMPONENT_PROCESS_MISMATCH,
                        format!(
                            "the {} `<{}>` `{}` runs in process `{}`, not `{target}` with the other {} parts",
                            view.vendor_name(vendor),
                            c.kind.tag(),
                            class_of(c),
                            p.value,
                            vendor.display
                        ),
                    )
                    .primary(p.span, "process set here")
                    .fix(Fix::safe(format!("use `{target}`"), replace_value(cx, p.span, &target))),
                    None => Diagnostic::new(
                        &PUSH_COMPONENT_PROCESS_MISMATCH,
                        format!(
                            "the {} `<{}>` `{}` runs in the app's main process, not `{target}` with the other {} parts",
                            view.vendor_name(vendor),
                            c.kind.tag(),
                            class_of(c),
                            vendor.display
                        ),
                    )
                    .primary(c.name_span, "declared without `android:process`")
                    .fix_opt(
                        insert_attribute_after(cx, c.name_span, "process", &target)
                            .map(|e| Fix::safe(format!("add `android:process=\"{target}\"`"), e)),
                    ),
                };
                let d = match anchor.and_then(|(_, _, a)| a.process.as_ref().map(|p| (a, p))) {
                    Some((a, p)) => d.secondary(p.span, format!("`{}` runs in `{target}`", class_of(a))),
                    None => d,
                };
                out.push(
                    d.vendor(&vendor.id).note(format!("the {} SDK's parts talk to each other inside one process", vendor.display))
                        .help(format!("set `android:process=\"{target}\"`")),
                );
            }
        }
    });
}
