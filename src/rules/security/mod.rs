//! PL6xx: secrets that must not be in an app repository. Shared here: every secret value the
//! project holds (code constants, timpush-configs.json, vendor JSON, the console file, key files),
//! which `lib.rs` also masks in every output.

pub mod scan;
mod sdk_secret_key_committed;
mod server_secret_committed;

use super::Rule;
use crate::catalog::Catalog;
use crate::catalog::console::{CredentialField, SdkSecret, SecretKind};
use crate::project::{Located, Project, constants, timpush_configs};
use crate::span::Span;

pub static RULES: &[&Rule] =
    &[&server_secret_committed::SERVER_SECRET_COMMITTED, &sdk_secret_key_committed::SDK_SECRET_KEY_COMMITTED];

/// What a secret is.
#[derive(Clone, Copy, Debug)]
pub enum SecretOrigin<'a> {
    Vendor(&'a CredentialField),
    Sdk(&'a SdkSecret),
    ServiceAccount,
    /// A console-file secret the catalog does not describe (masked only).
    Unlisted,
}

/// A secret value found in the project.
#[derive(Clone, Debug)]
pub struct Secret<'a> {
    pub value: Located<String>,
    /// Where it was found, for messages: `` `XM_PUSH_APPSECRET` ``, `` `client_secret` in agconnect-services.json ``.
    pub holder: String,
    /// The span of the key or name holding it.
    pub holder_span: Span,
    pub origin: SecretOrigin<'a>,
}

impl Secret<'_> {
    /// Whether the secret must stay on a server (and is reported when committed).
    pub fn is_server(&self) -> bool {
        match self.origin {
            SecretOrigin::Vendor(f) => f.secret == SecretKind::Server,
            SecretOrigin::Sdk(_) | SecretOrigin::ServiceAccount => true,
            SecretOrigin::Unlisted => false,
        }
    }
}

/// Every non-blank secret value in the project, in file order.
pub fn secrets<'a>(project: &'a Project, catalog: &'a Catalog) -> Vec<Secret<'a>> {
    let facts = &catalog.console;
    let real = |v: &Located<String>| !facts.is_placeholder(&v.value);
    let secret_fields = || facts.fields.iter().filter(|f| f.secret != SecretKind::None);
    let mut out = Vec::new();
    for c in constants::all(project) {
        let name = c.name();
        let origin = secret_fields()
            .find(|f| f.constants.iter().any(|n| n == name))
            .map(SecretOrigin::Vendor)
            .or_else(|| {
                facts
                    .sdk_secrets
                    .iter()
                    .find(|s| s.constants.iter().any(|n| n == name))
                    .map(SecretOrigin::Sdk)
            });
        if let Some(origin) = origin {
            let value = c.value();
            if real(&value) {
                out.push(Secret { value, holder: format!("`{name}`"), holder_span: c.name_span(), origin });
            }
        }
    }
    out.extend(aliased(project, facts));
    out.extend(in_gradle_settings(project, facts));
    for module in &project.modules {
        for config in timpush_configs::of_module(module) {
            for entry in &config.entries {
                for s in &entry.settings {
                    let Some(f) = secret_fields().find(|f| f.timpush_keys.contains(&s.key.value)) else {
                        continue;
                    };
                    if real(&s.value) {
                        out.push(Secret {
                            value: s.value.clone(),
                            holder: format!("`{}` in {}", s.key.value, timpush_configs::FILE_NAME),
                            holder_span: s.key.span,
                            origin: SecretOrigin::Vendor(f),
                        });
                    }
                }
            }
        }
        for json in &module.json_files {
            let Some(root) = &json.doc.root else { continue };
            for f in secret_fields() {
                for p in f.config_files.iter().filter(|p| p.file == json.name) {
                    let Some(v) = root.pointer(&p.pointer) else { continue };
                    let Some(text) = v.as_scalar_text() else { continue };
                    let value = Located::new(text.to_string(), Span::new(json.file, v.inner_range()));
                    if real(&value) {
                        let key = p.pointer.rsplit('/').next().unwrap_or_default();
                        out.push(Secret {
                            value,
                            holder: format!("`{key}` in {}", json.name),
                            holder_span: Span::new(json.file, v.range),
                            origin: SecretOrigin::Vendor(f),
                        });
                    }
                }
            }
        }
    }
    for console in &project.consoles {
        for cert in &console.certificates {
            for key in ["appSecret", "masterSecret"] {
                let Some(value) = cert.field(key) else { continue };
                if !real(value) {
                    continue;
                }
                let origin = facts
                    .fields_of(&cert.vendor.value)
                    .find(|f| f.console.as_deref() == Some(key) && f.secret != SecretKind::None)
                    .map(SecretOrigin::Vendor)
                    .unwrap_or(SecretOrigin::Unlisted);
                out.push(Secret {
                    value: value.clone(),
                    holder: format!("`{key}` of the {}", cert.describe()),
                    holder_span: value.span,
                    origin,
                });
            }
        }
    }
    if let Some(sa) = &facts.service_account {
        for json in &project.key_files {
            let Some(root) = &json.doc.root else { continue };
            if root.get("type").and_then(|t| t.as_str()) != Some(sa.type_value.as_str()) {
                continue;
            }
            let Some(member) = root.member(&sa.key_member) else { continue };
            let Some(text) = member.value.as_str() else { continue };
            let value = Located::new(text.to_string(), Span::new(json.file, member.value.inner_range()));
            if real(&value) {
                out.push(Secret {
                    value,
                    holder: format!("`{}` in {}", sa.key_member, json.name),
                    holder_span: Span::new(json.file, member.key_range),
                    origin: SecretOrigin::ServiceAccount,
                });
            }
        }
    }
    out
}

