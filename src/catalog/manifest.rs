//! Catalog section `[manifest]` of a vendor file (components, permissions, meta-data and the
//! placeholders feeding them) and of a profile file (what a profile's dependency supplies, demo
//! packages and placeholder class names). Shapes are checked when the file is deserialized, so a
//! malformed entry is an error naming its own line.

use serde::Deserialize;
use toml::Spanned;

/// The `[manifest]` section of a vendor file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManifestFacts {
    /// `<activity>`, `<service>`, `<receiver>` and `<provider>` entries the vendor's SDK needs.
    #[serde(default)]
    pub components: Vec<ComponentReq>,
    /// Permissions the integration uses or declares.
    #[serde(default)]
    pub permissions: Vec<PermissionReq>,
    /// `<meta-data>` under `<application>` the vendor's SDK reads.
    #[serde(default)]
    pub meta_data: Vec<MetaDataReq>,
    /// Packages of the vendor's own system apps, whose permissions (`com.xiaomi.xmsf.permission.…`)
    /// the app uses or guards with as they are: never the app's own package written wrongly.
    #[serde(default)]
    pub system_packages: Vec<String>,
}

impl ManifestFacts {
    /// Whether `package` is (inside) one of the vendor's system packages.
    pub fn is_system_package(&self, package: &str) -> bool {
        self.system_packages
            .iter()
            .any(|p| package == p || package.strip_prefix(p.as_str()).is_some_and(|r| r.starts_with('.')))
    }
}

/// The manifest element a component is declared with.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ElementKind {
    Activity,
    Service,
    Receiver,
    Provider,
}

impl ElementKind {
    pub fn tag(self) -> &'static str {
        match self {
            ElementKind::Activity => "activity",
            ElementKind::Service => "service",
            ElementKind::Receiver => "receiver",
            ElementKind::Provider => "provider",
        }
    }
}

/// One `<intent-filter>` a component needs.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilterReq {
    /// Actions that must be listed (each in some filter without `<data>`).
    #[serde(default)]
    pub actions: Vec<String>,
    /// Actions the vendor lists for old systems only: they identify the component but are not demanded.
    #[serde(default)]
    pub optional_actions: Vec<String>,
    /// Categories the vendor's intent carries, so the filter holding the actions must list them;
    /// `${applicationId}` stands for the variant's applicationId.
    #[serde(default)]
    pub categories: Vec<String>,
}

