//! Intent filters indexed by action, scheme and host: for an intent, the few filters that can
//! match it or come closest to matching it (`matching::closeness`), so that thousands of click
//! actions against thousands of filters cost their sum, not their product.

use super::matching::IntentSpec;
use super::merge::IntentFilter;
use std::collections::HashMap;

/// Known filters (every value resolved) of one group, split the way matching decides.
#[derive(Default)]
struct Buckets {
    /// With a scheme, by scheme.
    by_scheme: HashMap<String, SchemeBucket>,
    /// The first filter with any scheme: it stands for all that lack the intent's scheme, which
    /// come equally close.
    first_with_scheme: Option<usize>,
    /// Without scheme and type: they accept only an intent without data.
    no_data: Vec<usize>,
    /// Without scheme, with a MIME type.
    typed: Vec<usize>,
}

/// The filters with one scheme.
#[derive(Default)]
struct SchemeBucket {
    /// With a literal host, by host in lower case.
    by_host: HashMap<String, Vec<usize>>,
    /// Without any host, or with a wildcard one: always looked at.
    other: Vec<usize>,
    /// The first filter with a host: it stands for all whose hosts differ from the intent's.
    first_with_host: Option<usize>,
}

/// Filters in candidate order, indexed.
pub struct FilterIndex<'a, T> {
    items: Vec<(T, &'a IntentFilter)>,
    /// Filters with an unresolved value (a placeholder): always looked at.
    unknown: Vec<usize>,
    /// Known filters by action.
    by_action: HashMap<String, Buckets>,
    /// Every known filter, for an intent whose action no known filter lists.
    all: Buckets,
}

fn known(f: &IntentFilter) -> bool {
    let data_known = f.data.iter().all(|d| {
        [
            &d.scheme,
            &d.host,
            &d.port,
            &d.path,
            &d.path_prefix,
            &d.path_pattern,
            &d.path_suffix,
            &d.path_advanced_pattern,
            &d.mime_type,
        ]
        .iter()
        .all(|v| v.as_ref().is_none_or(|v| v.value.is_some()))
    });
    data_known && f.actions.iter().chain(&f.categories).all(|v| v.value.is_some())
}

impl Buckets {
    fn add(&mut self, i: usize, f: &IntentFilter) {
        let mut schemes: Vec<&str> =
            f.data.iter().filter_map(|d| d.scheme.as_ref()?.value.as_deref()).collect();
        schemes.sort_unstable();
        schemes.dedup();
        if schemes.is_empty() {
            if f.data.iter().any(|d| d.mime_type.is_some()) {
                self.typed.push(i);
            } else {
                self.no_data.push(i);
            }
            return;
        }
        self.first_with_scheme.get_or_insert(i);
        let mut hosts: Vec<String> = f
            .data
            .iter()
            .filter_map(|d| d.host.as_ref()?.value.as_deref())
            .map(str::to_ascii_lowercase)
            .collect();
        hosts.sort_unstable();
        hosts.dedup();
        for s in schemes {
            let b = self.by_scheme.entry(s.to_string()).or_default();
            if hosts.is_empty() || hosts.iter().any(|h| h.starts_with('*')) {
                b.other.push(i);
            } else {
                for h in &hosts {
                    b.by_host.entry(h.clone()).or_default().push(i);
                }
            }
            if !hosts.is_empty() {
                b.first_with_host.get_or_insert(i);
            }
        }
    }

    /// The filters that can match `intent` or come closest among these: the others come no
    /// closer than one of them, with a later place in the order.
    fn candidates(&self, intent: &IntentSpec, out: &mut Vec<usize>) {
        out.extend(&self.typed);
        if intent.data.is_none() && intent.mime_type.is_none() {
            out.extend(&self.no_data);
        } else {
            out.extend(self.no_data.first());
        }
        out.extend(self.first_with_scheme);
        let scheme = intent.data.as_ref().map_or("", |d| d.scheme.as_str());
        if let Some(b) = self.by_scheme.get(scheme) {
            out.extend(&b.other);
            out.extend(b.first_with_host);
            if let Some(host) = intent.data.as_ref().and_then(|d| d.host.as_deref()) {
                out.extend(b.by_host.get(&host.to_ascii_lowercase()).into_iter().flatten());
            }
        }
    }
}

impl<'a, T: Copy> FilterIndex<'a, T> {
    /// Indexes `items` (a component and its filter), keeping their order.
    pub fn new(items: Vec<(T, &'a IntentFilter)>) -> FilterIndex<'a, T> {
        let mut index =
            FilterIndex { items, unknown: Vec::new(), by_action: HashMap::new(), all: Buckets::default() };
        for (i, (_, f)) in index.items.iter().enumerate() {
            if !known(f) {
                index.unknown.push(i);
                continue;
            }
            index.all.add(i, f);
            let mut actions: Vec<&str> = f.actions.iter().filter_map(|a| a.value.as_deref()).collect();
            actions.sort_unstable();
            actions.dedup();
            for a in actions {
                index.by_action.entry(a.to_string()).or_default().add(i, f);
            }
        }
        index
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The filters to compare `intent` with, in their order: any that matches it (or whose answer
    /// depends on a placeholder) is among them, and so is the first of those that come closest.
    pub fn candidates(&self, intent: &IntentSpec) -> Vec<(T, &'a IntentFilter)> {
        let mut picked = self.unknown.clone();
        // A filter listing the intent's action comes closer than any that does not.
        match self.by_action.get(&intent.action) {
            Some(b) => b.candidates(intent, &mut picked),
            None => self.all.candidates(intent, &mut picked),
        }
        picked.sort_unstable();
        picked.dedup();
        picked.into_iter().filter_map(|i| self.items.get(i).copied()).collect()
    }
}
