//! PL402: a vendor plugin applied but not resolvable (no classpath entry, no versioned declaration).
use super::{Seen, catalog_plugins, plugin_id, resolvable, root_snippet};
use crate::diagnostics::Diagnostic;
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use crate::span::Span;

declare_rule! {
    /// ## What it checks
    /// A module applies a vendor plugin the catalog knows (`com.google.gms.google-services`,
    /// `com.huawei.agconnect`, `com.hihonor.mcs.asplugin`, `com.tencent.android.tpns`), but nothing
    /// makes it resolvable: no `classpath` entry for it in the root (or the module's) `buildscript`,
    /// no `id … version …` in the root `plugins {}` block, in `settings.gradle` `pluginManagement`, in
    /// the module, or through a version-catalog `[plugins]` entry with a version.
    ///
    /// ## Why it matters
    /// Gradle stops at configuration time with "Plugin with id '…' not found".
    ///
    /// ## Example
    /// `app/build.gradle` has `apply plugin: 'com.huawei.agconnect'`, the root `build.gradle` has no
    /// `classpath 'com.huawei.agconnect:agcp:…'`.
    ///
    /// ## How to fix
    /// Add the classpath entry to the root `buildscript`, or declare the plugin with a version and
    /// `apply false` in the root `plugins {}` block.
    pub(crate) PLUGIN_CLASSPATH_MISSING {
        code: "PL402",
        name: "plugin-classpath-missing",
        family: Family::Plugins,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let plugins = catalog_plugins(cx.catalog);
    for (i, module) in cx.project.modules.iter().enumerate() {
        let Some(build) = &module.build else { continue };
        for p in build.script.plugins.iter().filter(|p| p.apply) {
            let Some(id) = plugin_id(cx.project, p) else { continue };
            let Some((plugin, _)) = plugins.iter().find(|(x, _)| x.id == id) else { continue };
            if resolvable(cx.project, i, plugin) != Seen::No {
                continue;
            }
            out.push(
                Diagnostic::new(
                    &PLUGIN_CLASSPATH_MISSING,
                    format!("`{id}` is applied but `{}` is on no buildscript classpath", plugin.classpath),
                )
                .primary(Span::new(build.file, p.range), "applied here")
                .about_coordinate(cx, None, &plugin.classpath)
                .note(format!("the build stops with \"Plugin with id '{id}' not found\""))
                .help(format!("add {}", root_snippet(cx.project, plugin))),
            );
        }
    }
}
