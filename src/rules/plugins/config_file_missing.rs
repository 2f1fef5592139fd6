//! PL404: a vendor plugin applied in an app module without the config file it reads.
use super::{Seen, applied, catalog_plugins};
use crate::catalog::gradle::ConfigFileFacts;
use crate::diagnostics::Diagnostic;
use crate::project::JsonFile;
use crate::project::variants::{Variant, capitalize};
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use crate::span::Span;

declare_rule! {
    /// ## What it checks
    /// The app module applies a vendor plugin that reads a config file (`google-services.json` for
    /// `com.google.gms.google-services`, `agconnect-services.json` for `com.huawei.agconnect`,
    /// `mcs-services.json` for `com.hihonor.mcs.asplugin`), and a variant finds no copy of it where
    /// the plugin looks: the module folder, and for google-services also `src/<flavor>/`,
    /// `src/<buildType>/`, `src/<variant>/`, the nested `src/<flavor>/<buildType>/` forms and
    /// `src/<set>/google-services/` (plugin 5.0). A build file that sets the google-services
    /// plugin's `missingGoogleServicesStrategy`, or disables its `GoogleServicesTask`s, lets
    /// variants build without the file: it is not checked. Neither is a file that a `.gitignore`
    /// pattern names (not only a folder holding it, such as `release/`) where the plugin would
    /// read it: it is supplied where the app is built (a CI secret), not forgotten. Nor a plugin
    /// applied under a condition (`if (file('google-services.json').exists())`).
    ///
    /// ## Why it matters
    /// The google-services plugin fails the build ("File google-services.json is missing"); the
    /// others leave the SDK without its app id, so no token is registered.
    ///
    /// ## Example
    /// `app/build.gradle` applies `com.google.gms.google-services`, and there is no
    /// `app/google-services.json`.
    ///
    /// ## How to fix
    /// Download the config file for the app's package from the vendor console and put it in the app
    /// module folder (or the variant's source-set folder).
    pub(crate) CONFIG_FILE_MISSING {
        code: "PL404",
        name: "config-file-missing",
        family: Family::Plugins,
        severity: Severity::Error,
        check,
    }
}

/// The copy of `name` a variant uses: when the plugin reads per-variant copies, the folders it
/// searches, most specific first; then the module folder.
pub(crate) fn config_for<'a>(
    files: &'a [JsonFile],
    cfg: &ConfigFileFacts,
    variant: &Variant,
) -> Option<&'a JsonFile> {
    if cfg.per_variant {
        return config_for_known_order(files, cfg, variant);
    }
    let named = || files.iter().filter(move |f| f.name == cfg.name);
    if let Some(root) = named().find(|f| f.source_set.is_none()) {
        return Some(root);
    }
    config_candidates(files, cfg, variant).into_iter().next()
}

/// Every copy a variant may use: the one `config_for` picks, and for a plugin whose search order
/// is not documented (`source_set_copies`), each copy in one of the variant's source sets.
pub(crate) fn config_candidates<'a>(
    files: &'a [JsonFile],
    cfg: &ConfigFileFacts,
    variant: &Variant,
) -> Vec<&'a JsonFile> {
    let named = || files.iter().filter(move |f| f.name == cfg.name);
    let mut out: Vec<&JsonFile> = Vec::new();
    if cfg.per_variant {
        out.extend(config_for_known_order(files, cfg, variant));
        return out;
    }
    out.extend(named().find(|f| f.source_set.is_none()));
    if cfg.source_set_copies {
        for set in &variant.source_sets {
            out.extend(named().filter(|f| f.source_set.as_deref() == Some(set.as_str())));
        }
    }
    out
}

/// `config_for` for a plugin whose search order is known.
fn config_for_known_order<'a>(
    files: &'a [JsonFile],
    cfg: &ConfigFileFacts,
    variant: &Variant,
) -> Option<&'a JsonFile> {
    let named = || files.iter().filter(move |f| f.name == cfg.name);
    for folder in variant_folders(variant, cfg.set_folder.as_deref()) {
        if let Some(f) = named().find(|f| f.source_set.as_deref() == Some(folder.as_str())) {
            return Some(f);
        }
    }
    named().find(|f| f.source_set.is_none())
}

/// The folders under `src/` a per-variant plugin reads a variant's copy from, most specific (most
/// nested) first, as the google-services plugin's 4.x releases list them (vendors.md §4.1); then
/// `src/<set>/<set_folder>/`, most specific source set first.
fn variant_folders(variant: &Variant, set_folder: Option<&str>) -> Vec<String> {
    let bt = variant.build_type.as_str();
    let flavor: String = variant
        .flavors
        .iter()
        .enumerate()
        .map(|(i, f)| if i == 0 { f.clone() } else { capitalize(f) })
        .collect();
    let mut folders: Vec<String> = Vec::new();
    // `[""]` stands for `src/` itself; other empty parts mean the folder does not apply.
    let mut add = |parts: &[&str]| {
        if parts == [""] || parts.iter().all(|p| !p.is_empty()) {
            let folder = parts.join("/");
            if !folders.contains(&folder) {
                folders.push(folder);
            }
        }
    };
    add(&[&flavor, bt]);
    add(&[bt, &flavor]);
    if !flavor.is_empty() {
        add(&[&flavor]);
    }
    add(&[bt]);
    // Without flavors the plugin's `src/$flavorName` is `src/` itself, read after `src/<buildType>`
    // (which it also reaches as `src//<buildType>`).
    if flavor.is_empty() {
        add(&[""]);
    }
    add(&[&format!("{flavor}{}", capitalize(bt))]);
    let mut path: Vec<&str> = Vec::new();
    for f in &variant.flavors {
        path.push(f);
        add(&path);
        add(&[path.as_slice(), &[bt]].concat());
        let last = format!("{}{}", f, capitalize(bt));
        add(&[&path[..path.len() - 1], &[last.as_str()]].concat());
    }
    // A stable sort: equally nested folders keep the plugin's order.
    folders.sort_by_key(|f| std::cmp::Reverse(f.matches('/').count()));
    if let Some(sub) = set_folder {
        folders.extend(variant.source_sets.iter().map(|s| format!("{s}/{sub}")));
    }
    folders
}

