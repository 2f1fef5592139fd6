//! PL4xx: vendor Gradle plugins (applied, on the classpath), their config files
//! (`google-services.json`, `agconnect-services.json`, `mcs-services.json`) and the vendor Maven
//! repositories, checked where Gradle looks for each. Shared here: plugin lookup and DSL snippets.

mod config_file_missing;
pub(crate) use config_file_missing::config_for;
mod config_package_mismatch;
mod plugin_classpath_missing;
mod plugin_classpath_unused;
mod plugin_module_mismatch;
mod plugin_version_mismatch;
mod vendor_plugin_missing;
mod vendor_repository_missing;

use super::Rule;
use crate::catalog::Catalog;
use crate::catalog::gradle::PluginFacts;
use crate::parse::gradle::{Dsl, PluginSyntax, PluginUse, Value};
use crate::project::deps::resolve_classpath;
use crate::project::resolve::Scope;
use crate::project::{BuildFile, Project, any_unknown_script};
use crate::span::Span;

pub static RULES: &[&Rule] = &[
    &vendor_plugin_missing::VENDOR_PLUGIN_MISSING,
    &plugin_classpath_missing::PLUGIN_CLASSPATH_MISSING,
    &plugin_classpath_unused::PLUGIN_CLASSPATH_UNUSED,
    &config_file_missing::CONFIG_FILE_MISSING,
    &config_package_mismatch::CONFIG_PACKAGE_MISMATCH,
    &vendor_repository_missing::VENDOR_REPOSITORY_MISSING,
    &plugin_version_mismatch::PLUGIN_VERSION_MISMATCH,
    &plugin_module_mismatch::PLUGIN_MODULE_MISMATCH,
];

/// Every plugin the catalog knows, with the display name of its vendor (if any).
pub(crate) fn catalog_plugins(catalog: &Catalog) -> Vec<(&PluginFacts, &str)> {
    let mut out: Vec<(&PluginFacts, &str)> = Vec::new();
    for v in &catalog.vendors {
        out.extend(v.gradle.plugins.iter().map(|p| (p, v.display.as_str())));
    }
    out.extend(catalog.families.plugin.iter().map(|p| (p, "")));
    out
}

/// How a note names the SDK that reads `plugin`'s config file in `view`: the route when an
/// aggregator carries the plugin's vendor (`Huawei via JPush 5.6.0`), else `the Huawei SDK`.
pub(crate) fn sdk_subject(
    cx: &super::Ctx,
    view: &super::VariantView,
    plugin: &PluginFacts,
    display: &str,
) -> String {
    let owner = cx.catalog.vendors.iter().find(|v| v.gradle.plugins.iter().any(|p| std::ptr::eq(p, plugin)));
    match owner.and_then(|v| view.integration(&v.id).filter(|i| !i.via.is_empty()).map(|i| (v, i))) {
        Some((v, i)) => i.name(&v.display),
        None if display.is_empty() => "the vendor SDK".to_string(),
        None => format!("the {display} SDK"),
    }
}

/// Where the app does by hand what `plugin` would do (`PluginFacts::instead`): a string resource
/// the plugin would generate, defined in a source set of the variant (or of a library it merges),
/// or an import showing the SDK is given its options in code. None when it does not.
pub(crate) fn done_instead(cx: &super::Ctx, view: &super::VariantView, plugin: &PluginFacts) -> Option<Span> {
    let instead = plugin.instead.as_ref()?;
    let in_variant =
        |m: usize, set: &str| m != view.module || view.variant.source_sets.iter().any(|s| s == set);
    let modules = crate::project::merge::merged_modules(cx.project, view.module);
    let resource = || {
        let mut spans = Vec::new();
        for name in &instead.string_resources {
            let found = modules.iter().find_map(|&m| {
                cx.project.modules[m]
                    .string_resources
                    .iter()
                    .find(|r| r.name == *name && in_variant(m, &r.source_set))
                    .map(|r| r.span)
            });
            spans.push(found?);
        }
        spans.first().copied()
    };
    let import = || {
        modules.iter().find_map(|&m| {
            cx.project.modules[m].sources.iter().filter(|s| in_variant(m, &s.source_set)).find_map(|s| {
                s.summary
                    .imports
                    .iter()
                    .find(|i| instead.imports.contains(&i.value))
                    .map(|i| Span::new(s.file, i.range))
            })
        })
    };
    (!instead.string_resources.is_empty()).then(resource).flatten().or_else(import)
}

