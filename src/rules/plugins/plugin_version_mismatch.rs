//! PL407: a plugin on the buildscript classpath that a `plugins {}` block requests at another version.
use super::{catalog_plugins, plugin_id};
use crate::diagnostics::Diagnostic;
use crate::parse::gradle::{PluginSyntax, Value};
use crate::project::deps::resolve_classpath;
use crate::project::resolve::Scope;
use crate::project::{BuildFile, Located, Project, Resolved};
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use crate::span::Span;

declare_rule! {
    /// ## What it checks
    /// A plugin the catalog knows (a vendor plugin such as `com.google.gms.google-services`, or
    /// the Android Gradle plugin) is on the root `buildscript` classpath at one version, and a
    /// `plugins {}` block of the root, the settings or a module requests it at another version
    /// (a literal or a version-catalog alias).
    ///
    /// ## Why it matters
    /// A build has one copy of a plugin: the one on the classpath runs, not the version the
    /// `plugins {}` line asks for, and Gradle rejects a request whose version it cannot check
    /// against the classpath, which fails the build after an upgrade of one of the two.
    ///
    /// ## Example
    /// `classpath 'com.google.gms:google-services:4.3.15'` in the root `build.gradle`, and
    /// `id 'com.google.gms.google-services' version '4.4.0' apply false` in its `plugins {}` block.
    ///
    /// ## How to fix
    /// Declare the plugin in one place: drop the classpath entry and keep the `plugins {}`
    /// version, or drop the version from the `plugins {}` line.
    pub(crate) PLUGIN_VERSION_MISMATCH {
        code: "PL407",
        name: "plugin-version-mismatch",
        family: Family::Plugins,
        severity: Severity::Warning,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let project = cx.project;
    let Some(root) = &project.root_build else { return };
    let (entries, _) = resolve_classpath(project, &Scope::for_root(project), root, usize::MAX);
    let plugins = catalog_plugins(cx.catalog);
    let mut scripts: Vec<(&BuildFile, Scope)> = vec![(root, Scope::for_root(project))];
    scripts.extend(project.settings.iter().map(|s| (s, Scope::for_root(project))));
    for (i, m) in project.modules.iter().enumerate() {
        if let Some(b) = m.build.as_ref().filter(|b| b.file != root.file) {
            scripts.push((b, Scope::for_module(project, i)));
        }
    }
    for entry in &entries {
        let Some((plugin, _)) = plugins.iter().find(|(p, _)| p.classpath == entry.coordinate()) else {
            continue;
        };
        let Some(on_classpath) = entry.version.known() else { continue };
        for (build, scope) in &scripts {
            for p in
                build.script.plugins.iter().filter(|p| plugin_id(project, p).as_deref() == Some(&plugin.id))
            {
                let Some(requested) = requested_version(project, scope, build, p) else { continue };
                if requested.value.trim() == on_classpath.value.trim() {
                    continue;
                }
                out.push(
                    Diagnostic::new(
                        &PLUGIN_VERSION_MISMATCH,
                        format!(
                            "`{}` is requested at `{}` but the buildscript classpath has `{}` at `{}`",
                            plugin.id,
                            requested.value,
                            entry.coordinate(),
                            on_classpath.value
                        ),
                    )
                    .primary(requested.span, "version requested here")
                    .about_coordinate(cx, None, &plugin.classpath)
                    .secondary(entry.span, "classpath entry here")
                    .note("the classpath copy is the one that runs, and Gradle can reject the request and fail the build")
                    .help(format!(
                        "declare `{}` once: remove the classpath entry, or the version of this `plugins {{}}` line",
                        plugin.id
                    )),
                );
            }
        }
    }
}

/// The version a `plugins {}` statement asks for, when it is known.
fn requested_version(
    project: &Project,
    scope: &Scope,
    build: &BuildFile,
    p: &crate::parse::gradle::PluginUse,
) -> Option<Located<String>> {
    if let Some(v) = &p.version {
        return match scope.resolve(v, build.file) {
            Resolved::Known(l) => Some(l),
            _ => None,
        };
    }
    let (PluginSyntax::Alias, Value::Ref(r)) = (&p.syntax, &p.id.value) else { return None };
    let (file, plugin) = project.catalogs().plugin(r)?;
    let v = plugin.version.as_ref()?;
    Some(Located::new(v.value.clone(), Span::new(file, v.range)))
}