/// A secret name (a catalog constant or console-download key) without case and separators, so
/// `XM_PUSH_APPSECRET`, `xmPushAppSecret` and `xm.push.appsecret` are one name.
fn plain(name: &str) -> String {
    name.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

/// What a constant's name says it holds, if it is one of the catalog's secrets.
fn origin_of<'a>(facts: &'a crate::catalog::console::ConsoleFacts, name: &str) -> Option<SecretOrigin<'a>> {
    facts
        .fields
        .iter()
        .filter(|f| f.secret != SecretKind::None)
        .find(|f| f.constants.iter().any(|n| n == name))
        .map(SecretOrigin::Vendor)
        .or_else(|| {
            facts.sdk_secrets.iter().find(|s| s.constants.iter().any(|n| n == name)).map(SecretOrigin::Sdk)
        })
}

/// Secret constants whose initializer names another constant (`= BASE`, `= Keys.BASE`): the
/// value is that constant's, found in the same file, else in the named class, else the only
/// constant of that name in the project.
fn aliased<'a>(project: &'a Project, facts: &'a crate::catalog::console::ConsoleFacts) -> Vec<Secret<'a>> {
    let mut out = Vec::new();
    let real = |v: &Located<String>| !facts.is_placeholder(&v.value);
    let sources = project.modules.iter().flat_map(|m| &m.sources);
    for src in sources.clone() {
        for alias in &src.summary.aliases {
            let Some(origin) = origin_of(facts, &alias.name.value) else { continue };
            let (class, name) = match alias.target.value.rsplit_once('.') {
                Some((class, name)) => (Some(class), name),
                None => (None, alias.target.value.as_str()),
            };
            let in_file = src.summary.constants.iter().find(|c| c.name.value == name && class.is_none());
            let target = match in_file {
                Some(c) => Some((src.file, c)),
                None => {
                    let named: Vec<(crate::span::FileId, &crate::parse::java::ConstField)> = sources
                        .clone()
                        .flat_map(|s| s.summary.constants.iter().map(move |c| (s.file, c)))
                        .filter(|(_, c)| c.name.value == name)
                        .filter(|(_, c)| {
                            class.is_none_or(|k| {
                                c.owner.as_deref().is_some_and(|o| o == k || o.ends_with(&format!(".{k}")))
                            })
                        })
                        .collect();
                    if let [one] = named.as_slice() { Some(*one) } else { None }
                }
            };
            let Some((file, c)) = target else { continue };
            let value = Located::new(c.value.value.clone(), Span::new(file, c.value.range));
            if c.is_string && real(&value) {
                out.push(Secret {
                    value,
                    holder: format!("`{}`", alias.name.value),
                    holder_span: Span::new(src.file, alias.name.range),
                    origin,
                });
            }
        }
    }
    out
}

