//! Baselines: a JSON file of known findings that are not reported again. Entries match on code,
//! file and fingerprint (not on line numbers), and are counted, so two identical findings need two.

use crate::diagnostics::{Diagnostic, Sources, fingerprint};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One recorded finding.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub code: String,
    pub file: String,
    pub fingerprint: String,
    pub message: String,
}

/// The baseline file: version 1, entries sorted by file, code, fingerprint and message.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    pub version: u32,
    pub entries: Vec<Entry>,
}

fn entry(d: &Diagnostic, sources: &dyn Sources) -> Entry {
    Entry {
        code: d.code.to_string(),
        file: d.primary.as_ref().map_or(String::new(), |p| sources.path(p.span.file).to_string()),
        fingerprint: fingerprint(d, sources),
        message: d.message.clone(),
    }
}

impl Baseline {
    /// A baseline recording every finding of every project.
    pub fn of<'a>(runs: impl IntoIterator<Item = (&'a [Diagnostic], &'a dyn Sources)>) -> Baseline {
        let mut entries: Vec<Entry> =
            runs.into_iter().flat_map(|(diags, src)| diags.iter().map(move |d| entry(d, src))).collect();
        entries.sort_by(|a, b| {
            (&a.file, &a.code, &a.fingerprint, &a.message).cmp(&(
                &b.file,
                &b.code,
                &b.fingerprint,
                &b.message,
            ))
        });
        Baseline { version: 1, entries }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }

    pub fn parse(text: &str) -> Result<Baseline, String> {
        let b: Baseline =
            serde_json::from_str(text).map_err(|e| format!("{}:{}: {e}", e.line(), e.column()))?;
        if b.version != 1 {
            return Err(format!("unsupported baseline version {}", b.version));
        }
        Ok(b)
    }

    /// Removes the findings the baseline records from every project's findings (each entry
    /// matches once) and returns the entries that matched nothing, which are stale.
    pub fn filter<'a>(
        &self,
        runs: impl IntoIterator<Item = (&'a mut Vec<Diagnostic>, &'a dyn Sources)>,
    ) -> Vec<Entry> {
        let key = |e: &Entry| (e.code.clone(), e.file.clone(), e.fingerprint.clone());
        let mut left: HashMap<(String, String, String), Vec<&Entry>> = HashMap::new();
        for e in &self.entries {
            left.entry(key(e)).or_default().push(e);
        }
        for (diags, sources) in runs {
            diags.retain(|d| match left.get_mut(&key(&entry(d, sources))) {
                Some(v) if !v.is_empty() => {
                    v.pop();
                    false
                }
                _ => true,
            });
        }
        let mut stale: Vec<Entry> = left.into_values().flatten().cloned().collect();
        stale.sort();
        stale
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::testing;

    #[test]
    fn round_trip_and_counted_matching() {
        let files = testing::files();
        let diags = testing::diagnostics();
        let base = Baseline::of([(&diags[..1], &files as &dyn Sources)]);
        let parsed = Baseline::parse(&base.to_json()).unwrap();
        assert_eq!(parsed, base);
        // Two identical findings, one entry: one is still reported.
        let mut twice = vec![diags[0].clone(), diags[0].clone(), diags[1].clone()];
        let stale = parsed.filter([(&mut twice, &files as &dyn Sources)]);
        assert_eq!(twice.len(), 2);
        assert!(stale.is_empty());
        let mut none = Vec::new();
        assert_eq!(parsed.filter([(&mut none, &files as &dyn Sources)]).len(), 1);
    }
}
