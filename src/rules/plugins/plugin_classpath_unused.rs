//! PL403: a vendor plugin on the buildscript classpath that no module applies.
use super::{Seen, applied, catalog_plugins};
use crate::diagnostics::Diagnostic;
use crate::project::deps::{resolve_classpath, variant_deps};
use crate::project::resolve::Scope;
use crate::rules::About;
use crate::rules::deps::matches_any;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// The root `buildscript` classpath has a vendor plugin the catalog knows (such as
    /// `com.huawei.agconnect:agcp` or `com.tencent.android.tpns:tpnsplugin`), or the root or
    /// settings `plugins {}` block declares it with `apply false`, and no module applies its
    /// plugin id (directly or through a convention plugin, in any block of the build file, under a
    /// condition or not). When an app variant needs that plugin, `vendor-plugin-missing` reports
    /// it instead.
    ///
    /// ## Why it matters
    /// A classpath entry alone does nothing: the vendor config file is not processed, which is easy
    /// to mistake for a working set-up.
    ///
    /// ## Example
    /// `classpath 'com.huawei.agconnect:agcp:1.4.1.300'` in the root `build.gradle`, and no
    /// `apply plugin: 'com.huawei.agconnect'` anywhere.
    ///
    /// ## How to fix
    /// Apply the plugin in the app module, or remove the classpath entry.
    pub(crate) PLUGIN_CLASSPATH_UNUSED {
        code: "PL403",
        name: "plugin-classpath-unused",
        family: Family::Plugins,
        severity: Severity::Info,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    declared_unused(cx, out);
    let Some(root) = &cx.project.root_build else { return };
    let (entries, _) = resolve_classpath(cx.project, &Scope::for_root(cx.project), root, usize::MAX);
    let plugins = catalog_plugins(cx.catalog);
    for entry in &entries {
        let Some((plugin, _)) = plugins.iter().find(|(p, _)| p.classpath == entry.coordinate()) else {
            continue;
        };
        if !unused(cx, plugin) {
            continue;
        }
        out.push(
            Diagnostic::new(
                &PLUGIN_CLASSPATH_UNUSED,
                format!("`{}` is on the classpath but no module applies `{}`", entry.coordinate(), plugin.id),
            )
            .primary(entry.span, "classpath entry here")
            .about_coordinate(cx, None, &plugin.classpath)
            .note("a plugin on the classpath does nothing until a module applies it")
            .help(format!("apply `{}` in the app module, or remove this classpath entry", plugin.id)),
        );
    }
}

/// Whether no module applies `plugin` (none unknown) and no app variant needs it (PL401's case).
fn unused(cx: &Ctx, plugin: &crate::catalog::gradle::PluginFacts) -> bool {
    for i in 0..cx.project.modules.len() {
        if applied(cx.project, i, &plugin.id).0 != Seen::No {
            return false;
        }
    }
    // An app variant that needs the plugin gets PL401, which names this entry's job.
    !cx.views.iter().any(|v| {
        variant_deps(cx.project, v.module, v.variant)
            .iter()
            .any(|d| matches_any(&plugin.required_by, d.coordinate()))
    })
}

/// `id '…' version '…' apply false` in the root build file or the settings for a vendor plugin
/// that no module applies.
fn declared_unused(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let plugins = catalog_plugins(cx.catalog);
    let scripts = cx.project.root_build.iter().chain(cx.project.settings.iter());
    for build in scripts {
        for p in build.script.plugins.iter().filter(|p| !p.apply) {
            let Some(id) = super::plugin_id(cx.project, p) else { continue };
            let Some((plugin, vendor)) = plugins.iter().find(|(f, _)| f.id == id) else { continue };
            if vendor.is_empty() || !unused(cx, plugin) {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &PLUGIN_CLASSPATH_UNUSED,
                    format!("`{id}` is declared with `apply false` but no module applies it"),
                )
                .primary(crate::span::Span::new(build.file, p.range), "declared here")
                .about_coordinate(cx, None, &plugin.classpath)
                .note("a plugin declared with `apply false` does nothing until a module applies it")
                .help(format!("apply `{id}` in the app module, or remove this declaration")),
            );
        }
    }
}
