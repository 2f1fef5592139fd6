//! PL5xx: the IM console (`push-console.json`), the console download `timpush-configs.json` and
//! the ids and keys in code, placeholders and vendor JSON, against each app variant. Shared here:
//! the credentials a variant carries, and the console certificates that apply to it.

mod certificate_channel_id_mismatch;
mod certificate_channel_id_missing;
mod certificate_id_mismatch;
mod certificate_missing;
mod certificate_unused;
mod console_package_mismatch;
mod credential_value_invalid;
mod timpush_config_package_mismatch;
mod timpush_placeholder_mismatch;
mod vendor_key_mismatch;

use super::{Ctx, Rule, VariantView};
use crate::catalog::Catalog;
use crate::catalog::console::{CredentialField, SecretKind};
use crate::project::variants::Variant;
use crate::project::{Certificate, Located, Project, constants, timpush_configs};

pub static RULES: &[&Rule] = &[
    &timpush_config_package_mismatch::TIMPUSH_CONFIG_PACKAGE_MISMATCH,
    &console_package_mismatch::CONSOLE_PACKAGE_MISMATCH,
    &timpush_placeholder_mismatch::TIMPUSH_PLACEHOLDER_MISMATCH,
    &certificate_id_mismatch::CERTIFICATE_ID_MISMATCH,
    &certificate_missing::CERTIFICATE_MISSING,
    &certificate_unused::CERTIFICATE_UNUSED,
    &vendor_key_mismatch::VENDOR_KEY_MISMATCH,
    &credential_value_invalid::CREDENTIAL_VALUE_INVALID,
    &certificate_channel_id_missing::CERTIFICATE_CHANNEL_ID_MISSING,
    &certificate_channel_id_mismatch::CERTIFICATE_CHANNEL_ID_MISMATCH,
];

/// A credential a variant carries: a value the catalog maps to a vendor field, and where it is.
pub(crate) struct Credential<'a> {
    pub field: &'a CredentialField,
    pub value: Located<String>,
    /// How messages name its holder: `` `XM_PUSH_APPID` ``, `` `xiaomiPushAppId` in timpush-configs.json ``.
    pub holder: String,
    /// Read from a code constant.
    pub from_code: bool,
}

/// The credentials of a variant: code constants it compiles, its `timpush-configs.json` entry
/// (settings and `manifestPlaceholders`), its Gradle placeholders and its vendor JSON files.
/// Values Gradle cannot resolve statically are left out.
pub(crate) fn credentials<'a, 'v>(cx: &Ctx<'a>, view: &'v VariantView<'a>) -> &'v [Credential<'a>] {
    view.credentials.get_or_init(|| credentials_of(cx.project, cx.catalog, view.module, view.variant))
}

/// `credentials` of variant `variant` of app module `module`, for callers without a rule context.
pub(crate) fn credentials_of<'a>(
    project: &Project,
    catalog: &'a Catalog,
    module_index: usize,
    variant: &Variant,
) -> Vec<Credential<'a>> {
    let facts = &catalog.console;
    let Some(module) = project.modules.get(module_index) else { return Vec::new() };
    let mut out = Vec::new();
    for c in constants::for_variant(project, module_index, variant) {
        if let Some(field) = facts.field_for_constant(c.name()) {
            out.push(Credential {
                field,
                value: c.value(),
                holder: format!("`{}`", c.name()),
                from_code: true,
            });
        }
    }
    if let (Some(config), Some(app_id)) = (timpush_configs::for_variant(module, variant), variant.app_id()) {
        if let Some(entry) = config.entry(app_id) {
            for s in &entry.settings {
                if let Some(field) = facts.fields.iter().find(|f| f.timpush_keys.contains(&s.key.value)) {
                    out.push(Credential {
                        field,
                        value: s.value.clone(),
                        holder: format!("`{}` in {}", s.key.value, timpush_configs::FILE_NAME),
                        from_code: false,
                    });
                }
            }
            for s in &entry.placeholders {
                if let Some(field) = facts.fields.iter().find(|f| f.placeholders.contains(&s.key.value)) {
                    out.push(Credential {
                        field,
                        value: s.value.clone(),
                        holder: format!("`{}` in {}", s.key.value, timpush_configs::FILE_NAME),
                        from_code: false,
                    });
                }
            }
        }
    }
    for p in &variant.placeholders {
        let Some(value) = p.value.known() else { continue };
        if let Some(field) = facts.fields.iter().find(|f| f.placeholders.contains(&p.key)) {
            out.push(Credential {
                field,
                value: value.clone(),
                holder: format!("placeholder `{}`", p.key),
                from_code: false,
            });
        }
    }
    // Each vendor file is looked up once: several fields point into the same file.
    let mut files: Vec<(&str, Option<&crate::project::JsonFile>)> = Vec::new();
    for field in &facts.fields {
        for ptr in &field.config_files {
            let json = match files.iter().find(|(name, _)| *name == ptr.file) {
                Some((_, j)) => *j,
                None => {
                    let j = timpush_configs::json_for_variant(module, variant, &ptr.file)
                        .filter(|j| !timpush_configs::shadowed_by_ignored(project, module, variant, j));
                    files.push((ptr.file.as_str(), j));
                    j
                }
            };
            let Some(json) = json else {
                continue;
            };
            let Some(v) = json.doc.root.as_ref().and_then(|r| r.pointer(&ptr.pointer)) else { continue };
            let Some(text) = v.as_scalar_text() else { continue };
            let key = ptr.pointer.rsplit('/').next().unwrap_or_default();
            out.push(Credential {
                field,
                value: Located::new(text.to_string(), crate::span::Span::new(json.file, v.inner_range())),
                holder: format!("`{key}` in {}", ptr.file),
                from_code: false,
            });
        }
    }
    out
}

