//! PL503: `manifestPlaceholders` in `timpush-configs.json` differ from the Gradle placeholders.
use super::{expected_by_all, replace_literal, same_value};
use crate::diagnostics::{Diagnostic, Fix};
use crate::project::timpush_configs::{self, FILE_NAME};
use crate::rules::{Applicability, Ctx, Family, Severity, VariantView, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A key of `manifestPlaceholders` in the variant's `timpush-configs.json` entry has a value
    /// other than the Gradle manifest placeholder of the same name (for example `VIVO_APPID`), or
    /// the Gradle value is blank where the console download has one.
    /// The console facts are Tencent Cloud IM's; a push aggregator's own console (JPush, Getui,
    /// Umeng Push) is not read, and this rule says nothing about it.
    ///
    /// ## Why it matters
    /// The console download holds the values registered for the package; the vendor SDK reads the
    /// Gradle value merged into the manifest. When they differ, the vendor rejects the app's
    /// registration and that brand's phones get no offline push.
    ///
    /// ## Example
    /// `"VIVO_APPID": "105000001"` in `timpush-configs.json`, `manifestPlaceholders = [VIVO_APPID: " "]` in Gradle.
    ///
    /// ## How to fix
    /// Copy the values from `timpush-configs.json` into `manifestPlaceholders`.
    ///
    /// ## Fix
    /// Unsafe: writes the console download's value over the Gradle literal (keeping its quotes),
    /// when every variant that reads that literal expects the same value. The download is the IM
    /// console's, but it may be older than a vendor app registered again since: check the value
    /// in the vendor's console.
    pub(crate) TIMPUSH_PLACEHOLDER_MISMATCH {
        code: "PL503",
        name: "timpush-placeholder-mismatch",
        family: Family::Console,
        severity: Severity::Error,
        check,
        fix: Some(Applicability::Unsafe),
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let Some(module) = cx.project.modules.get(view.module) else { return };
        let Some(app_id) = view.variant.app_id() else { return };
        let Some(config) = timpush_configs::for_variant(module, view.variant) else { return };
        let Some(entry) = config.entry(app_id) else { return };
        let facts = &cx.catalog.console;
        for s in &entry.placeholders {
            // A blank value in the download says nothing about what Gradle should hold.
            if facts.is_placeholder(&s.value.value) {
                continue;
            }
            let Some(p) = view.variant.placeholder(&s.key.value) else { continue };
            let Some(gradle) = p.value.known() else { continue };
            if same_value(&gradle.value, &s.value.value) {
                continue;
            }
            let what = if facts.is_placeholder(&gradle.value) {
                format!(
                    "placeholder `{}` is blank in Gradle but `{}` in `{FILE_NAME}`",
                    s.key.value, s.value.value
                )
            } else {
                format!(
                    "placeholder `{}` is `{}` in Gradle but `{}` in `{FILE_NAME}`",
                    s.key.value, gradle.value, s.value.value
                )
            };
            let key = s.key.value.as_str();
            let new = s.value.value.trim();
            let agreed = expected_by_all(cx, view.module, new, |other| expected(cx, other, key, gradle.span));
            let fix = replace_literal(cx, gradle.span, &gradle.value, new)
                .filter(|_| agreed)
                .map(|e| Fix::unsafe_edit(format!("use `{new}` from `{FILE_NAME}`"), e));
            let d = Diagnostic::new(&TIMPUSH_PLACEHOLDER_MISMATCH, what).fix_opt(fix);
            // The vendor whose credential the placeholder holds (`VIVO_APPID`), as the catalog says.
            let d = facts
                .fields
                .iter()
                .filter(|f| f.placeholders.contains(&s.key.value))
                .fold(d, |d, f| d.vendor(&f.vendor));
            out.push(
                d.primary(gradle.span, "value in Gradle")
                    .secondary(s.value.span, "value from the console download")
                    .note("the vendor SDK registers with the Gradle value, which the console does not know")
                    .help(format!("set `{}` to `{}` in `manifestPlaceholders`", s.key.value, s.value.value)),
            );
        }
    });
}

/// The value of placeholder `key` the console download gives `view`, when its Gradle value is the
/// literal at `span`.
fn expected(cx: &Ctx, view: &VariantView, key: &str, span: crate::span::Span) -> Option<String> {
    let module = cx.project.modules.get(view.module)?;
    let reads = view.variant.placeholder(key)?.value.known()?.span == span;
    let config = timpush_configs::for_variant(module, view.variant)?;
    let entry = config.entry(view.variant.app_id()?)?;
    let value = entry.placeholders.iter().find(|p| p.key.value == key)?.value.value.trim().to_string();
    (reads && !cx.catalog.console.is_placeholder(&value)).then_some(value)
}