/// A component the vendor's SDK needs in the merged manifest.
#[derive(Clone, Debug, Deserialize)]
#[serde(try_from = "ComponentReqRaw")]
pub struct ComponentReq {
    pub kind: ElementKind,
    /// The exact class, for components the SDK ships.
    pub class: Option<String>,
    /// The SDK base class the app's own class extends.
    pub subclass_of: Option<String>,
    pub filters: Vec<FilterReq>,
    /// What `android:exported` must be (None: the catalog says nothing).
    pub exported: Option<Exported>,
    /// The `exported = true` requirement comes from the vendor's own documentation or SDK and
    /// another value breaks push (true), or it is probable but not shown (false: findings are
    /// warnings).
    pub exported_confirmed: bool,
    /// The `android:permission` guard it must carry (`${applicationId}` allowed).
    pub permission: Option<String>,
    /// The `android:process` it must run in.
    pub process: Option<String>,
    /// Whether a missing declaration is reported (false: only checked when declared).
    pub required: bool,
    /// Only when the vendor is integrated through one of these artifacts or archive patterns.
    pub with_artifacts: Vec<Spanned<String>>,
    /// Profiles whose dependency supplies it; None: as each profile's `[supplies]` says.
    pub supplied_by: Option<Vec<Spanned<String>>>,
    pub source: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ComponentReqRaw {
    kind: ElementKind,
    #[serde(default)]
    class: Option<String>,
    #[serde(default)]
    subclass_of: Option<String>,
    #[serde(default)]
    filters: Vec<FilterReq>,
    #[serde(default)]
    exported: Option<ExportedRaw>,
    #[serde(default = "yes")]
    exported_confirmed: bool,
    #[serde(default)]
    permission: Option<String>,
    #[serde(default)]
    process: Option<String>,
    #[serde(default = "yes")]
    required: bool,
    #[serde(default)]
    with_artifacts: Vec<Spanned<String>>,
    #[serde(default)]
    supplied_by: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    source: String,
}

fn yes() -> bool {
    true
}

/// What a component's `android:exported` must be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exported {
    /// The vendor's process starts or binds it from another app: it must be exported.
    Required,
    /// It is reached from inside the app: it need not be exported (exported, it needs a guard).
    Private,
    /// The vendor's own sources and widely used SDKs differ and both work: nothing is demanded.
    Either,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum ExportedRaw {
    Bool(bool),
    Text(String),
}

impl TryFrom<ComponentReqRaw> for ComponentReq {
    type Error = String;
    fn try_from(r: ComponentReqRaw) -> Result<Self, String> {
        if r.class.is_some() && r.subclass_of.is_some() {
            return Err("a component names either `class` or `subclass_of`, not both".into());
        }
        let identifying = r.filters.iter().any(|f| !f.actions.is_empty() || !f.optional_actions.is_empty());
        if r.class.is_none() && !identifying {
            return Err("a component without `class` needs `filters` with actions to be recognised".into());
        }
        for name in r.class.iter().chain(&r.subclass_of) {
            if !is_class_name(name) {
                return Err(format!("`{name}` is not a fully qualified class name"));
            }
        }
        if let Some(p) = &r.process {
            let valid = (p.starts_with(':') && p.len() > 1) || p.contains('.');
            if !valid {
                return Err(format!("process `{p}` is neither `:name` nor a package-like name"));
            }
        }
        for f in &r.filters {
            for a in f.actions.iter().chain(&f.optional_actions) {
                if a.trim().is_empty() || a.contains(char::is_whitespace) {
                    return Err(format!("action `{a}` is not a valid action name"));
                }
            }
        }
        Ok(ComponentReq {
            kind: r.kind,
            class: r.class,
            subclass_of: r.subclass_of,
            filters: r.filters,
            exported: match r.exported {
                None => None,
                Some(ExportedRaw::Bool(true)) => Some(Exported::Required),
                Some(ExportedRaw::Bool(false)) => Some(Exported::Private),
                Some(ExportedRaw::Text(t)) if t == "either" => Some(Exported::Either),
                Some(ExportedRaw::Text(t)) => {
                    return Err(format!("`exported = \"{t}\"` is none of true, false, \"either\""));
                }
            },
            exported_confirmed: r.exported_confirmed,
            permission: r.permission,
            process: r.process,
            required: r.required,
            with_artifacts: r.with_artifacts,
            supplied_by: r.supplied_by,
            source: r.source,
        })
    }
}

impl ComponentReq {
    /// Every action that identifies the component (demanded or not).
    pub fn identifying_actions(&self) -> impl Iterator<Item = &str> {
        self.filters.iter().flat_map(|f| f.actions.iter().chain(&f.optional_actions)).map(String::as_str)
    }

    /// How messages name it: "`<service>` `com.x.Y`", "`<receiver>` subclass of `com.x.Base`".
    pub fn describe(&self) -> String {
        match (&self.class, &self.subclass_of) {
            (Some(c), _) => format!("`<{}>` `{c}`", self.kind.tag()),
            (None, Some(base)) => format!("`<{}>` subclass of `{base}`", self.kind.tag()),
            (None, None) => {
                let action = self.identifying_actions().next().unwrap_or("");
                format!("`<{}>` handling `{action}`", self.kind.tag())
            }
        }
    }

    /// A declaration to paste inside `<application>`; `…` stands for the app's own class.
    pub fn snippet(&self) -> String {
        let name = match (&self.class, &self.subclass_of) {
            (Some(c), _) => c.clone(),
            _ => "…".to_string(),
        };
        let mut s = format!("<{} android:name=\"{name}\"", self.kind.tag());
        if let Some(e) = self.exported {
            s.push_str(&format!(" android:exported=\"{}\"", e == Exported::Required));
        }
        if let Some(p) = &self.permission {
            s.push_str(&format!(" android:permission=\"{p}\""));
        }
        if let Some(p) = &self.process {
            s.push_str(&format!(" android:process=\"{p}\""));
        }
        if self.filters.is_empty() {
            s.push_str(" />");
            return s;
        }
        s.push('>');
        for f in &self.filters {
            s.push_str("<intent-filter>");
            for a in f.actions.iter().chain(&f.optional_actions) {
                s.push_str(&format!("<action android:name=\"{a}\" />"));
            }
            for c in &f.categories {
                s.push_str(&format!("<category android:name=\"{c}\" />"));
            }
            s.push_str("</intent-filter>");
        }
        s.push_str(&format!("</{}>", self.kind.tag()));
        s
    }
}

/// A permission of the integration: used, declared with a protection level, or both.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionReq {
    /// Exact name as the vendor spells it; `${applicationId}` stands for the variant's applicationId.
    pub name: String,
    /// The `android:protectionLevel` the `<permission>` declaring it must have (the app's own
    /// permissions); None for permissions another app defines.
    #[serde(default)]
    pub protection_level: Option<ProtectionLevel>,
    /// The vendor's own spelling differs from English (`RECIEVE`): a "corrected" name is wrong.
    #[serde(default)]
    pub vendor_spelling: bool,
    #[serde(default)]
    pub with_artifacts: Vec<Spanned<String>>,
    #[serde(default)]
    pub supplied_by: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub source: String,
}