impl Credential<'_> {
    /// A field the console rules compare: not a secret, not an `*Abroad` id.
    pub fn is_comparable(&self) -> bool {
        !self.field.abroad && self.field.secret == SecretKind::None
    }
}

/// Whether the variant depends on a TPNS main package, which reports vendor tokens through TPNS.
pub(crate) fn routes_through_tpns(cx: &Ctx, view: &VariantView) -> bool {
    let facts = &cx.catalog.console;
    let routes = &facts.tpns_routes;
    let switched_off = constants::for_variant(cx.project, view.module, view.variant)
        .iter()
        .any(|c| facts.tpns_switches.iter().any(|s| s == c.name()) && c.field.value.value == "false");
    !switched_off
        && crate::project::merge::merged_modules(cx.project, view.module)
            .iter()
            .filter_map(|&m| cx.project.modules.get(m))
            .flat_map(|m| m.deps.iter())
            .any(|d| d.reaches(view.variant) && routes.iter().any(|r| r == d.coordinate()))
}

/// The console certificates that apply to a variant (see `click::certificates`).
/// The vendor's integration in the variant when it goes through a route the IM console serves
/// (the raw SDK or a Tencent wrapper): a vendor reached only through an aggregator (JPush, …)
/// takes its credentials from that aggregator's console, and the IM console's facts do not apply.
pub(crate) fn console_integration<'v>(
    cx: &Ctx,
    view: &'v VariantView,
    vendor: &str,
) -> Option<&'v crate::project::detect::Integration> {
    view.integration(vendor).filter(|i| served_by_console(cx, i))
}

/// Whether one of the integration's profiles is a route of the IM console (an unknown one counts).
pub(crate) fn served_by_console(cx: &Ctx, i: &crate::project::detect::Integration) -> bool {
    i.profiles.iter().any(|p| cx.catalog.profile(p).is_none_or(|p| p.console))
}

pub(crate) fn certificates<'a>(cx: &'a Ctx, view: &VariantView) -> Vec<&'a Certificate> {
    super::click::certificates(cx, view)
}

/// How messages name a vendor (`Xiaomi`), falling back to its id.
pub(crate) fn display<'a>(cx: &'a Ctx, vendor: &'a str) -> &'a str {
    let family = || cx.catalog.families.family.iter().find(|f| f.id == vendor).map(|f| f.display.as_str());
    cx.catalog.vendor(vendor).map(|v| v.display.as_str()).or_else(family).unwrap_or(vendor)
}

/// Whether every checked variant of `module` that reads the value at `span` and expects one
/// (`expected_for` says which: None when it does not read it or expects nothing) expects
/// `value`: a fix writing `value` there then suits them all, not only the variant it was found for.
pub(crate) fn expected_by_all<'a>(
    cx: &Ctx<'a>,
    module: usize,
    value: &str,
    expected_for: impl Fn(&VariantView<'a>) -> Option<String>,
) -> bool {
    cx.views.iter().filter(|v| v.module == module).filter_map(expected_for).all(|e| same_value(&e, value))
}

/// An edit writing `new` over a literal at `span` that holds `old` as written (bare, as in
/// Java, Kotlin and `gradle.properties`, or between quotes, as in Gradle and JSON), keeping its
/// quotes; None when the literal has escapes or `new` is not plain (letters, digits, `._-`).
pub(crate) fn replace_literal(
    cx: &Ctx,
    span: crate::span::Span,
    old: &str,
    new: &str,
) -> Option<crate::fix::Edit> {
    if new.is_empty() || !new.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')) {
        return None;
    }
    let raw = cx.project.files.get(span.file).text.get(span.range.as_usize())?;
    if raw == old {
        return Some(crate::fix::Edit::replace(span, new));
    }
    let quote = raw.chars().next().filter(|q| matches!(q, '"' | '\''))?;
    let inner = raw.strip_prefix(quote)?.strip_suffix(quote)?;
    (inner == old).then(|| crate::fix::Edit::replace(span, format!("{quote}{new}{quote}")))
}

/// Ids compare as numbers when both are numbers (`40002` = `40002.0` is not assumed; leading
/// zeros and surrounding blanks are ignored), else as trimmed text.
pub(crate) fn same_value(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    match (a.parse::<u64>(), b.parse::<u64>()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}
