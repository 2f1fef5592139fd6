//! PL209: a permission name is a near miss of a vendor's permission (OPPO's `RECIEVE` corrected to `RECEIVE`).
use super::{
    APPLICATION_ID, KnownPermission, POST_NOTIFICATIONS, edit_distance, known_permissions, permission_names,
};
use crate::diagnostics::{Diagnostic, Fix};
use crate::rules::fixes::replace_value;
use crate::rules::{Applicability, Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A `<uses-permission>`, `<permission>` or `android:permission` name differs by one or two
    /// characters from a permission in the vendor catalog — most often OPPO's
    /// `com.coloros.mcs.permission.RECIEVE_MCS_MESSAGE`, whose vendor spelling `RECIEVE` looks like
    /// a typo and gets "corrected" to `RECEIVE`.
    ///
    /// ## Why it matters
    /// Permission names are compared exactly. A near miss names a permission nobody defines or
    /// checks: it is never granted, and the vendor's messages do not reach the app.
    ///
    /// ## Example
    /// `<uses-permission android:name="com.heytap.mcs.permission.RECEIVE_MCS_MESSAGE" />`.
    ///
    /// ## How to fix
    /// Use the exact name the message gives, with the vendor's spelling.
    ///
    /// ## Fix
    /// Safe: writes the catalog's name in place of the near miss. Permission names match only
    /// exactly, so the misspelled one grants nothing.
    pub(crate) PERMISSION_NAME_MISSPELLED {
        code: "PL209",
        name: "permission-name-misspelled",
        family: Family::Manifest,
        severity: Severity::Error,
        check,
        fix: Some(Applicability::Safe),
    }
}

/// At most this many edits make a near miss; permission names are long, so two is still specific.
const MAX_EDITS: usize = 2;

/// The catalog name a permission is a near miss of: (edits, expected name, vendor spelling, vendor).
/// Distance, expected name, whether it is the vendor's own spelling, the vendor's display name and
/// catalog id (empty for Android's own permission).
type NearMiss = (usize, String, bool, String, String);

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    let known = known_permissions(cx);
    // Variants repeat the same names (`INTERNET` in every one): each is compared with the catalog once.
    let seen: std::cell::RefCell<std::collections::HashMap<String, Option<NearMiss>>> = Default::default();
    cx.per_variant(out, |view, out| {
        for (raw, span, what) in permission_names(cx, view) {
            let cached = seen.borrow().get(raw.as_str()).cloned();
            let best = match cached {
                Some(best) => best,
                None => {
                    let best = near_miss(&raw, &known);
                    seen.borrow_mut().insert(raw.to_string(), best.clone());
                    best
                }
            };
            let Some((_, expected, vendor_spelling, vendor, vendor_id)) = best else { continue };
            let note = if vendor_spelling {
                format!("this is {vendor}'s own spelling; the corrected name is a permission nobody defines, so it is never granted")
            } else {
                "permission names are compared exactly; this one is never granted or checked".to_string()
            };
            let d = Diagnostic::new(&PERMISSION_NAME_MISSPELLED, format!("permission `{raw}` is not `{expected}`"));
            let d = if vendor_id.is_empty() { d } else { d.vendor(vendor_id) };
            out.push(
                d.primary(span, format!("{what} misspelled"))
                    .note(note)
                    .help(format!("write exactly `{expected}`"))
                    .fix(Fix::safe(format!("use `{expected}`"), replace_value(cx, span, &expected))),
            );
        }
    });
}

/// The closest catalog name to `raw`, if it is a near miss and not an exact name: whole names, or
/// the tail of `${applicationId}` names.
fn near_miss(raw: &str, known: &[KnownPermission]) -> Option<NearMiss> {
    let exact = raw == POST_NOTIFICATIONS
        || known.iter().any(|k| {
            raw == k.name || k.app_suffix().is_some_and(|s| raw.ends_with(s) && raw.len() > s.len())
        });
    if exact {
        return None;
    }
    let mut best: Option<NearMiss> = None;
    let mut consider = |dist: usize, expected: String, vendor_spelling: bool, vendor: (String, String)| {
        if dist <= MAX_EDITS && best.as_ref().is_none_or(|b| dist < b.0) {
            best = Some((dist, expected, vendor_spelling, vendor.0, vendor.1));
        }
    };
    consider(
        edit_distance(raw, POST_NOTIFICATIONS, MAX_EDITS),
        POST_NOTIFICATIONS.to_string(),
        false,
        ("Android".into(), String::new()),
    );
    for k in known {
        match k.app_suffix() {
            None => consider(
                edit_distance(raw, k.name, MAX_EDITS),
                k.name.to_string(),
                k.vendor_spelling,
                (k.vendor.display.clone(), k.vendor.id.clone()),
            ),
            Some(suffix) => {
                let segments = suffix.matches('.').count();
                let mut parts: Vec<&str> = raw.rsplitn(segments + 1, '.').collect();
                if parts.len() <= segments {
                    continue;
                }
                let package = parts.pop().unwrap_or("");
                parts.reverse();
                let tail = format!(".{}", parts.join("."));
                let expected = if package == APPLICATION_ID || package.is_empty() {
                    k.name.to_string()
                } else {
                    format!("{package}{suffix}")
                };
                consider(
                    edit_distance(&tail, suffix, MAX_EDITS),
                    expected,
                    k.vendor_spelling,
                    (k.vendor.display.clone(), k.vendor.id.clone()),
                );
            }
        }
    }
    best
}
