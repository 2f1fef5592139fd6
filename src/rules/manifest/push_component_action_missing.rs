//! PL202: a vendor component lacks an intent-filter action the vendor sends it.
use super::{PushComponent, SourceIndex, class_of, push_components, resolve_app_id};
use crate::catalog::manifest::FilterReq;
use crate::diagnostics::{Diagnostic, Fix};
use crate::project::IntentFilter;
use crate::rules::fixes::{attribute_style, insert_line_after};
use crate::rules::{Applicability, Ctx, Family, Severity, VariantView, declare_rule};
use crate::span::Span;

declare_rule! {
    /// ## What it checks
    /// A declared vendor component — recognised by its class, by its base class in the module
    /// sources, or by another of the vendor's actions — has no intent-filter listing an action
    /// the vendor's SDK sends it, or lists it only in a filter with `<data>`, which the
    /// vendor's intent does not carry.
    ///
    /// ## Why it matters
    /// An intent reaches a component only through a filter that matches it. Without the action
    /// the message, token or error callback never arrives.
    ///
    /// ## Example
    /// A Xiaomi `PushMessageReceiver` subclass with filters for `com.xiaomi.mipush.RECEIVE_MESSAGE`
    /// and `com.xiaomi.mipush.MESSAGE_ARRIVED` but none for `com.xiaomi.mipush.ERROR`.
    ///
    /// ## How to fix
    /// Add an `<intent-filter>` with the action to the component.
    ///
    /// ## Fix
    /// Safe: where the component has an intent-filter without `<data>` (and with the categories
    /// the vendor's intent carries): adds `<action android:name="…" />` to it, preferring the
    /// filter that lists the vendor's related actions. The component gains no new caller: a
    /// filter it already has now also matches the vendor's intent. A component without such a
    /// filter gets no fix, since a new filter would also export it below targetSdk 31.
    pub(crate) PUSH_COMPONENT_ACTION_MISSING {
        code: "PL202",
        name: "push-component-action-missing",
        family: Family::Manifest,
        severity: Severity::Error,
        check,
        fix: Some(Applicability::Safe),
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let src = SourceIndex::of(cx, view);
        for pc in push_components(cx, view, &src) {
            // Several declarations may share the work (two receivers); an action is missing only
            // when none of them lists it.
            let first = pc.components[0];
            let name = view.vendor_name(pc.vendor);
            for f in &pc.req.filters {
                for action in &f.actions {
                    let holders: Vec<_> = pc
                        .components
                        .iter()
                        .flat_map(|c| &c.filters)
                        .filter(|cf| cf.actions.iter().any(|a| a.value.as_deref() == Some(action.as_str())))
                        .collect();
                    let usable = holders.iter().any(|cf| cf.data.is_empty());
                    if usable {
                        continue;
                    }
                    let message = if holders.is_empty() {
                        format!("the {name} `<{}>` `{}` has no intent-filter with action `{action}`", first.kind.tag(), class_of(first))
                    } else {
                        format!(
                            "the {name} `<{}>` `{}` lists action `{action}` only in a filter with `<data>`",
                            first.kind.tag(),
                            class_of(first)
                        )
                    };
                    let mut d = Diagnostic::new(&PUSH_COMPONENT_ACTION_MISSING, message)
                        .primary(first.name_span, format!("the {} component declared here", pc.vendor.display));
                    for h in &holders {
                        d = d.secondary(h.span, "the filter with `<data>`");
                    }
                    out.push(
                        d.fix_opt(add_action(cx, view, &pc, f, action)).vendor(&pc.vendor.id).note(format!(
                            "the {} SDK sends `{action}` without data; no filter of this component matches it, so it is never delivered",
                            pc.vendor.display
                        ))
                        .help(format!(
                            "add `<intent-filter><action android:name=\"{action}\" /></intent-filter>` to the component"
                        )),
                    );
                }
            }
        }
    });
}

/// A fix adding `action` to a filter of the component that the vendor's intent would then match:
/// one without `<data>`, with the categories the vendor's intent carries, in the app's own manifest.
fn add_action(cx: &Ctx, view: &VariantView, pc: &PushComponent, f: &FilterReq, action: &str) -> Option<Fix> {
    let categories: Vec<String> =
        f.categories.iter().map(|c| resolve_app_id(c, view)).collect::<Option<_>>()?;
    let fits = |cf: &&IntentFilter| {
        cf.data.is_empty()
            && categories.iter().all(|w| cf.categories.iter().any(|k| k.value.as_deref() == Some(w.as_str())))
    };
    let related = |cf: &&IntentFilter| {
        cf.actions.iter().any(|a| {
            a.value.as_deref().is_some_and(|v| f.actions.iter().chain(&f.optional_actions).any(|x| x == v))
        })
    };
    let filters: Vec<&IntentFilter> = pc.components.iter().flat_map(|c| &c.filters).filter(fits).collect();
    let cf = filters.iter().copied().find(related).or(filters.first().copied())?;
    let (m, el) = cx.project.element(cf.elem);
    if m.library.is_some() {
        return None;
    }
    let last = el.children.iter().rev().copied().find(|c| {
        let e = m.doc.element(*c);
        e.local == "action" && e.ns.is_none()
    })?;
    let name = m.doc.android_attr(last, "name")?;
    let (ns, q) = attribute_style(cx, Span::new(m.file, name.value_span))?;
    let edit = insert_line_after(
        cx,
        Span::new(m.file, m.doc.element(last).span),
        &format!("<action {ns}:name={q}{action}{q} />"),
    )?;
    Some(Fix::safe(format!("add action `{action}` to the component's intent-filter"), edit))
}
