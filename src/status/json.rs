//! `pushlint status --format json`: the matrix as one versioned document, described by
//! `pushlint schema status` (`schemas/status.schema.json`). Keys keep the order written here.

use super::{Check, Part, State, Step, VariantStatus, VendorStatus, unique};
use serde::Serialize;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Doc<'a> {
    version: u32,
    tool: Tool,
    /// The keys of `checks`, in the order of the integration guides.
    steps: Vec<&'static str>,
    variants: Vec<VariantJson<'a>>,
    /// Findings about no checked variant's vendors in particular.
    other_findings: Vec<&'a str>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct VariantJson<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    root: Option<&'a str>,
    module: &'a str,
    variant: &'a str,
    application_id: Option<&'a str>,
    summary: Summary,
    vendors: Vec<VendorJson<'a>>,
    other_findings: Vec<&'a str>,
}

#[derive(Serialize)]
struct Summary {
    vendors: usize,
    ok: usize,
    problem: usize,
    unknown: usize,
    findings: usize,
}

#[derive(Serialize)]
struct VendorJson<'a> {
    vendor: &'a str,
    name: &'a str,
    integration: Integration<'a>,
    state: &'static str,
    checks: Checks<'a>,
    findings: Vec<&'a str>,
}

#[derive(Serialize)]
struct Integration<'a> {
    profiles: &'a [String],
    name: &'a str,
    version: Option<&'a str>,
    via: &'a [String],
    route: &'a str,
    evidence: &'a [String],
}

/// The checks by step key, in `Step::ALL` order.
struct Checks<'a>(Vec<(&'static str, CheckJson<'a>)>);

impl Serialize for Checks<'_> {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = ser.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Serialize)]
struct CheckJson<'a> {
    state: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    codes: Option<Vec<&'a str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    why: Option<&'a str>,
}

/// The document for a run over one or more projects, pretty-printed, with a final newline.
pub fn render(parts: &[Part]) -> String {
    let mut doc = Doc {
        version: 1,
        tool: Tool { name: "pushlint", version: env!("CARGO_PKG_VERSION") },
        steps: Step::ALL.iter().map(|s| s.key()).collect(),
        variants: Vec::new(),
        other_findings: Vec::new(),
    };
    for p in parts {
        let codes = |list: &[usize]| -> Vec<&str> {
            list.iter().filter_map(|&i| p.diagnostics.get(i)).map(|d| d.code).collect()
        };
        for v in &p.status.variants {
            doc.variants.push(variant(v, p.root, &codes));
        }
        doc.other_findings.extend(codes(&p.status.other));
    }
    serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
}

type Codes<'c, 'a> = &'c dyn Fn(&[usize]) -> Vec<&'a str>;

fn variant<'a>(v: &'a VariantStatus, root: Option<&'a str>, codes: Codes<'_, 'a>) -> VariantJson<'a> {
    let (ok, problem, unknown) = v.tally();
    VariantJson {
        root,
        module: &v.module_path,
        variant: &v.variant,
        application_id: v.application_id.as_deref(),
        summary: Summary { vendors: v.vendors.len(), ok, problem, unknown, findings: v.findings().len() },
        vendors: v.vendors.iter().map(|r| vendor(r, codes)).collect(),
        other_findings: codes(&v.other),
    }
}

fn vendor<'a>(r: &'a VendorStatus, codes: Codes<'_, 'a>) -> VendorJson<'a> {
    VendorJson {
        vendor: &r.vendor,
        name: &r.display,
        integration: Integration {
            profiles: &r.route.profiles,
            name: &r.route.name,
            version: r.route.version.as_deref(),
            via: &r.route.via,
            route: &r.route.title,
            evidence: &r.route.evidence,
        },
        state: r.overall().key(),
        checks: Checks(Step::ALL.iter().map(|s| (s.key(), check(r.check(*s), codes))).collect()),
        findings: codes(&r.findings),
    }
}

fn check<'a>(c: &'a Check, codes: Codes<'_, 'a>) -> CheckJson<'a> {
    let note = c.note.as_deref();
    CheckJson {
        state: c.state.key(),
        codes: (c.state == State::Problem).then(|| unique(codes(&c.findings))),
        detail: if c.state == State::Ok { note } else { None },
        why: if matches!(c.state, State::Unknown | State::NotNeeded) {
            Some(note.unwrap_or_default())
        } else {
            None
        },
    }
}
