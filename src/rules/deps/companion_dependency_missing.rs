//! PL302: an SDK artifact without the artifact it needs beside it.
use super::matches_any;
use crate::diagnostics::Diagnostic;
use crate::parse::gradle::Value;
use crate::project::deps::{has_unseen_deps, variant_deps};
use crate::rules::About;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// An app variant has an SDK artifact whose companion the catalog records, and no dependency of
    /// the app or of its local libraries provides that companion: `com.tencent.tpns:huawei` without
    /// `com.huawei.hms:push`, `com.tencent.tpns:fcm` without `firebase-messaging`, a TIMPush vendor
    /// artifact without `com.tencent.timpush:timpush`, or (for the TPNS channel, when the TPNS plugin
    /// or the `XG_ACCESS_ID` placeholder is there) a TPNS vendor artifact without `com.tencent.tpns:tpns`.
    /// TIMPush's Huawei artifact needs no explicit `com.huawei.hms:push`; `com.tencent.timpush:tpush`
    /// (the main package of Tencent's Unity and Unreal guides) counts as the main package. Silent
    /// when a dependency may be unseen (an unread script, an unknown module) or when the app's build
    /// tool adds dependencies of its own (Flutter plugins, React Native autolinking).
    ///
    /// ## Why it matters
    /// The vendor artifacts are thin adapters: without their companion the vendor SDK or the main
    /// package is absent at run time, no token is obtained and offline pushes never arrive.
    ///
    /// ## Example
    /// `implementation 'com.tencent.timpush:xiaomi:8.1.6103'` with no `com.tencent.timpush:timpush`.
    ///
    /// ## How to fix
    /// Add the companion artifact, in the same version as its family.
    pub(crate) COMPANION_DEPENDENCY_MISSING {
        code: "PL302",
        name: "companion-dependency-missing",
        family: Family::Deps,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let companions = &cx.catalog.families.companion;
    // Per coordinate, per companion entry: (triggers it, satisfies it). Variants and modules
    // repeat the same coordinates, so each is matched against the patterns once.
    let memo: std::cell::RefCell<std::collections::HashMap<String, Vec<(bool, bool)>>> = Default::default();
    let hits_of = |k: &str| -> Vec<(bool, bool)> {
        if let Some(h) = memo.borrow().get(k) {
            return h.clone();
        }
        let h: Vec<(bool, bool)> =
            companions.iter().map(|c| (matches_any(&c.when, k), matches_any(&c.require, k))).collect();
        memo.borrow_mut().insert(k.to_string(), h.clone());
        h
    };
    cx.per_variant(out, |view, out| {
        if has_unseen_deps(cx.project, view.module) || crate::rules::tool_adds_dependencies(cx, view.module) {
            return;
        }
        let deps = variant_deps(cx.project, view.module, view.variant);
        let hits: Vec<Vec<(bool, bool)>> = deps.iter().map(|d| hits_of(d.coordinate())).collect();
        let app = cx.project.modules.get(view.module);
        for (ci, c) in companions.iter().enumerate() {
            let hit = |h: &Vec<(bool, bool)>| h.get(ci).copied().unwrap_or_default();
            let triggers: Vec<_> = deps.iter().zip(&hits).filter(|(_, h)| hit(h).0).map(|(d, _)| d).collect();
            let Some(first) = triggers.first() else { continue };
            if hits.iter().any(|h| hit(h).1) {
                continue;
            }
            if !c.only_with_plugins.is_empty() || !c.only_with_placeholders.is_empty() {
                let plugin = app.and_then(|m| m.build.as_ref()).is_some_and(|b| {
                    b.script.plugins.iter().any(|p| {
                        p.apply && matches!(&p.id.value, Value::Str(id) if c.only_with_plugins.contains(id))
                    })
                });
                let placeholder =
                    c.only_with_placeholders.iter().any(|k| view.variant.placeholder(k).is_some());
                if !plugin && !placeholder {
                    continue;
                }
            }
            let Some(required) = c.require.first() else { continue };
            let version = first.version.value().map(|v| format!(":{v}")).unwrap_or_default();
            let mut d = Diagnostic::new(
                &COMPANION_DEPENDENCY_MISSING,
                format!("`{}` is used without `{required}`", first.coordinate()),
            )
            .primary(first.span, format!("`{}{version}` needs `{required}`", first.coordinate()));
            for t in triggers.iter().skip(1) {
                d = d.secondary(t.span, format!("`{}` needs it too", t.coordinate()));
            }
            if !c.confirmed {
                d = d.severity(Severity::Warning);
            }
            for t in &triggers {
                d = d.about_coordinate(cx, Some(view), t.coordinate());
            }
            out.push(
                d.note(c.why.clone()).help(format!("add `{required}` next to `{}`", first.coordinate())),
            );
        }
    });
}
