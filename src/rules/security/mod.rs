//! PL6xx: secrets that must not be in an app repository. Shared here: every secret value the
//! project holds (code constants, timpush-configs.json, vendor JSON, the console file, key files),
//! which `lib.rs` also masks in every output.

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
