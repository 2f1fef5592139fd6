//! PL214: a vendor receiver's filter lacks the category the vendor's intent carries (Meizu: the applicationId).
use super::{APPLICATION_ID, SourceIndex, class_of, push_components, resolve_app_id};
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::fixes::replace_value;
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// The intent-filter holding a vendor's actions lacks a `<category>` the vendor's intent
    /// carries. For Meizu that is the applicationId: Tencent's samples used the receiver's Java
    /// package (`com.tencent.qcloud.tim.demo.thirdpush`) until 6.3, then `${applicationId}`.
    /// Meizu's own documentation is ambiguous, hence a warning.
    ///
    /// ## Why it matters
    /// An intent matches a filter only if the filter lists every category of the intent: with
    /// another category, Meizu's messages and registration results may never arrive.
    ///
    /// ## Example
    /// applicationId `com.acme.chat` and `<category android:name="com.acme.chat.push" />` in the
    /// Meizu receiver's filter.
    ///
    /// ## How to fix
    /// Write the category as `${applicationId}`.
    ///
    /// ## Fix
    /// Unsafe: when the filter has a single category, writes it as `${applicationId}`. Meizu's
    /// documentation is ambiguous about the category its intent carries, so check the result on a
    /// Meizu phone.
    pub(crate) PUSH_COMPONENT_CATEGORY_MISMATCH {
        code: "PL214",
        name: "push-component-category-mismatch",
        family: Family::Manifest,
        severity: Severity::Warning,
        check,
        fix: Some(Applicability::Unsafe),
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let src = SourceIndex::of(cx, view);
        for pc in push_components(cx, view, &src) {
            let name = view.vendor_name(pc.vendor);
            for f in &pc.req.filters {
                for template in &f.categories {
                    let Some(expected) = resolve_app_id(template, view) else { continue };
                    for c in &pc.components {
                        // The filters that carry the vendor's actions (a missing action is PL202's).
                        for cf in c.filters.iter().filter(|cf| {
                            cf.actions.iter().any(|a| {
                                a.value.as_deref().is_some_and(|v| f.actions.iter().chain(&f.optional_actions).any(|x| x == v))
                            })
                        }) {
                            if cf.categories.iter().any(|k| k.value.as_deref() == Some(expected.as_str()) || k.value.is_none()) {
                                continue;
                            }
                            let what = if template == APPLICATION_ID { "the applicationId".to_string() } else { format!("`{template}`") };
                            let d = match cf.categories.as_slice() {
                                [only] => Diagnostic::new(
                                    &PUSH_COMPONENT_CATEGORY_MISMATCH,
                                    format!(
                                        "the {name} `<{}>` `{}` filters on category `{}`, not {what} `{expected}`",
                                        c.kind.tag(),
                                        class_of(c),
                                        only.value.as_deref().unwrap_or("")
                                    ),
                                )
                                .primary(only.span, "category set here")
                                .fix(Fix::unsafe_edit(format!("use `{template}`"), replace_value(cx, only.span, template))),
                                _ => Diagnostic::new(
                                    &PUSH_COMPONENT_CATEGORY_MISMATCH,
                                    format!("the {name} `<{}>` `{}` has no category {what} `{expected}`", c.kind.tag(), class_of(c)),
                                )
                                .primary(cf.span, "filter without the category"),
                            };
                            out.push(
                                d.vendor(&pc.vendor.id)
                                    .secondary_opt(view.variant.application_id.span(), "applicationId set here")
                                    .note(format!(
                                        "the {} intent carries {what} as a category; a filter without it may not match, so messages are lost",
                                        pc.vendor.display
                                    ))
                                    .help(format!("write `<category android:name=\"{template}\" />`")),
                            );
                        }
                    }
                }
            }
        }
    });
}
