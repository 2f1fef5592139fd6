//! PL401: a vendor integration whose Gradle plugin is not applied in the app module.
use super::{
    Seen, android_plugin_span, applied, apply_snippet, catalog_plugins, done_instead, plugin_id, resolvable,
    root_snippet, sdk_subject,
};
use crate::diagnostics::{Diagnostic, Fix};
use crate::parse::gradle::{Dsl, PluginSyntax};
use crate::project::deps::{ResolvedDep, variant_deps};
use crate::rules::About;
use crate::rules::deps::matches_any;
use crate::rules::fixes::insert_line_after;
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};
use crate::span::Span;

declare_rule! {
    /// ## What it checks
    /// An app variant has an artifact that the vendor catalog says needs a Gradle plugin — FCM
    /// (`firebase-messaging`, `com.tencent.tpns:fcm`, `com.tencent.timpush:fcm`) needs
    /// `com.google.gms.google-services`, TPNS/TIMPush Huawei needs `com.huawei.agconnect`, TPNS/TIMPush
    /// Honor needs `com.hihonor.mcs.asplugin`, and an aggregator's channel needs the plugins its
    /// profile names (the JPush, Getui and RongCloud Huawei channels `com.huawei.agconnect`, the JPush
    /// and RongCloud FCM channels `com.google.gms.google-services`) — and the app module does not
    /// apply that plugin. The
    /// help says what to add in the project's own DSL, including the root classpath entry (or
    /// `plugins { … apply false }` line) when the plugin is not resolvable yet. An app that writes
    /// the plugin's result by hand is left alone: for FCM, a `google_app_id` string resource in a
    /// `res/values/` folder of the variant, or `FirebaseOptions` imported to initialise Firebase in
    /// code. Where the sources disagree the finding is a warning that says so: Tencent's guide
    /// asks TIMPush apps for the FCM, Huawei and Honor plugins, but its demo has built without
    /// them since TIMPush 8.7.7201 (the catalog's `disputed` entries).
    ///
    /// ## Why it matters
    /// The plugin turns the vendor config file into resources the SDK reads at start-up. Without it
    /// the SDK has no project credentials: it registers no token and offline pushes never arrive,
    /// while the build succeeds.
    ///
    /// ## Example
    /// `app/build.gradle` has `implementation 'com.google.firebase:firebase-messaging:19.0.1'` and
    /// no `apply plugin: 'com.google.gms.google-services'`.
    ///
    /// ## How to fix
    /// Apply the plugin in the app module, put it on the root classpath, and add its config file
    /// (`google-services.json`, …) to the app module.
    ///
    /// ## Fix
    /// Unsafe: when the plugin is already resolvable and its config file is in the module folder,
    /// applies it on the line after the module's own Android plugin statement, written the same
    /// way (`id '…'`, `id("…")`, `apply plugin: '…'`). The plugin then runs for every variant of
    /// the module, and reads the config file's credentials into the app.
    pub(crate) VENDOR_PLUGIN_MISSING {
        code: "PL401",
        name: "vendor-plugin-missing",
        family: Family::Plugins,
        severity: Severity::Error,
        check,
        fix: Some(Applicability::Unsafe),
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let deps = variant_deps(cx.project, view.module, view.variant);
        let Some(module) = cx.project.modules.get(view.module) else { return };
        for (plugin, vendor) in catalog_plugins(cx.catalog) {
            let triggers: Vec<_> =
                deps.iter().filter(|d| matches_any(&plugin.required_by, d.coordinate())).collect();
            let Some(first) = triggers.first() else { continue };
            if applied(cx.project, view.module, &plugin.id).0 != Seen::No
                || done_instead(cx, view, plugin).is_some()
            {
                continue;
            }
            let (code, place) = apply_snippet(cx.project, view.module, &plugin.id);
            let mut help = format!("add {code} to {place}");
            let resolves = resolvable(cx.project, view.module, plugin);
            if resolves == Seen::No {
                help.push_str(&format!(", and {}", root_snippet(cx.project, plugin)));
            }
            // Applied without its config file, the plugin fails the build: no fix until it is there.
            let has_config = plugin.config_file.as_ref().is_none_or(|cfg| {
                module.json_files.iter().any(|j| j.source_set.is_none() && j.name == cfg.name)
            });
            if let Some(cfg) = plugin.config_file.as_ref().filter(|_| !has_config) {
                help.push_str(&format!("; put `{}` in `{}/`", cfg.name, module.dir_rel));
            }
            let reads = match &plugin.config_file {
                Some(cfg) => format!("`{}` is never read, so ", cfg.name),
                None => String::new(),
            };
            let primary = android_plugin_span(cx.project, view.module).unwrap_or(first.coord_span);
            let mut d = Diagnostic::new(
                &VENDOR_PLUGIN_MISSING,
                format!(
                    "`{}` needs the `{}` plugin, which `{}` does not apply",
                    first.coordinate(),
                    plugin.id,
                    module.path
                ),
            )
            .primary(primary, format!("`{}` is not applied in this module", plugin.id));
            for t in &triggers {
                d = d.secondary(t.coord_span, format!("`{}` declared here", t.coordinate()));
            }
            // Only artifacts whose need the sources dispute: a warning that says why.
            let disputed = triggers.iter().all(|t| disputed_need(plugin, t).is_some());
            if !plugin.confirmed || disputed {
                d = d.severity(Severity::Warning);
            }
            if resolves == Seen::Yes && has_config {
                d = d.fix_opt(apply_line(cx, view.module, &plugin.id));
            }
            let subject = sdk_subject(cx, view, plugin, vendor);
            let d = d.about_coordinate(cx, Some(view), &plugin.classpath);
            let mut note = format!("{reads}{subject} has no project credentials and registers no push token");
            if let Some(why) = triggers.first().and_then(|t| disputed_need(plugin, t)).filter(|_| disputed) {
                note = format!("{note}; but {why}");
            }
            out.push(d.note(note).help(help));
        }
    });
}

