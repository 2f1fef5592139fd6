//! PL404: a vendor plugin applied in an app module without the config file it reads.
use super::{Seen, applied, catalog_plugins};
use crate::diagnostics::Diagnostic;
use crate::project::JsonFile;
use crate::project::variants::Variant;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// The app module applies a vendor plugin that reads a config file (`google-services.json` for
    /// `com.google.gms.google-services`, `agconnect-services.json` for `com.huawei.agconnect`,
    /// `mcs-services.json` for `com.hihonor.mcs.asplugin`), and a variant finds no copy of it where
    /// the plugin looks: the module folder, and for google-services also `src/<flavor>/`,
    /// `src/<buildType>/` and `src/<variant>/`.
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

/// The copy of `name` a variant uses: the most specific source-set folder first (when the plugin
/// reads per-variant copies), then the module folder.
pub(crate) fn config_for<'a>(
    files: &'a [JsonFile],
    name: &str,
    per_variant: bool,
    variant: &Variant,
) -> Option<&'a JsonFile> {
    let named = || files.iter().filter(move |f| f.name == name);
    if per_variant {
        for set in &variant.source_sets {
            if let Some(f) = named().find(|f| f.source_set.as_deref() == Some(set.as_str())) {
                return Some(f);
            }
        }
    }
    named().find(|f| f.source_set.is_none())
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let Some(module) = cx.project.modules.get(view.module) else { return };
        for (plugin, _) in catalog_plugins(cx.catalog) {
            let Some(cfg) = &plugin.config_file else { continue };
            let (Seen::Yes, Some(span)) = applied(cx.project, view.module, &plugin.id) else { continue };
            if config_for(&module.json_files, &cfg.name, cfg.per_variant, view.variant).is_some() {
                continue;
            }
            let dir = if module.dir_rel.is_empty() { String::new() } else { format!("{}/", module.dir_rel) };
            let whom = view.variant.app_id().map(|id| format!(" for `{id}`")).unwrap_or_default();
            let place = if cfg.per_variant {
                format!("`{dir}` (or a variant's `{dir}src/<variant>/` folder)")
            } else {
                format!("`{dir}`")
            };
            out.push(
                Diagnostic::new(&CONFIG_FILE_MISSING, format!("`{}{}` is missing", dir, cfg.name))
                    .primary(span, format!("`{}` reads `{}`", plugin.id, cfg.name))
                    .note(format!("without `{}` the build fails or the SDK starts without its app id, so no push token is registered", cfg.name))
                    .help(format!("download `{}`{whom} from the vendor console and put it in {place}", cfg.name)),
            );
        }
    });
}
