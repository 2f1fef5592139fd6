//! PL501: the `timpush-configs.json` a variant packs has no entry for its applicationId.
use crate::diagnostics::Diagnostic;
use crate::project::timpush_configs::{self, FILE_NAME};
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use crate::span::{Span, TextRange};

declare_rule! {
    /// ## What it checks
    /// The `timpush-configs.json` in a variant's assets has no object keyed by that variant's
    /// applicationId (for example it names the package of another flavor, or lacks the
    /// `.debug` suffix of a build type).
    /// The console facts are Tencent Cloud IM's; a push aggregator's own console (JPush, Getui,
    /// Umeng Push) is not read, and this rule says nothing about it.
    ///
    /// ## Why it matters
    /// TIMPush looks up the object for the installed package name to find the certificate ids and
    /// vendor keys. Without one, the vendor tokens are never reported to the IM backend and no
    /// offline push reaches this build.
    ///
    /// ## Example
    /// `applicationId "com.acme.chat"` while `src/main/assets/timpush-configs.json` holds only
    /// `"com.acme.demo": { … }`.
    ///
    /// ## How to fix
    /// Register the package in the IM console and download `timpush-configs.json` again, or put a
    /// flavor-specific copy in `src/<flavor>/assets/`.
    pub(crate) TIMPUSH_CONFIG_PACKAGE_MISMATCH {
        code: "PL501",
        name: "timpush-config-package-mismatch",
        family: Family::Console,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let Some(module) = cx.project.modules.get(view.module) else { return };
        let Some(app_id) = view.variant.application_id.known() else { return };
        let Some(config) = timpush_configs::for_variant(module, view.variant) else { return };
        if config.entry(&app_id.value).is_some() {
            return;
        }
        // An empty key shows as `""`: an empty pair of backticks reads as a typo.
        let names: Vec<String> = config
            .entries
            .iter()
            .map(|e| if e.package.value.is_empty() { "`\"\"`".to_string() } else { format!("`{}`", e.package.value) })
            .collect();
        let primary = config
            .entries
            .first()
            .map(|e| e.package.span)
            .unwrap_or(Span::new(config.file, TextRange::empty(0)));
        let others = if names.is_empty() { "no package".to_string() } else { names.join(", ") };
        out.push(
            Diagnostic::new(
                &TIMPUSH_CONFIG_PACKAGE_MISMATCH,
                format!("`{FILE_NAME}` has no entry for `{}`; it configures {others}", app_id.value),
            )
            .primary(primary, "package configured here")
            .about_integrations(view)
            .secondary(app_id.span, "applicationId set here")
            .note("the TIMPush runtime finds no certificate ids for the installed package, so no offline push arrives")
            .help(format!(
                "add `{}` in the IM console and download `{FILE_NAME}` again, or give this variant its own copy",
                app_id.value
            )),
        );
    });
}
