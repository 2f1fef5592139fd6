//! PL403: a vendor plugin on the buildscript classpath that no module applies.
use super::{Seen, applied, catalog_plugins};
use crate::diagnostics::Diagnostic;
use crate::project::deps::{resolve_classpath, variant_deps};
use crate::project::resolve::Scope;
use crate::rules::deps::matches_any;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// The root `buildscript` classpath has a vendor plugin the catalog knows (such as
    /// `com.huawei.agconnect:agcp` or `com.tencent.android.tpns:tpnsplugin`), and no module applies
    /// its plugin id. When an app variant needs that plugin, `vendor-plugin-missing` reports it
    /// instead.
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
    let Some(root) = &cx.project.root_build else { return };
    let (entries, _) = resolve_classpath(cx.project, &Scope::for_root(cx.project), root, usize::MAX);
    let plugins = catalog_plugins(cx.catalog);
    for entry in &entries {
        let Some((plugin, _)) = plugins.iter().find(|(p, _)| p.classpath == entry.coordinate()) else {
            continue;
        };
        let mut any_unknown = false;
        let mut any_applied = false;
        for i in 0..cx.project.modules.len() {
            match applied(cx.project, i, &plugin.id).0 {
                Seen::Yes => any_applied = true,
                Seen::Unknown => any_unknown = true,
                Seen::No => {}
            }
        }
        if any_applied || any_unknown {
            continue;
        }
        // An app variant that needs the plugin gets PL401, which names this classpath entry's job.
        let needed = cx.views.iter().any(|v| {
            variant_deps(cx.project, v.module, v.variant)
                .iter()
                .any(|d| matches_any(&plugin.required_by, d.coordinate()))
        });
        if needed {
            continue;
        }
        out.push(
            Diagnostic::new(
                &PLUGIN_CLASSPATH_UNUSED,
                format!("`{}` is on the classpath but no module applies `{}`", entry.coordinate(), plugin.id),
            )
            .primary(entry.span, "classpath entry here")
            .note("a plugin on the classpath does nothing until a module applies it")
            .help(format!("apply `{}` in the app module, or remove this classpath entry", plugin.id)),
        );
    }
}
