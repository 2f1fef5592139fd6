//! The supported-integrations table (vendor × integration route), generated from the catalog for
//! `pushlint rules --integrations` and the README. Data only: it knows no project.

use super::Catalog;

impl Catalog {
    /// A Markdown table: one row per vendor, one column per integration route (profile), each cell
    /// naming the artifacts or `libs/` archives that integrate the vendor that way.
    pub fn integrations_table(&self) -> String {
        let routes: Vec<_> = self
            .profiles
            .iter()
            .filter(|p| self.vendors.iter().any(|v| !cell(v, &p.id).is_empty()))
            .collect();
        let mut s = String::from("| vendor |");
        for p in &routes {
            s.push_str(&format!(" {} |", p.display));
        }
        s.push_str("\n|---|");
        s.push_str(&"---|".repeat(routes.len()));
        s.push('\n');
        for v in &self.vendors {
            s.push_str(&format!("| {} |", v.display));
            for p in &routes {
                let c = cell(v, &p.id);
                s.push_str(&format!(" {} |", if c.is_empty() { "—".to_string() } else { c.join(", ") }));
            }
            s.push('\n');
        }
        // The aggregators' own SDKs, which carry their own channel besides the vendors'.
        let own: Vec<String> = self
            .profiles
            .iter()
            .filter(|p| p.is_aggregator())
            .map(|p| {
                let names: Vec<String> = p
                    .artifacts
                    .iter()
                    .map(|a| format!("`{}`", a.module))
                    .chain(p.archives.iter().map(|a| format!("`libs/{}`", a.pattern)))
                    .collect();
                format!("{}: {}", p.display, names.join(", "))
            })
            .collect();
        if !own.is_empty() {
            s.push_str(&format!("\nAggregator SDKs (their own channel): {}.\n", own.join("; ")));
        }
        // Wrappers recognised as local modules carry the vendor SDKs the module depends on.
        for p in self
            .profiles
            .iter()
            .filter(|p| !p.detect.module_names.is_empty() || !p.detect.namespaces.is_empty())
        {
            let names: Vec<String> = p.detect.module_names.iter().map(|n| format!("`:{n}`")).collect();
            s.push_str(&format!(
                "\n{}: a local module ({}) that carries the vendor SDKs it depends on.\n",
                p.display,
                names.join(", ")
            ));
        }
        s
    }
}

/// The artifacts and archive patterns that integrate vendor `v` through profile `profile`.
fn cell(v: &super::Vendor, profile: &str) -> Vec<String> {
    v.gradle
        .artifacts
        .iter()
        .filter(|a| a.profile == profile)
        .map(|a| format!("`{}`", a.module))
        .chain(
            v.detect
                .archives
                .iter()
                .filter(|a| a.profile == profile)
                .map(|a| format!("`libs/{}`", a.pattern)),
        )
        .collect()
}
