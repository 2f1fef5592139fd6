//! What kind of module a build file makes: an application or a library, by any plugin syntax,
//! and the toggle between the two that component-based projects write.
use crate::parse::gradle::{PluginSyntax, Value};
use crate::project::{BuildFile, Catalogs, ModuleKind, Project};

/// Application or library, by any plugin syntax; a module whose plugins are convention plugins
/// is classified by its `android {}` block (only applications may set `applicationId`).
pub(super) fn classify(build: &BuildFile, catalogs: Catalogs) -> ModuleKind {
    let mut ids: Vec<String> = Vec::new();
    for p in build.script.plugins.iter().filter(|p| p.apply) {
        match (&p.syntax, &p.id.value) {
            (PluginSyntax::Alias, Value::Ref(r)) => ids.extend(catalogs.plugin_id(r)),
            (_, v) => ids.extend(v.literal()),
        }
    }
    if ids.iter().any(|i| i == "com.android.application") {
        return ModuleKind::Application;
    }
    if ids.iter().any(|i| i == "com.android.library") {
        return ModuleKind::Library;
    }
    let android = &build.script.android;
    if android.default_config.application_id.is_some() {
        ModuleKind::Application
    } else if android.present {
        ModuleKind::Library
    } else {
        ModuleKind::Other
    }
}

/// The component-development toggle: a module that applies the application plugin under one
/// condition and the library plugin under another (`if (isModule) … else …`, often from a shared
/// script) is one or the other. When an application module depends on it, the build that has
/// that dependency has it as a library, since an application cannot be a dependency: it is
/// checked as one, and not as an app of its own with the namespace for an applicationId.
pub(super) fn settle_toggled(project: &mut Project) {
    let toggled: Vec<usize> = (0..project.modules.len())
        .filter(|&i| project.modules[i].kind == ModuleKind::Application && toggles_kind(project, i))
        .collect();
    for &i in &toggled {
        let depended = project.modules.iter().enumerate().any(|(j, m)| {
            m.kind == ModuleKind::Application
                && !toggled.contains(&j)
                && m.project_deps.iter().any(|&(d, _)| d == i)
        });
        if depended {
            project.modules[i].kind = ModuleKind::Library;
        }
    }
}

/// Whether module `i` applies both Android plugins, each under a condition, in its build file or
/// the scripts and convention plugins it applies: in two branches, or as the two values of one
/// conditional expression (`apply plugin: isModule ? 'com.android.application' : 'com.android.library'`).
fn toggles_kind(project: &Project, i: usize) -> bool {
    const APP: &str = "com.android.application";
    const LIB: &str = "com.android.library";
    let m = &project.modules[i];
    let scripts = m.build.iter().chain(m.conventions.iter().map(|a| &project.conventions[a.plugin].build));
    let (mut app, mut lib) = (false, false);
    for b in scripts {
        for p in b.script.plugins.iter().filter(|p| p.apply) {
            match p.id.value.literal().as_deref() {
                Some(APP) if p.conditional => app = true,
                Some(LIB) if p.conditional => lib = true,
                None if matches!(p.id.value, Value::Unknown) => {
                    let text = project.files.get(b.file).text.get(p.range.as_usize()).unwrap_or("");
                    if text.contains(APP) && text.contains(LIB) {
                        return true;
                    }
                }
                _ => {}
            }
        }
    }
    app && lib
}
