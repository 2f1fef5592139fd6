//! PL301: the artifacts of one SDK family (TIMPush, TPNS) on different versions.
use super::version;
use crate::catalog::families::VersionCompare;
use crate::diagnostics::Diagnostic;
use crate::project::deps::{ResolvedDep, compare_versions, variant_deps, version_numbers};
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use std::cmp::Ordering;

declare_rule! {
    /// ## What it checks
    /// The artifacts of one SDK family that reach an app variant — every `com.tencent.timpush:*`
    /// vendor and main artifact, or every `com.tencent.tpns:*` one — are on different versions
    /// (for TPNS, different release lines: the first two numbers). Each artifact counts with the
    /// version Gradle picks for it, the highest one declared.
    ///
    /// ## Why it matters
    /// The vendor artifacts of a release are built against the main package of that release. Mixed
    /// releases fail at run time with missing classes or methods, or register a channel the main
    /// package no longer reports.
    ///
    /// ## Example
    /// `implementation 'com.tencent.timpush:timpush:7.9.5666'` next to
    /// `implementation 'com.tencent.timpush:honor:7.7.5282'`.
    ///
    /// ## How to fix
    /// Use one version for every artifact of the family, ideally through one shared variable or
    /// version-catalog entry.
    pub(crate) SDK_FAMILY_VERSION_MISMATCH {
        code: "PL301",
        name: "sdk-family-version-mismatch",
        family: Family::Deps,
        severity: Severity::Warning,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let deps = variant_deps(cx.project, view.module, view.variant);
        for family in &cx.catalog.families.family {
            // Per artifact, the declaration carrying the highest version (what Gradle resolves to).
            let mut chosen: Vec<&ResolvedDep> = Vec::new();
            for artifact in &family.artifacts {
                let mut best: Option<&ResolvedDep> = None;
                for d in deps.iter().copied().filter(|d| d.is(artifact)) {
                    let Some(v) = version(d) else { continue };
                    if version_numbers(v).is_none() {
                        continue;
                    }
                    let better = match best.and_then(version) {
                        Some(b) => compare_versions(v, b) == Some(Ordering::Greater),
                        None => true,
                    };
                    if better {
                        best = Some(d);
                    }
                }
                chosen.extend(best);
            }
            let key = |d: &ResolvedDep| -> String {
                let v = version(d).unwrap_or_default();
                match family.compare {
                    VersionCompare::Exact => v.to_string(),
                    VersionCompare::MajorMinor => version_numbers(v)
                        .map(|n| n.iter().take(2).map(|x| x.to_string()).collect::<Vec<_>>().join("."))
                        .unwrap_or_default(),
                }
            };
            // The most common line wins; on a tie the highest version.
            let mut counts: Vec<(String, usize, &ResolvedDep)> = Vec::new();
            for d in &chosen {
                let k = key(d);
                match counts.iter_mut().find(|(x, _, _)| *x == k) {
                    Some(slot) => slot.1 += 1,
                    None => counts.push((k, 1, d)),
                }
            }
            if counts.len() < 2 {
                continue;
            }
            counts.sort_by(|a, b| {
                b.1.cmp(&a.1).then_with(|| {
                    compare_versions(version(b.2).unwrap_or(""), version(a.2).unwrap_or(""))
                        .unwrap_or(Ordering::Equal)
                })
            });
            let Some((main_key, _, main_dep)) = counts.first() else { continue };
            let main_version = version(main_dep).unwrap_or_default();
            let odd: Vec<&&ResolvedDep> = chosen.iter().filter(|d| key(d) != *main_key).collect();
            let Some(first) = odd.first() else { continue };
            let mut versions: Vec<&str> = odd.iter().filter_map(|d| version(d)).collect();
            versions.dedup();
            let what = match family.compare {
                VersionCompare::Exact => "version",
                VersionCompare::MajorMinor => "release line",
            };
            let mut d = Diagnostic::new(
                &SDK_FAMILY_VERSION_MISMATCH,
                format!(
                    "the {} artifacts are on different versions: `{}` differs from `{}`",
                    family.display,
                    versions.join("`, `"),
                    main_version
                ),
            )
            .primary(super::version_span(first), format!("`{}` is on `{}`", first.coordinate(), version(first).unwrap_or_default()));
            for o in &odd {
                d = d.about_coordinate(cx, Some(view), o.coordinate());
            }
            for o in odd.iter().skip(1) {
                d = d.secondary(
                    super::version_span(o),
                    format!("`{}` is on `{}`", o.coordinate(), version(o).unwrap_or_default()),
                );
            }
            out.push(
                d.secondary(
                    super::version_span(main_dep),
                    format!("`{}` is on `{}`", main_dep.coordinate(), main_version),
                )
                .note(format!(
                    "vendor artifacts of another {what} than the {} main package fail at run time with missing classes, or never register their channel",
                    family.display
                ))
                .help(format!("use `{main_version}` for every {} artifact, through one shared version variable", family.display)),
            );
        }
    });
}