/// Whether the module's build file names a setting that lets variants build without the file.
/// Matched as text, so a mention in a comment also silences the rule: it says less, not wrong.
fn made_optional(cx: &Ctx, module: &crate::project::Module, cfg: &ConfigFileFacts) -> bool {
    let Some(build) = &module.build else { return false };
    let text = &cx.project.files.get(build.file).text;
    cfg.optional_with.iter().any(|setting| text.contains(setting.as_str()))
}

/// Whether `.gitignore` keeps a copy the variant would read out of the repository: such files
/// are supplied where the app is built (CI secrets), so their absence here is by design.
fn kept_out_of_git(
    cx: &Ctx,
    module: &crate::project::Module,
    cfg: &ConfigFileFacts,
    variant: &Variant,
) -> bool {
    let ignored = |p: std::path::PathBuf| cx.project.git_ignores.ignores(&p);
    if ignored(module.dir.join(&cfg.name)) {
        return true;
    }
    let folders = if cfg.per_variant || cfg.source_set_copies {
        let mut f = variant_folders(variant, cfg.set_folder.as_deref());
        f.extend(variant.source_sets.iter().cloned());
        f
    } else {
        Vec::new()
    };
    folders.into_iter().any(|f| ignored(module.dir.join("src").join(f).join(&cfg.name)))
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let Some(module) = cx.project.modules.get(view.module) else { return };
        for (plugin, _) in catalog_plugins(cx.catalog) {
            let Some(cfg) = &plugin.config_file else { continue };
            let (Seen::Yes, Some(span)) = applied(cx.project, view.module, &plugin.id) else { continue };
            if config_for(&module.json_files, cfg, view.variant).is_some()
                || made_optional(cx, module, cfg)
                || kept_out_of_git(cx, module, cfg, view.variant)
            {
                continue;
            }
            let dir = if module.dir_rel.is_empty() { String::new() } else { format!("{}/", module.dir_rel) };
            let whom = view.variant.app_id().map(|id| format!(" for `{id}`")).unwrap_or_default();
            let place = if cfg.per_variant || cfg.source_set_copies {
                format!("`{dir}` (or a variant's `{dir}src/<variant>/` folder)")
            } else {
                format!("`{dir}`")
            };
            let mut d = Diagnostic::new(&CONFIG_FILE_MISSING, format!("`{}{}` is missing", dir, cfg.name))
                .primary(span, format!("`{}` reads `{}`", plugin.id, cfg.name));
            // A copy in a folder the plugin does not read for this variant (`src/main/`, another flavor's).
            for other in module.json_files.iter().filter(|f| f.name == cfg.name) {
                d = d.secondary(Span::whole_file(other.file), "this copy is not read for this variant");
            }
            let d = d.about_coordinate(cx, Some(view), &plugin.classpath);
            out.push(
                d.note(format!("without `{}` the build fails or the SDK starts without its app id, so no push token is registered", cfg.name))
                    .help(format!("download `{}`{whom} from the vendor console and put it in {place}", cfg.name)),
            );
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::project::Resolved;

    fn variant(flavors: &[&str], build_type: &str) -> Variant {
        Variant {
            name: String::new(),
            flavors: flavors.iter().map(|f| f.to_string()).collect(),
            build_type: build_type.into(),
            application_id: Resolved::Absent,
            namespace: Resolved::Absent,
            min_sdk: Resolved::Absent,
            target_sdk: Resolved::Absent,
            placeholders: Vec::new(),
            source_sets: vec!["main".into()],
        }
    }

    #[test]
    fn folders_follow_the_google_services_plugin() {
        assert_eq!(
            variant_folders(&variant(&["china"], "release"), Some("google-services")),
            ["china/release", "release/china", "china", "release", "chinaRelease", "main/google-services"]
        );
        assert_eq!(
            variant_folders(&variant(&["china", "paid"], "release"), Some("google-services")),
            [
                "china/paid/release",
                "chinaPaid/release",
                "release/chinaPaid",
                "china/release",
                "china/paid",
                "china/paidRelease",
                "chinaPaid",
                "release",
                "chinaPaidRelease",
                "china",
                "chinaRelease",
                "main/google-services",
            ]
        );
        // No flavors: the plugin also tries `src/` and `src/Release`, as it joins an empty flavor
        // name and capitalises the build type.
        assert_eq!(
            variant_folders(&variant(&[], "debug"), Some("google-services")),
            ["debug", "", "Debug", "main/google-services"]
        );
    }
}