/// Secrets in `gradle.properties` and in Gradle `ext`/`extra` properties, under a name the
/// catalog gives to a secret constant or console-download key.
fn in_gradle_settings<'a>(
    project: &'a Project,
    facts: &'a crate::catalog::console::ConsoleFacts,
) -> Vec<Secret<'a>> {
    let fields = || facts.fields.iter().filter(|f| f.secret != SecretKind::None);
    let origin = |name: &str| -> Option<SecretOrigin<'a>> {
        let key = plain(name);
        fields()
            .find(|f| f.constants.iter().chain(&f.timpush_keys).any(|n| plain(n) == key))
            .map(SecretOrigin::Vendor)
            .or_else(|| {
                facts
                    .sdk_secrets
                    .iter()
                    .find(|s| s.constants.iter().any(|n| plain(n) == key))
                    .map(SecretOrigin::Sdk)
            })
    };
    let mut out = Vec::new();
    let properties =
        project.properties.iter().chain(project.modules.iter().filter_map(|m| m.properties.as_ref()));
    for (file, props) in properties {
        let name = project.files.get(*file).rel.as_str();
        for (key, value) in &props.entries {
            let Some(origin) = origin(&key.value) else { continue };
            let v = Located::new(value.value.clone(), Span::new(*file, value.range));
            if !value.value.trim().is_empty() && !facts.is_placeholder(&value.value) {
                out.push(Secret {
                    value: v,
                    holder: format!("`{}` in {name}", key.value),
                    holder_span: Span::new(*file, key.range),
                    origin,
                });
            }
        }
    }
    let builds = project.root_build.iter().chain(project.modules.iter().filter_map(|m| m.build.as_ref()));
    let mut seen = std::collections::HashSet::new();
    for build in builds.filter(|b| seen.insert(b.file)) {
        let name = project.files.get(build.file).rel.as_str();
        for ext in &build.script.ext {
            let Some(origin) = origin(&ext.name.value) else { continue };
            let crate::parse::gradle::Value::Str(text) = &ext.value.value else { continue };
            if text.trim().is_empty() || facts.is_placeholder(text) {
                continue;
            }
            // The value's range covers its quotes: the secret is what lies between them.
            let inner = crate::span::TextRange::new(
                ext.value.range.start as usize + 1,
                (ext.value.range.end as usize).saturating_sub(1),
            );
            out.push(Secret {
                value: Located::new(text.clone(), Span::new(build.file, inner)),
                holder: format!("`{}` in {name}", ext.name.value),
                holder_span: Span::new(build.file, ext.name.range),
                origin,
            });
        }
    }
    out
}

/// Secret values found in the text of every project file by the lexical detector (`scan`),
/// whatever rule fires and however broken the file: what the engine masks besides `secrets`.
pub fn lexical(project: &Project) -> Vec<(crate::span::FileId, Vec<crate::span::TextRange>)> {
    let files: Vec<(crate::span::FileId, &crate::project::source::SourceFile)> =
        project.files.iter().filter(|(_, f)| !f.external).collect();
    let texts: Vec<(&str, bool)> =
        files.iter().map(|(_, f)| (f.text.as_str(), f.rel.ends_with(".properties"))).collect();
    let found = scan::scan_all(&texts);
    found.into_iter().filter_map(|(k, r)| files.get(k).map(|(id, _)| (*id, r))).collect()
}
