//! PL205: a vendor component names a documentation placeholder class, or a class still in a
//! Tencent sample's package.
use super::{SourceIndex, class_of, each_push_component};
use crate::catalog::detect::glob_matches;
use crate::diagnostics::Diagnostic;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A vendor component's `android:name` is a placeholder from the integration guide (such as
    /// `xxxx.GoogleFCMMsgService`), or a class in a sample's package (the IM demo's
    /// `com.tencent.qcloud.tim.demo…`, TUIOfflinePush's `com.tencent.qcloud.tim.tuiofflinepush…`)
    /// although no merged module has that namespace and no source file declares the class.
    ///
    /// ## Why it matters
    /// The class does not exist in the app: the vendor's service fails to start it and the
    /// pushes it should handle are lost (or the app crashes when the system instantiates it).
    ///
    /// ## Example
    /// An app with namespace `com.acme.chat` declaring
    /// `<receiver android:name="com.tencent.qcloud.tim.demo.thirdpush.XiaomiMsgReceiver">`.
    ///
    /// ## How to fix
    /// Write the class in the app (copy the sample's source into the app's package) and name it here.
    pub(crate) PUSH_COMPONENT_CLASS_PLACEHOLDER {
        code: "PL205",
        name: "push-component-class-placeholder",
        family: Family::Manifest,
        severity: Severity::Error,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    cx.per_variant(out, |view, out| {
        let src = SourceIndex::of(cx, view);
        for (vendor, req, c) in each_push_component(cx, view, &src) {
            let class = class_of(c);
            // SDK classes are named exactly by the catalog; only the app's own classes can be
            // placeholders, and a library's classes are its own.
            if req.class.is_some() || c.library.is_some() {
                continue;
            }
            let placeholder = cx
                .catalog
                .profiles
                .iter()
                .find(|p| p.manifest.placeholder_classes.iter().any(|g| glob_matches(g, class)));
            let demo = cx.catalog.profiles.iter().find_map(|p| {
                p.manifest.demo_packages.iter().find(|pkg| {
                    class.starts_with(&format!("{pkg}."))
                        && !src.namespaces.iter().any(|ns| ns == *pkg || ns.starts_with(&format!("{pkg}.")))
                        && !src.has_type(class)
                })
            });
            let (message, label) = if placeholder.is_some() {
                (
                    format!("the {} component class `{class}` is a placeholder from the integration guide", view.vendor_name(vendor)),
                    "placeholder class",
                )
            } else if let Some(pkg) = demo {
                (
                    format!("the {} component class `{class}` is in the sample package `{pkg}`, not in this app", view.vendor_name(vendor)),
                    "class of the sample",
                )
            } else {
                continue;
            };
            out.push(
                Diagnostic::new(&PUSH_COMPONENT_CLASS_PLACEHOLDER, message)
                    .primary(c.name_span, label)
                    .vendor(&vendor.id)
                    .note("the class does not exist in this app, so the system cannot start the component and its pushes are lost")
                    .help(match &req.subclass_of {
                        Some(base) => format!("name the app's own subclass of `{base}` here"),
                        None => "name the app's own class here".to_string(),
                    }),
            );
        }
    });
}