/// The plugin id a `plugins {}` / `apply` statement names: a literal, or a version-catalog alias.
/// None when it cannot be known.
pub(crate) fn plugin_id(project: &Project, p: &PluginUse) -> Option<String> {
    match (&p.syntax, &p.id.value) {
        (PluginSyntax::Alias, Value::Ref(r)) => project.catalogs().plugin_id(r),
        (_, v) => v.literal(),
    }
}

/// Whether a plugin statement asks for a version (so it resolves the plugin by itself).
fn has_version(project: &Project, p: &PluginUse) -> bool {
    if p.version.is_some() {
        return true;
    }
    match (&p.syntax, &p.id.value) {
        (PluginSyntax::Alias, Value::Ref(r)) => {
            project.catalogs().plugin(r).is_some_and(|(_, c)| c.version.is_some() || c.version_ref.is_some())
        }
        _ => false,
    }
}

/// Three-valued answer for facts read statically.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Seen {
    Yes,
    No,
    Unknown,
}

/// Whether `module` applies plugin `id`, with the statement when it does.
pub(crate) fn applied(project: &Project, module: usize, id: &str) -> (Seen, Option<Span>) {
    let Some(build) = project.modules.get(module).and_then(|m| m.build.as_ref()) else {
        return (Seen::Unknown, None);
    };
    // A script the module applies but pushlint cannot read may apply the plugin.
    let mut unknown = project.modules.get(module).is_some_and(|m| any_unknown_script(&m.unread_applied));
    // The module's own statements, then those of the convention plugins it applies.
    let conventions = crate::project::deps::convention_scopes(project, module);
    let scripts = std::iter::once(build).chain(conventions.iter().map(|(b, _)| *b));
    for b in scripts {
        for p in b.script.plugins.iter().filter(|p| p.apply) {
            match plugin_id(project, p) {
                // Under a condition (`if (taskNames.contains("Hms"))`, `if (file(…).exists())`)
                // it may or may not be applied to a given build.
                Some(x) if x == id => {
                    let seen = if p.conditional { Seen::Unknown } else { Seen::Yes };
                    return (seen, Some(Span::new(b.file, p.range)));
                }
                Some(x) => unknown |= project.unread_conventions.contains(&x),
                None => unknown = true,
            }
        }
    }
    (if unknown { Seen::Unknown } else { Seen::No }, None)
}

/// The statement applying the Android plugin in a module (where vendor plugins go next to).
pub(crate) fn android_plugin_span(project: &Project, module: usize) -> Option<Span> {
    let build = project.modules.get(module)?.build.as_ref()?;
    let conventions = crate::project::deps::convention_scopes(project, module);
    std::iter::once(build).chain(conventions.iter().map(|(b, _)| *b)).find_map(|b| {
        b.script
            .plugins
            .iter()
            .find(|p| {
                p.apply
                    && plugin_id(project, p)
                        .is_some_and(|id| id == "com.android.application" || id == "com.android.library")
            })
            .map(|p| Span::new(b.file, p.range))
    })
}

