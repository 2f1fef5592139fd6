//! Catalog file `rules/console.toml`: where certificate ids and vendor credentials appear in an
//! app (constants, timpush-configs.json keys, placeholders, vendor JSON), which are secrets, and
//! the notification-channel facts the console rules check.

use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsoleFacts {
    /// Values that mean "not filled in" (compared trimmed, case-insensitively).
    #[serde(default)]
    pub placeholder_values: Vec<String>,
    /// Artifacts that route vendor pushes through TPNS (ids in code are then 0 by design).
    #[serde(default)]
    pub tpns_routes: Vec<String>,
    /// Boolean constants choosing the TPNS route at run time (`false`: the vendor route).
    #[serde(default)]
    pub tpns_switches: Vec<String>,
    #[serde(default, rename = "field")]
    pub fields: Vec<CredentialField>,
    #[serde(default, rename = "sdk_secret")]
    pub sdk_secrets: Vec<SdkSecret>,
    #[serde(default)]
    pub service_account: Option<ServiceAccount>,
    #[serde(default, rename = "channel")]
    pub channels: Vec<ChannelFacts>,
    /// Constant name → index of the first field it holds: asked for every constant of every variant.
    #[serde(skip)]
    by_constant: std::sync::OnceLock<std::collections::HashMap<String, usize>>,
}

impl ConsoleFacts {
    /// The first credential field a Java/Kotlin constant of this name holds.
    pub fn field_for_constant(&self, name: &str) -> Option<&CredentialField> {
        let index = self.by_constant.get_or_init(|| {
            let mut index = std::collections::HashMap::new();
            for (i, f) in self.fields.iter().enumerate() {
                for c in &f.constants {
                    index.entry(c.clone()).or_insert(i);
                }
            }
            index
        });
        index.get(name).and_then(|&i| self.fields.get(i)).or_else(|| self.business_id_by_role(name))
    }

    /// A certificate-id constant the catalog does not list, classified by its role: `<VENDOR>_…BUZID`
    /// (`HONOR_PUSH_BUZID`, `GOOGLE_FCM_BUZID`) or `<vendor>…BussinessId` (`vivoBusinessId`), the
    /// vendor read from the name's first word; `…ABROAD` / `…Abroad` names the international id.
    fn business_id_by_role(&self, name: &str) -> Option<&CredentialField> {
        // Asked for every constant of every variant: most names end otherwise, decide that
        // without allocating.
        let ends = |suffix: &str| {
            name.len() >= suffix.len()
                && name.get(name.len() - suffix.len()..).is_some_and(|t| t.eq_ignore_ascii_case(suffix))
        };
        if !["buzid", "bussinessid", "businessid", "abroad"].iter().any(|s| ends(s)) {
            return None;
        }
        let lower = name.to_ascii_lowercase();
        let abroad = lower.ends_with("abroad");
        let stem = lower.trim_end_matches("abroad").trim_end_matches('_');
        if !(stem.ends_with("buzid") || stem.ends_with("bussinessid") || stem.ends_with("businessid")) {
            return None;
        }
        let word: String = if name.contains('_') {
            lower.split('_').next().unwrap_or("").to_string()
        } else {
            lower
                .chars()
                .zip(name.chars())
                .take_while(|(_, c)| !c.is_ascii_uppercase())
                .map(|(l, _)| l)
                .collect()
        };
        let vendor = match word.as_str() {
            "hw" | "huawei" => "huawei",
            "xm" | "xiaomi" | "mi" => "xiaomi",
            "oppo" => "oppo",
            "vivo" => "vivo",
            "mz" | "meizu" => "meizu",
            "honor" | "hihonor" => "honor",
            "google" | "fcm" | "gcm" | "firebase" => "fcm",
            _ => return None,
        };
        self.fields
            .iter()
            .find(|f| f.vendor == vendor && f.kind == FieldKind::BusinessId && f.abroad == abroad)
    }
}

/// What a credential is to the IM console.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FieldKind {
    /// The IM console's certificate id (`*_BUZID`, `*PushBussinessId`).
    BusinessId,
    AppId,
    AppKey,
    AppSecret,
    MasterSecret,
}

impl FieldKind {
    /// How messages name the kind: `certificate id`, `AppKey`.
    pub fn display(self) -> &'static str {
        match self {
            FieldKind::BusinessId => "certificate id",
            FieldKind::AppId => "AppID",
            FieldKind::AppKey => "AppKey",
            FieldKind::AppSecret => "AppSecret",
            FieldKind::MasterSecret => "MasterSecret",
        }
    }
}

/// Whether a value may be in an app repository.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SecretKind {
    /// Meant to ship in the app (ids, client keys).
    #[default]
    None,
    /// A secret the vendor's client SDK needs on the device: masked in output, not reported.
    Client,
    /// A server credential: masked in output and reported wherever it is committed.
    Server,
}

/// One credential of one vendor and the names it goes by.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CredentialField {
    pub vendor: String,
    pub kind: FieldKind,
    /// The id of the international (`*Abroad`) certificate.
    #[serde(default)]
    pub abroad: bool,
    /// Java/Kotlin constant names holding it.
    #[serde(default)]
    pub constants: Vec<String>,
    /// Keys of a package object in `timpush-configs.json`.
    #[serde(default)]
    pub timpush_keys: Vec<String>,
    /// Gradle manifest placeholders (and `timpush-configs.json` `manifestPlaceholders` keys).
    #[serde(default)]
    pub placeholders: Vec<String>,
    /// Values in vendor JSON files.
    #[serde(default)]
    pub config_files: Vec<ConfigPointer>,
    /// The `push-console.json` certificate key holding the same value.
    #[serde(default)]
    pub console: Option<String>,
    #[serde(default)]
    pub secret: SecretKind,
    #[serde(default)]
    pub source: String,
}

