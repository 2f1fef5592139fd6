//! PL408: a vendor plugin documented for the application module, applied to a library module.
use super::{Seen, android_plugin_span, applied, catalog_plugins};
use crate::diagnostics::Diagnostic;
use crate::project::ModuleKind;
use crate::project::merge::merged_modules;
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A library module (`com.android.library`, directly or through a convention plugin) applies
    /// a vendor plugin that the vendor documents for the application module:
    /// `com.google.gms.google-services`, `com.huawei.agconnect`, `com.hihonor.mcs.asplugin` — and
    /// an app module that merges the library does not apply it. Where every app that merges the
    /// library applies the plugin too, the library's copy does nothing and nothing is said.
    ///
    /// ## Why it matters
    /// These plugins turn the config file next to them into resources of the module they are
    /// applied to. The vendors document the application module, whose package the config file
    /// names; the TPNS Huawei guide says never to apply `com.huawei.agconnect` in a sub-module.
    ///
    /// ## Example
    /// `TUIKit/push/build.gradle` applies `com.android.library` and `com.huawei.agconnect`.
    ///
    /// ## How to fix
    /// Apply the plugin (and put its config file) in the app module, and remove it from the library.
    pub(crate) PLUGIN_MODULE_MISMATCH {
        code: "PL408",
        name: "plugin-module-mismatch",
        family: Family::Plugins,
        severity: Severity::Warning,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let plugins: Vec<_> = catalog_plugins(cx.catalog).into_iter().filter(|(p, _)| p.app_module).collect();
    let apps: Vec<usize> = (0..cx.project.modules.len())
        .filter(|&a| cx.project.modules[a].kind == ModuleKind::Application)
        .collect();
    for (i, m) in cx.project.modules.iter().enumerate().filter(|(_, m)| m.kind == ModuleKind::Library) {
        for (plugin, vendor) in &plugins {
            let (Seen::Yes, Some(span)) = applied(cx.project, i, &plugin.id) else { continue };
            // Only an app that merges the library and does not apply the plugin itself goes
            // without the config's resources; where every such app applies it, the library's copy
            // is idle but harmless.
            let Some(app) = apps.iter().copied().find(|&a| {
                merged_modules(cx.project, a).contains(&i) && applied(cx.project, a, &plugin.id).0 == Seen::No
            }) else {
                continue;
            };
            let app_path = &cx.project.modules[app].path;
            out.push(
                Diagnostic::new(
                    &PLUGIN_MODULE_MISMATCH,
                    format!("`{}` is applied in library module `{}`", plugin.id, m.path),
                )
                .primary(span, "applied here")
                .about_coordinate(cx, None, &plugin.classpath)
                .secondary_opt(
                    android_plugin_span(cx.project, app),
                    format!("`{app_path}` merges `{}` and does not apply it", m.path),
                )
                .note(format!(
                    "the {} guides apply this plugin in the application module, whose package its config file names; in a library it does not reach `{app_path}`",
                    if vendor.is_empty() { "vendor" } else { vendor }
                ))
                .help(format!("apply `{}` in `{app_path}` instead, and remove it from `{}`", plugin.id, m.path)),
            );
        }
    }
}
