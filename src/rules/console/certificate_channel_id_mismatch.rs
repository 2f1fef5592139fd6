//! PL510: the app sends with, or creates, channel ids other than the console certificate's.
use super::{certificates, display};
use crate::diagnostics::Diagnostic;
use crate::project::Located;
use crate::project::merge::merged_modules;
use crate::rules::{Ctx, Family, Severity, declare_rule};
use crate::span::{FileId, Span, TextRange};

declare_rule! {
    /// ## What it checks
    /// For a certificate with a `channelId` (OPPO), the app's sources pass another string literal
    /// to `setAndroidOPPOChannelID`, or create notification channels only with other literal ids.
    /// When any id is computed at run time, the rule stays silent.
    /// A vendor reached only through a push aggregator (JPush, Getui, Umeng Push) is not counted:
    /// its credentials live in the aggregator's own console, not in the IM console.
    ///
    /// ## Why it matters
    /// OPPO shows a push only in the channel registered in the console, and only if the app
    /// created that channel on the device. A different id means OPPO phones display nothing.
    ///
    /// ## Example
    /// The console's OPPO certificate has `"channelId": "im_messages"`, while the code calls
    /// `info.setAndroidOPPOChannelID("tuikit")` and `new NotificationChannel("tuikit", …)`.
    ///
    /// ## How to fix
    /// Use the console's ChannelID when sending and when creating the channel, or change the
    /// certificate's ChannelID to the one the app creates.
    pub(crate) CERTIFICATE_CHANNEL_ID_MISMATCH {
        code: "PL510",
        name: "certificate-channel-id-mismatch",
        family: Family::Console,
        severity: Severity::Warning,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let facts = &cx.catalog.console;
    cx.per_variant(out, |view, out| {
        let files: Vec<FileId> = merged_modules(cx.project, view.module)
            .iter()
            .filter_map(|&m| cx.project.modules.get(m))
            .flat_map(|m| m.sources.iter())
            .filter(|s| s.source_set == "main" || view.variant.source_sets.contains(&s.source_set))
            .map(|s| s.file)
            .collect();
        for cert in certificates(cx, view) {
            let Some(channel) = facts.channel(&cert.vendor.value) else { continue };
            let Some(id) = cert.channel_id.as_ref().filter(|c| !c.value.trim().is_empty()) else { continue };
            if super::console_integration(cx, view, &cert.vendor.value).is_none() {
                continue;
            }
            let vendor = display(cx, &cert.vendor.value);
            let mut created: Vec<Located<String>> = Vec::new();
            let mut computed = false;
            for &file in &files {
                let text = cx.project.files.get(file).text.as_str();
                for setter in &channel.setters {
                    for arg in first_args(text, setter, file) {
                        let Some(lit) = arg else { continue };
                        if lit.value == id.value {
                            continue;
                        }
                        out.push(
                            Diagnostic::new(
                                &CERTIFICATE_CHANNEL_ID_MISMATCH,
                                format!(
                                    "`{setter}` sends channel `{}` but the console's {} uses `{}`",
                                    lit.value,
                                    cert.describe(),
                                    id.value
                                ),
                            )
                            .primary(lit.span, "channel id sent")
                            .vendor(&cert.vendor.value)
                            .secondary(id.span, format!("the {vendor} ChannelID in the console"))
                            .note(format!("the {vendor} push shows only in the registered channel, so nothing is displayed"))
                            .help(format!("pass `{}` to `{setter}`", id.value)),
                        );
                    }
                }
                for creator in &channel.creators {
                    for arg in first_args(text, creator, file) {
                        match arg {
                            Some(lit) => created.push(lit),
                            None => computed = true,
                        }
                    }
                }
            }
            if computed || created.is_empty() || created.iter().any(|c| c.value == id.value) {
                continue;
            }
            let names: Vec<String> = created.iter().map(|c| format!("`{}`", c.value)).collect();
            let mut d = Diagnostic::new(
                &CERTIFICATE_CHANNEL_ID_MISMATCH,
                format!(
                    "the app creates notification channels {} but not `{}` of the console's {}",
                    names.join(", "),
                    id.value,
                    cert.describe()
                ),
            )
            .primary(id.span, format!("the {vendor} ChannelID in the console"));
            for c in &created {
                d = d.secondary(c.span, "channel created here");
            }
            out.push(
                d.vendor(&cert.vendor.value).note(format!("the {vendor} push goes to a channel the app never created, so nothing is displayed"))
                    .help(format!("create a notification channel with id `{}`", id.value)),
            );
        }
    });
}

/// The first argument of each call to `name(` in `text` outside `//` comments: `Some` when it is
/// a plain string literal (content and span), `None` when it is anything else.
fn first_args(text: &str, name: &str, file: FileId) -> Vec<Option<Located<String>>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = text.get(from..).and_then(|t| t.find(name)).map(|p| p + from) {
        from = pos + name.len();
        let before = text.get(..pos).unwrap_or_default();
        if before.chars().next_back().is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '$') {
            continue;
        }
        let line = before.rsplit('\n').next().unwrap_or_default();
        if line.contains("//") || line.trim_start().starts_with('*') {
            continue;
        }
        let rest = text.get(from..).unwrap_or_default();
        let Some(args) = rest.trim_start().strip_prefix('(') else { continue };
        let arg = args.trim_start();
        let arg_at = text.len() - arg.len();
        let lit = arg.strip_prefix('"').and_then(|body| {
            let end = body.find(['"', '\\', '\n'])?;
            let after = body.get(end..)?;
            if !after.starts_with('"') {
                return None;
            }
            let next = after.get(1..)?.trim_start();
            if !(next.starts_with(',') || next.starts_with(')')) {
                return None;
            }
            let value = body.get(..end)?;
            Some(Located::new(
                value.to_string(),
                Span::new(file, TextRange::new(arg_at + 1, arg_at + 1 + end)),
            ))
        });
        out.push(lit);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn literal_and_computed_args() {
        let text =
            "a.setX(\"tuikit\");\n// setX(\"no\")\nb.setX(ID);\nnew NotificationChannel( \"c1\", n, i);";
        let got = super::first_args(text, "setX", crate::span::FileId(0));
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].as_ref().map(|l| l.value.as_str()), Some("tuikit"));
        assert!(got[1].is_none());
        let ch = super::first_args(text, "NotificationChannel", crate::span::FileId(0));
        let lit = ch[0].as_ref().expect("literal");
        assert_eq!(&text[lit.span.range.as_usize()], "c1");
    }
}