/// A value in a vendor JSON file: file name and `/`-separated path.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigPointer {
    pub file: String,
    pub pointer: String,
}

/// A secret that belongs to no push vendor (e.g. the IM SDK secret key).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SdkSecret {
    pub constants: Vec<String>,
    /// How messages name it.
    pub what: String,
    /// Where it belongs instead, for the help text.
    pub belongs: String,
    #[serde(default)]
    pub source: String,
}

/// How a service-account key file is recognised: `"type": <type_value>` plus a `<key_member>`.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceAccount {
    pub type_value: String,
    pub key_member: String,
    #[serde(default)]
    pub source: String,
}

/// A vendor whose certificate names a notification channel the app must create and send with.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChannelFacts {
    pub vendor: String,
    /// The targetSdk from which a notification without a channel is not shown.
    pub min_target_sdk: i64,
    /// Methods that set the channel id of an outgoing message (`setAndroidOPPOChannelID`).
    #[serde(default)]
    pub setters: Vec<String>,
    /// Constructors whose first argument is the id of a channel the app creates.
    #[serde(default)]
    pub creators: Vec<String>,
    #[serde(default)]
    pub source: String,
}

impl ConsoleFacts {
    /// Whether `value` is a blank, dummy or masked stand-in for a real credential.
    pub fn is_placeholder(&self, value: &str) -> bool {
        let v = value.trim();
        if v.is_empty() || is_masked(v) || is_template_shape(v) {
            return true;
        }
        if v.len() >= 4 && v.chars().all(|c| c.eq_ignore_ascii_case(&'x')) {
            return true;
        }
        self.placeholder_values.iter().any(|p| p.eq_ignore_ascii_case(v))
    }

    /// The fields of `vendor`.
    pub fn fields_of<'a>(&'a self, vendor: &'a str) -> impl Iterator<Item = &'a CredentialField> + 'a {
        self.fields.iter().filter(move |f| f.vendor == vendor)
    }

    pub fn channel(&self, vendor: &str) -> Option<&ChannelFacts> {
        self.channels.iter().find(|c| c.vendor == vendor)
    }
}

/// A value made only of `*` (a template some vendors' downloads and Tencent's demos ship).
pub fn is_masked(v: &str) -> bool {
    let v = v.trim();
    !v.is_empty() && v.chars().all(|c| c == '*')
}

/// A stand-in recognised by its shape, in any language: ids and keys are single ASCII tokens,
/// so text with a non-ASCII letter ("替换为您的 AppID", "请自行申请") or with words separated
/// by blanks ("replace with your key") is template prose; so is `<…>`, a `your…` name
/// (`your_app_id`, `YOUR-KEY`), a run of `***` inside a value (`12****34`), and one character
/// repeated (`00000000`, `xxxx`).
pub fn is_template_shape(v: &str) -> bool {
    let v = v.trim();
    // A PEM block (a private key) has blanks in its armour lines but is no prose.
    if v.is_empty() || v.starts_with("-----BEGIN") {
        return false;
    }
    if v.chars().any(|c| !c.is_ascii() && c.is_alphanumeric()) || v.split_whitespace().nth(1).is_some() {
        return true;
    }
    if v.contains("***") || (v.starts_with('<') && v.ends_with('>')) {
        return true;
    }
    let lower = v.to_ascii_lowercase();
    if lower.starts_with("your") && lower.len() > 4 {
        return true;
    }
    let mut chars = v.chars();
    let first = chars.next();
    v.chars().count() >= 4 && chars.all(|c| Some(c) == first)
}

#[cfg(test)]
mod tests {
    #[test]
    fn business_ids_by_role() {
        let c = crate::catalog::Catalog::embedded().expect("catalog");
        let f = &c.console;
        let of = |n: &str| f.field_for_constant(n).map(|x| (x.vendor.as_str(), x.abroad));
        assert_eq!(of("HONOR_PUSH_BUZID"), Some(("honor", false)));
        assert_eq!(of("GOOGLE_FCM_BUZID"), Some(("fcm", false)));
        assert_eq!(of("vivoBusinessId"), Some(("vivo", false)));
        assert_eq!(of("HONOR_PUSH_BUZID_ABROAD"), Some(("honor", true)));
        assert_eq!(of("ACME_PUSH_BUZID"), None);
        assert_eq!(of("VIVO_APP_ID"), None);
    }

    #[test]
    fn placeholders() {
        let c = crate::catalog::Catalog::embedded().expect("catalog");
        let f = &c.console;
        for v in ["", " ", "0", "********", "xxxxxxxx", "your_app_key", "11111111"] {
            assert!(f.is_placeholder(v), "{v:?}");
        }
        // By shape: prose in any language, `<…>`, `your…`, partial masks, repeated characters.
        for v in [
            "替换为您的AppID",
            "请自行申请",
            "注册应用的 appid",
            "replace with your key",
            "<your app id>",
            "<APP_ID>",
            "YOUR_VIVO_APPKEY",
            "yourAppId",
            "12****34",
            "00000000",
            "  ",
        ] {
            assert!(f.is_placeholder(v), "{v:?}");
        }
        for v in [
            "2882303761500000001",
            "40002",
            "5700000000001",
            "105000001",
            "AIzaSyA1234567890abcdefghijklmnopqrstuv",
            "1:123456789012:android:abc123",
            "0123456789abcdef0123456789abcdef",
            "1000",
            "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg\n-----END PRIVATE KEY-----",
        ] {
            assert!(!f.is_placeholder(v), "{v:?}");
        }
    }
}
