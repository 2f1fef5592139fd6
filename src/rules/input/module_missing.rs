//! PL010: a module included in settings whose folder is absent.
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A module that `settings.gradle` includes whose folder does not exist (after
    /// `projectDir` remaps).
    ///
    /// ## Why it matters
    /// Gradle cannot configure a module without its folder; and if it carries push components
    /// (a TUIOfflinePush-style library), pushlint cannot see them, so findings about missing
    /// components may be incomplete.
    ///
    /// ## Example
    /// `include ':tuiofflinepush'` with `projectDir = new File(settingsDir, '../TUIKit/TUIOfflinePush/tuiofflinepush')`
    /// in a checkout without the `TUIKit` folder.
    ///
    /// ## How to fix
    /// Check out the module, or remove the `include`.
    pub(crate) MODULE_MISSING {
        code: "PL010",
        name: "module-missing",
        family: Family::Input,
        severity: Severity::Info,
        check,
    }
}

fn check(cx: &Ctx, out: &mut Vec<Diagnostic>) {
    // One finding per settings file, however many modules it includes without a folder: each
    // include is a label, so a checkout without a sibling repository gives one block, not dozens.
    let missing: Vec<_> =
        cx.project.problems.iter().filter(|p| p.kind == InputProblemKind::ModuleMissing).collect();
    let mut files: Vec<_> = missing.iter().map(|p| p.span.file).collect();
    files.dedup();
    for file in files {
        let here: Vec<_> = missing.iter().filter(|p| p.span.file == file).collect();
        let [first, rest @ ..] = here.as_slice() else { continue };
        if rest.is_empty() {
            out.push(
                Diagnostic::new(&MODULE_MISSING, first.message.clone())
                    .primary(first.span, "included here")
                    .note("push settings in that module are not checked")
                    .help("check out the module, or remove the `include`"),
            );
            continue;
        }
        let names: Vec<String> = here.iter().map(|p| module_of(&p.message).0).collect();
        let mut d = Diagnostic::new(
            &MODULE_MISSING,
            format!("{} included modules have no folder: {}", here.len(), names.join(", ")),
        )
        .primary(first.span, label(&first.message));
        for p in rest {
            d = d.secondary(p.span, label(&p.message));
        }
        out.push(
            d.note("push settings in those modules are not checked")
                .help("check out the modules, or remove their `include`s"),
        );
    }
}

/// The module and folder a discovery message names (`module `:push` is included but its folder
/// `../push` does not exist`), in backticks; the whole message when it has another shape.
fn module_of(message: &str) -> (String, Option<String>) {
    let parts: Vec<&str> = message.split('`').collect();
    match parts.as_slice() {
        [_, module, _, folder, ..] => (format!("`{module}`"), Some(format!("`{folder}`"))),
        _ => (message.to_string(), None),
    }
}

fn label(message: &str) -> String {
    match module_of(message) {
        (module, Some(folder)) => format!("{module} included here, no folder {folder}"),
        _ => "included here".to_string(),
    }
}