/// Whether plugin `plugin` can be resolved for `module`: its classpath coordinate on the root or
/// module buildscript classpath, or a versioned `plugins {}` declaration in the root build file,
/// the settings file (`pluginManagement`) or the module itself. Unknown when a classpath entry does
/// not resolve or the settings map plugins by hand (`resolutionStrategy`, `includeBuild`).
pub(crate) fn resolvable(project: &Project, module: usize, plugin: &PluginFacts) -> Seen {
    let mut unknown = false;
    let mut scripts: Vec<(Scope, &BuildFile)> = Vec::new();
    if let Some(b) = &project.root_build {
        scripts.push((Scope::for_root(project), b));
    }
    // Scripts the root applies (`apply from: 'deps.gradle', to: buildscript`) add to its classpath.
    scripts.extend(project.root_applied.iter().map(|a| (Scope::for_root(project), &a.build)));
    unknown |= any_unknown_script(&project.root_unread_applied);
    if let Some(m) = project.modules.get(module) {
        unknown |= any_unknown_script(&m.unread_applied);
    }
    if let Some(b) = project.modules.get(module).and_then(|m| m.build.as_ref()) {
        scripts.push((Scope::for_module(project, module), b));
    }
    for (scope, build) in &scripts {
        let (entries, unresolved) = resolve_classpath(project, scope, build, module);
        if entries.iter().any(|d| d.coordinate() == plugin.classpath) {
            return Seen::Yes;
        }
        unknown |= unresolved;
    }
    let with_settings = scripts.iter().map(|(_, b)| *b).chain(project.settings.iter());
    for build in with_settings {
        for p in &build.script.plugins {
            match plugin_id(project, p) {
                Some(id) if id == plugin.id && has_version(project, p) => return Seen::Yes,
                Some(_) => {}
                None => unknown = true,
            }
        }
    }
    if let Some(s) = &project.settings {
        let text = &project.files.get(s.file).text;
        // Hand-written plugin resolution (`eachPlugin { useModule(…) }`) or an included plugin build.
        if text.contains("resolutionStrategy") || text.contains("includeBuild") {
            unknown = true;
        }
    }
    if unknown { Seen::Unknown } else { Seen::No }
}

/// How to apply `id` in `module`, in that build file's own style: the line and where it goes.
pub(crate) fn apply_snippet(project: &Project, module: usize, id: &str) -> (String, String) {
    let Some(build) = project.modules.get(module).and_then(|m| m.build.as_ref()) else {
        return (format!("`apply plugin: '{id}'`"), "the app module's build file".to_string());
    };
    let file = &project.files.get(build.file).rel;
    let block = build
        .script
        .plugins
        .iter()
        .any(|p| p.apply && matches!(p.syntax, PluginSyntax::PluginsBlock | PluginSyntax::Alias));
    let code = match (build.script.dsl, block) {
        (Dsl::Kotlin, true) => format!("`id(\"{id}\")`"),
        (Dsl::Kotlin, false) => format!("`apply(plugin = \"{id}\")`"),
        (Dsl::Groovy, true) => format!("`id '{id}'`"),
        (Dsl::Groovy, false) => format!("`apply plugin: '{id}'`"),
    };
    let place = if block { format!("the `plugins {{ }}` block of `{file}`") } else { format!("`{file}`") };
    (code, place)
}

/// How to make `plugin` resolvable at the root, in the root build file's own style: a buildscript
/// classpath entry when the root uses `buildscript`, else a `plugins {}` declaration with `apply false`.
pub(crate) fn root_snippet(project: &Project, plugin: &PluginFacts) -> String {
    let version = if plugin.version.is_empty() { "VERSION" } else { plugin.version.as_str() };
    let Some(root) = &project.root_build else {
        return format!(
            "`classpath '{}:{version}'` to the root `buildscript {{ dependencies {{ }} }}`",
            plugin.classpath
        );
    };
    let file = &project.files.get(root.file).rel;
    let buildscript = !root.script.classpath.is_empty();
    match (root.script.dsl, buildscript) {
        (Dsl::Kotlin, true) => format!(
            "`classpath(\"{}:{version}\")` to `buildscript {{ dependencies {{ }} }}` in `{file}`",
            plugin.classpath
        ),
        (Dsl::Groovy, true) => format!(
            "`classpath '{}:{version}'` to `buildscript {{ dependencies {{ }} }}` in `{file}`",
            plugin.classpath
        ),
        (Dsl::Kotlin, false) => {
            format!(
                "`id(\"{}\") version \"{version}\" apply false` to the `plugins {{ }}` block of `{file}`",
                plugin.id
            )
        }
        (Dsl::Groovy, false) => {
            format!(
                "`id '{}' version '{version}' apply false` to the `plugins {{ }}` block of `{file}`",
                plugin.id
            )
        }
    }
}
