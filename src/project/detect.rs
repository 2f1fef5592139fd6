//! Integration detection: which vendors an app variant integrates and through which profile,
//! with the evidence (a dependency of the app or of a local library it merges, a vendor archive
//! in `libs/`). Console certificates are not evidence that a vendor's SDK is in the app.

use super::Project;
use super::merge::merged_modules;
use super::variants::Variant;
use crate::catalog::Catalog;
use crate::catalog::detect::glob_matches;
use crate::span::Span;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EvidenceKind {
    Dependency,
    Archive,
}

/// Why pushlint believes a vendor is integrated.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    pub kind: EvidenceKind,
    /// The dependency statement, or the module build file for an archive.
    pub span: Option<Span>,
    /// `com.tencent.timpush:xiaomi:8.1.6103 in :app`, `libs/MiPush_SDK_Client_5.jar`.
    pub what: String,
    pub profile: String,
    /// The module that declares it.
    pub module: usize,
}

/// A vendor integrated in an app variant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Integration {
    pub vendor: String,
    /// Profiles seen, in catalog order of first evidence (`timpush`, `tpns`, `raw`, …).
    pub profiles: Vec<String>,
    pub evidence: Vec<Evidence>,
}

/// The integrations of `variant` of app module `app`, in catalog vendor order.
pub fn detect(project: &Project, catalog: &Catalog, app: usize, variant: &Variant) -> Vec<Integration> {
    let modules = merged_modules(project, app);
    let mut out = Vec::new();
    for vendor in &catalog.vendors {
        let mut evidence = Vec::new();
        for &m in &modules {
            let module = &project.modules[m];
            for dep in &module.deps {
                // A library's flavor-specific configurations are approximated by the app variant's names.
                if !dep.reaches(variant) {
                    continue;
                }
                let coord = dep.coordinate();
                if let Some(a) = vendor.gradle.artifacts.iter().find(|a| a.module == coord) {
                    let version = dep.version.value().map(|v| format!(":{v}")).unwrap_or_default();
                    evidence.push(Evidence {
                        kind: EvidenceKind::Dependency,
                        span: Some(dep.coord_span),
                        what: format!("{coord}{version} in {}", module.path),
                        profile: a.profile.clone(),
                        module: m,
                    });
                }
            }
            for archive in &module.archives {
                if let Some(p) =
                    vendor.detect.archives.iter().find(|p| glob_matches(&p.pattern, &archive.file_name))
                {
                    evidence.push(Evidence {
                        kind: EvidenceKind::Archive,
                        span: module.build.as_ref().map(|b| Span::whole_file(b.file)),
                        what: archive.rel_path.clone(),
                        profile: p.profile.clone(),
                        module: m,
                    });
                }
            }
        }
        if evidence.is_empty() {
            continue;
        }
        let mut profiles: Vec<String> = Vec::new();
        for e in &evidence {
            if !profiles.contains(&e.profile) {
                profiles.push(e.profile.clone());
            }
        }
        out.push(Integration { vendor: vendor.id.clone(), profiles, evidence });
    }
    out
}
