//! PL405: a vendor config file that names no package equal to the variant's applicationId.
use super::config_file_missing::config_candidates;
use super::{Seen, applied, catalog_plugins, sdk_subject};
use crate::diagnostics::Diagnostic;
use crate::parse::json::JsonValue;
use crate::project::JsonFile;
use crate::project::deps::variant_deps;
use crate::project::timpush_configs::shadowed_by_ignored;
use crate::rules::About;
use crate::rules::deps::matches_any;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use crate::span::Span;

declare_rule! {
    /// ## What it checks
    /// The vendor config file a variant uses (`google-services.json`, `agconnect-services.json`,
    /// `mcs-services.json`, picked as the plugin picks it) names no package equal to the variant's
    /// applicationId, suffixes included: no `client[].client_info.android_client_info.package_name`
    /// in `google-services.json`, no `client.package_name`, `app_info.package_name` or
    /// `appInfos[].package_name` in `agconnect-services.json`, no `package_name` in
    /// `mcs-services.json`. Checked when the vendor's plugin is applied or the vendor is integrated;
    /// masked (`****`) or blank package names are not compared, nor is anything when the variant
    /// would first read a copy a `.gitignore` keeps out of Git.
    ///
    /// ## Why it matters
    /// The google-services plugin fails the build ("No matching client found for package name");
    /// Huawei and Honor register the device under another app, so no token arrives for this one.
    ///
    /// ## Example
    /// A `debug` build type with `applicationIdSuffix ".debug"` and a `google-services.json` whose
    /// only client is `com.acme.chat`.
    ///
    /// ## How to fix
    /// Register the applicationId in the vendor console and download the file again, or put a
    /// variant-specific copy in `src/<variant>/`.
    pub(crate) CONFIG_PACKAGE_MISMATCH {
        code: "PL405",
        name: "config-package-mismatch",
        family: Family::Plugins,
        severity: Severity::Error,
        check,
    }
}

/// The values at a `/`-separated path where `*` steps into every item or member.
fn collect<'a>(value: &'a JsonValue, path: &[&str], out: &mut Vec<&'a JsonValue>) {
    let Some((first, rest)) = path.split_first() else {
        out.push(value);
        return;
    };
    if *first == "*" {
        for item in value.items() {
            collect(item, rest, out);
        }
        for m in value.members() {
            collect(&m.value, rest, out);
        }
    } else if let Some(v) = value.get(first) {
        collect(v, rest, out);
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let Some(module) = cx.project.modules.get(view.module) else { return };
        let Some(app_id) = view.variant.application_id.known() else { return };
        let deps = variant_deps(cx.project, view.module, view.variant);
        for (plugin, vendor) in catalog_plugins(cx.catalog) {
            let Some(cfg) = &plugin.config_file else { continue };
            if cfg.package_paths.is_empty() {
                continue;
            }
            let in_use = applied(cx.project, view.module, &plugin.id).0 == Seen::Yes
                || deps.iter().any(|d| matches_any(&plugin.required_by, d.coordinate()));
            if !in_use {
                continue;
            }
            // Where the plugin's search order is not known, one copy that matches is enough.
            // A copy kept out of Git that the variant reads first makes the committed ones moot.
            let candidates = config_candidates(&module.json_files, cfg, view.variant);
            if candidates.iter().any(|f| shadowed_by_ignored(cx.project, module, view.variant, f)) {
                continue;
            }
            let matches = |f: &&JsonFile| {
                let mut values = Vec::new();
                if let Some(root) = &f.doc.root {
                    for p in &cfg.package_paths {
                        let segs: Vec<&str> = p.split('/').filter(|s| !s.is_empty()).collect();
                        collect(root, &segs, &mut values);
                    }
                }
                values.iter().any(|v| v.as_str() == Some(app_id.value.as_str()))
            };
            if candidates.len() > 1 && candidates.iter().any(matches) {
                continue;
            }
            let Some(file) = candidates.first().copied() else {
                continue;
            };
            let Some(root) = &file.doc.root else { continue };
            let mut values = Vec::new();
            for p in &cfg.package_paths {
                let segs: Vec<&str> = p.split('/').filter(|s| !s.is_empty()).collect();
                collect(root, &segs, &mut values);
            }
            let names: Vec<(&str, &JsonValue)> = values.iter().filter_map(|v| v.as_str().map(|s| (s, *v))).collect();
            // Masked, blank or absent package names cannot be compared.
            if names.is_empty() || names.iter().any(|(s, _)| s.trim().is_empty() || s.contains('*')) {
                continue;
            }
            if names.iter().any(|(s, _)| *s == app_id.value) {
                continue;
            }
            let Some((first, first_v)) = names.first() else { continue };
            let listed: Vec<String> = names.iter().map(|(s, _)| format!("`{s}`")).collect();
            let mut d = Diagnostic::new(
                &CONFIG_PACKAGE_MISMATCH,
                format!("`{}` is for {} but the applicationId is `{}`", cfg.name, listed.join(", "), app_id.value),
            )
            .primary(Span::new(file.file, first_v.inner_range()), format!("package `{first}` named here"));
            for (s, v) in names.iter().skip(1) {
                d = d.secondary(Span::new(file.file, v.inner_range()), format!("package `{s}` named here"));
            }
            let vendor_name = if vendor.is_empty() { "vendor" } else { vendor };
            let d = d.about_coordinate(cx, Some(view), &plugin.classpath);
            out.push(
                d.secondary(app_id.span, format!("applicationId `{}` set here", app_id.value))
                    .note(format!(
                        "{} looks the app up by package name: the build fails or no token is registered for `{}`",
                        sdk_subject(cx, view, plugin, vendor),
                        app_id.value
                    ))
                    .help(format!(
                        "add `{}` to the app in the {vendor_name} console and download `{}` again",
                        app_id.value, cfg.name
                    )),
            );
        }
    });
}