/// A protection level a catalog may name: `normal`, `dangerous`, `signature`, `signatureOrSystem`
/// or `signature|privileged`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct ProtectionLevel(pub String);

impl TryFrom<String> for ProtectionLevel {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        const KNOWN: &[&str] =
            &["normal", "dangerous", "signature", "signatureOrSystem", "signature|privileged"];
        if KNOWN.contains(&s.as_str()) {
            Ok(ProtectionLevel(s))
        } else {
            Err(format!("unknown protection level `{s}`; expected one of {}", KNOWN.join(", ")))
        }
    }
}

/// The flags of a `protectionLevel` value (`signatureOrSystem` = `signature|privileged`); an
/// absent value is `normal`.
pub fn protection_flags(value: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in value.unwrap_or("normal").split('|').map(str::trim).filter(|p| !p.is_empty()) {
        let expanded: Vec<&str> = match part {
            "signatureOrSystem" | "system" => vec!["signature", "privileged"],
            other => vec![other],
        };
        for e in expanded {
            if !out.iter().any(|x| x == e) {
                out.push(e.to_string());
            }
        }
    }
    out.sort();
    out
}

/// A `<meta-data>` the vendor's SDK reads.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetaDataReq {
    pub name: String,
    /// The manifest placeholder that feeds the value when a profile's dependency declares it.
    #[serde(default)]
    pub placeholder: Option<String>,
    /// Whether the fact is confirmed; rules say nothing about unconfirmed entries being absent.
    #[serde(default = "yes")]
    pub confirmed: bool,
    #[serde(default)]
    pub with_artifacts: Vec<Spanned<String>>,
    #[serde(default)]
    pub supplied_by: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    pub source: String,
}

/// What a profile's dependency brings into the merged manifest by itself.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supplies {
    pub components: Option<Claim>,
    pub permissions: Option<Claim>,
    pub meta_data: Option<Claim>,
}

/// A claim that a dependency supplies something, with its confidence and source.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    #[serde(default = "yes")]
    pub confirmed: bool,
    #[serde(default)]
    pub source: String,
}

/// The `[manifest]` section of a profile file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileManifest {
    /// Java packages of the profile's sample code: a component still in one of them was copied.
    #[serde(default)]
    pub demo_packages: Vec<String>,
    /// Glob patterns (`*`, `?`) of class names the profile's documentation uses as placeholders.
    #[serde(default)]
    pub placeholder_classes: Vec<String>,
    #[serde(default)]
    pub source: String,
}

/// The kinds of manifest entries a profile may supply.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Supplied {
    Components,
    Permissions,
    MetaData,
}

impl Supplies {
    pub fn get(&self, what: Supplied) -> Option<&Claim> {
        match what {
            Supplied::Components => self.components.as_ref(),
            Supplied::Permissions => self.permissions.as_ref(),
            Supplied::MetaData => self.meta_data.as_ref(),
        }
    }
}

/// Dotted Java identifiers with at least one dot (`$` allowed for nested classes).
pub fn is_class_name(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() >= 2
        && parts.iter().all(|p| {
            let mut chars = p.chars();
            chars.next().is_some_and(|c| c.is_alphabetic() || c == '_' || c == '$')
                && chars.all(|c| c.is_alphanumeric() || c == '_' || c == '$')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn protection_levels_normalise() {
        assert_eq!(
            protection_flags(Some("signatureOrSystem")),
            protection_flags(Some("signature|privileged"))
        );
        assert_eq!(protection_flags(None), vec!["normal".to_string()]);
        assert_ne!(protection_flags(Some("signature")), protection_flags(Some("signatureOrSystem")));
    }

    #[test]
    fn component_shape_is_checked() {
        let bad: Result<ManifestFacts, _> =
            toml::from_str("[[components]]\nkind = \"service\"\nclass = \"a.B\"\nsubclass_of = \"a.C\"\n");
        assert!(bad.is_err());
        let bad: Result<ManifestFacts, _> = toml::from_str("[[components]]\nkind = \"service\"\n");
        assert!(bad.is_err());
        let ok: ManifestFacts = toml::from_str(
            "[[components]]\nkind = \"receiver\"\nsubclass_of = \"a.B\"\nfilters = [{ actions = [\"x.Y\"] }]\n",
        )
        .unwrap();
        assert!(ok.components[0].required);
        assert!(ok.components[0].describe().contains("subclass of `a.B`"));
    }
}
