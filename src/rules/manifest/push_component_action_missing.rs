//! PL202: a vendor component lacks an intent-filter action the vendor sends it.
use super::{SourceIndex, class_of, push_components};
use crate::diagnostics::Diagnostic;
use crate::rules::{Ctx, Family, Severity, declare_rule};

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
    pub(crate) PUSH_COMPONENT_ACTION_MISSING {
        code: "PL202",
        name: "push-component-action-missing",
        family: Family::Manifest,
        severity: Severity::Error,
        check,
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
                        d.vendor(&pc.vendor.id).note(format!(
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
