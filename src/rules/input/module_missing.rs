//! PL010: a module included in settings whose folder is absent.
use crate::diagnostics::Diagnostic;
use crate::project::InputProblemKind;
use crate::rules::{Ctx, Family, Severity, declare_rule};

declare_rule! {
    /// ## What it checks
    /// A module that `settings.gradle` includes whose folder does not exist (after
    /// `projectDir` remaps), or exists only in another case (`KotlinApp` for `:kotlinapp`).
    ///
    /// ## Why it matters
    /// Gradle cannot configure a module without its folder; and if it carries push components
    /// (a TUIOfflinePush-style library), pushlint cannot see them, so findings about missing
    /// components may be incomplete. A folder in another case is found on macOS and Windows
    /// only: the build on Linux, where most CI runs, has no such module (pushlint checks it).
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
    // A folder that differs in case only is read (Gradle finds it on macOS and Windows), but a
    // Linux checkout, where most CI builds run, has no such module.
    for p in cx.project.problems.iter().filter(|p| p.kind == InputProblemKind::ModuleFolderCase) {
        out.push(
            Diagnostic::new(&MODULE_MISSING, p.message.clone())
                .primary(p.span, "included here")
                .note("case-insensitive file systems (macOS, Windows) find the folder, Linux does not: a build there has no such module; it is checked as the folder found")
                .help("give the folder and the `include` the same case"),
        );
    }
    // One finding per settings file, however many modules it includes without a folder: each
    // include is a label, so a checkout without a sibling repository gives one block, not dozens.
    let missing: Vec<_> =
        cx.project.problems.iter().filter(|p| p.kind == InputProblemKind::ModuleMissing).collect();
    let mut files: Vec<_> = missing.iter().map(|p| p.span.file).collect();
    files.dedup();
    for file in files {
        let here: Vec<_> = missing.iter().filter(|p| p.span.file == file).collect();
        let [first, rest @ ..] = here.as_slice() else { continue };
        // Folders of JavaScript packages (React Native) come with `npm install`, not a checkout.
        let packages =
            here.iter().all(|p| module_of(&p.message).1.is_some_and(|f| f.contains("node_modules/")));
        if rest.is_empty() {
            out.push(
                Diagnostic::new(&MODULE_MISSING, first.message.clone())
                    .primary(first.span, "included here")
                    .note("push settings in that module are not checked")
                    .help(if packages {
                        "install the JavaScript dependencies (`npm install` or `yarn`), then lint again"
                    } else {
                        "check out the module, or remove the `include`"
                    }),
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
        out.push(d.note("push settings in those modules are not checked").help(if packages {
            "install the JavaScript dependencies (`npm install` or `yarn`), then lint again"
        } else {
            "check out the modules, or remove their `include`s"
        }));
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
