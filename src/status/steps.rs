//! The integration steps of the matrix and which rules check each: a table by rule family, with
//! the rules that belong to another step than their family's listed by code. Data only.

use crate::rules::{Family, Rule};

/// One step of integrating a vendor, in the order the integration guides take them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Step {
    /// The SDK dependencies: present, companions, versions.
    Sdk,
    /// Components, permissions and meta-data of the merged manifest.
    Manifest,
    /// The vendor's JSON file (`google-services.json`, `agconnect-services.json`, `mcs-services.json`).
    ConfigFile,
    /// The vendor's Gradle plugin, its classpath entry and repositories.
    Plugin,
    /// App ids, keys and manifest placeholders the SDK registers with.
    Credentials,
    /// The IM console's certificate for the vendor and the variant's package.
    Certificate,
    /// The certificate's "Action after Click" against the manifest.
    Click,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::Sdk,
        Step::Manifest,
        Step::ConfigFile,
        Step::Plugin,
        Step::Credentials,
        Step::Certificate,
        Step::Click,
    ];

    /// The key in `pushlint status --format json` (`checks.configFile`).
    pub fn key(self) -> &'static str {
        match self {
            Step::Sdk => "sdk",
            Step::Manifest => "manifest",
            Step::ConfigFile => "configFile",
            Step::Plugin => "plugin",
            Step::Credentials => "credentials",
            Step::Certificate => "certificate",
            Step::Click => "click",
        }
    }

    /// How column headers name it.
    pub fn label(self) -> &'static str {
        match self {
            Step::Sdk => "SDK",
            Step::Manifest => "manifest",
            Step::ConfigFile => "config file",
            Step::Plugin => "plugin",
            Step::Credentials => "credentials",
            Step::Certificate => "certificate",
            Step::Click => "click",
        }
    }

    /// A short header for narrow terminals.
    pub fn short(self) -> &'static str {
        match self {
            Step::Sdk => "sdk",
            Step::Manifest => "mfst",
            Step::ConfigFile => "file",
            Step::Plugin => "plug",
            Step::Credentials => "keys",
            Step::Certificate => "cert",
            Step::Click => "click",
        }
    }

    pub(crate) fn index(self) -> usize {
        Step::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// The step a family's rules check; None: findings about the project rather than one step
/// (unreadable inputs, committed secrets, pushlint's own configuration).
const BY_FAMILY: &[(Family, Option<Step>)] = &[
    (Family::Input, None),
    (Family::Click, Some(Step::Click)),
    (Family::Manifest, Some(Step::Manifest)),
    (Family::Deps, Some(Step::Sdk)),
    (Family::Plugins, Some(Step::Plugin)),
    (Family::Console, Some(Step::Certificate)),
    (Family::Security, None),
    (Family::Config, None),
];

/// Rules whose findings belong to another step than their family's.
const BY_CODE: &[(&str, Step)] = &[
    // App ids in `<meta-data>` and the placeholders that fill them are credentials.
    ("PL210", Step::Credentials),
    ("PL215", Step::Credentials),
    ("PL216", Step::Credentials),
    // An aggregator's channel keys in the format it needs (`MI-` prefixes).
    ("PL220", Step::Credentials),
    // Config files are checked with the plugins that read them.
    ("PL404", Step::ConfigFile),
    ("PL405", Step::ConfigFile),
    // A repository that does not serve the SDK keeps the dependency from resolving.
    ("PL406", Step::Sdk),
    // The console download, ids and keys the app registers with.
    ("PL501", Step::Credentials),
    ("PL503", Step::Credentials),
    ("PL507", Step::Credentials),
    ("PL508", Step::Credentials),
];

/// Rules that read certificates without looking at variants: their findings concern the
/// variants a certificate they point into applies to.
pub(crate) const BY_CERTIFICATE: &[&str] = &["PL102", "PL103"];

/// The step `rule` checks, if any.
pub fn step_of(rule: &Rule) -> Option<Step> {
    if let Some((_, step)) = BY_CODE.iter().find(|(code, _)| *code == rule.code) {
        return Some(*step);
    }
    BY_FAMILY.iter().find(|(f, _)| *f == rule.family).and_then(|(_, s)| *s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tables_name_real_rules_and_families() {
        for (code, _) in BY_CODE {
            assert!(crate::rules::find(code).is_some_and(|r| r.code == *code), "{code} is no rule");
        }
        for code in BY_CERTIFICATE {
            assert!(crate::rules::find(code).is_some_and(|r| r.code == *code), "{code} is no rule");
        }
        for r in crate::rules::all() {
            assert!(BY_FAMILY.iter().any(|(f, _)| *f == r.family), "{:?} has no step", r.family);
        }
        for step in Step::ALL {
            assert!(crate::rules::all().any(|r| step_of(r) == Some(step)), "no rule checks {step:?}");
            assert_eq!(Step::ALL[step.index()], step);
        }
    }
}