/// The note of the `disputed` entry covering dependency `dep` at its version (an unknown or
/// dynamic version counts as covered), if one does.
fn disputed_need<'p>(plugin: &'p crate::catalog::gradle::PluginFacts, dep: &ResolvedDep) -> Option<&'p str> {
    plugin.disputed.iter().find_map(|d| {
        if !matches_any(&d.artifacts, dep.coordinate()) {
            return None;
        }
        let at_least = match dep.version.value() {
            Some(v) => crate::project::deps::compare_versions(v, &d.from).is_none_or(|o| o.is_ge()),
            None => true,
        };
        at_least.then_some(d.note.as_str())
    })
}

/// A fix applying plugin `id` on the line after the module's own Android application plugin
/// statement, in its style; None when that statement is not a plain one-line statement of the
/// module's build file (it is conditional, comes from a convention plugin, or shares its line).
fn apply_line(cx: &Ctx, module: usize, id: &str) -> Option<Fix> {
    const ANDROID: &str = "com.android.application";
    let build = cx.project.modules.get(module)?.build.as_ref()?;
    let p = build
        .script
        .plugins
        .iter()
        .find(|p| p.apply && !p.conditional && plugin_id(cx.project, p).is_some_and(|x| x == ANDROID))?;
    let stmt = cx.project.files.get(build.file).text.get(p.range.as_usize())?;
    let line = if p.version.is_none() && stmt.contains(ANDROID) {
        stmt.replacen(ANDROID, id, 1)
    } else if matches!(p.syntax, PluginSyntax::PluginsBlock | PluginSyntax::Alias) {
        match build.script.dsl {
            Dsl::Kotlin => format!("id(\"{id}\")"),
            Dsl::Groovy => format!("id '{id}'"),
        }
    } else {
        return None;
    };
    if line.contains(['\n', '\r']) {
        return None;
    }
    let edit = insert_line_after(cx, Span::new(build.file, p.range), &line)?;
    Some(Fix::unsafe_edit(format!("apply `{id}` in this module"), edit))
}
