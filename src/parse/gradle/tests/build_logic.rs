//! Build logic: included builds, plugin registrations and binary convention plugins.

use super::*;

#[test]
fn included_builds_and_registrations() {
    let sc = k(
        "pluginManagement {\n includeBuild(\"build-logic\")\n repositories { google() }\n}\nincludeBuild(\"../shared-logic\")\ninclude(\":app\")\n",
    );
    let builds: Vec<_> = sc.included_builds.iter().map(|b| b.value.clone()).collect();
    assert_eq!(builds, vec![s("build-logic"), s("../shared-logic")]);
    assert_eq!(sc.includes.len(), 1);
    let sc = k(
        "gradlePlugin {\n plugins {\n  register(\"androidApplication\") {\n   id = \"acme.android.application\"\n   \
                implementationClass = \"AndroidApplicationConventionPlugin\"\n  }\n  register(\"push\") {\n   \
                id = libs.plugins.acme.push.get().pluginId\n   implementationClass = \"com.acme.PushConventionPlugin\"\n  }\n }\n}\n",
    );
    let regs: Vec<_> = sc
        .plugin_registrations
        .iter()
        .map(|r| {
            (r.id.as_ref().map(|v| v.value.clone()), r.implementation_class.as_ref().map(|v| v.value.clone()))
        })
        .collect();
    assert_eq!(
        regs,
        vec![
            (Some(s("acme.android.application")), Some("AndroidApplicationConventionPlugin".to_string())),
            (Some(r("libs.plugins.acme.push.pluginId")), Some("com.acme.PushConventionPlugin".to_string())),
        ]
    );
    // Groovy: `plugins { name { id = '…' } }`.
    let sc = g("gradlePlugin { plugins { push { id = 'acme.push'\n implementationClass = 'Push' } } }");
    assert_eq!(sc.plugin_registrations.len(), 1);
    assert_eq!(sc.plugin_registrations[0].id.as_ref().map(|v| v.value.clone()), Some(s("acme.push")));
}

const PLUGIN_CLASS: &str = r#"import com.android.build.api.dsl.ApplicationExtension
import org.gradle.api.Plugin

class AndroidApplicationConventionPlugin : Plugin<Project> {
    override fun apply(target: Project) {
        with(target) {
            with(pluginManager) {
                apply("com.android.application")
                apply("org.jetbrains.kotlin.android")
            }
            apply(plugin = "com.google.gms.google-services")
            target.pluginManager.apply("com.huawei.agconnect")
            extensions.configure<ApplicationExtension> {
                defaultConfig.targetSdk = 34
                configureKotlinAndroid(this)
            }
            extensions.configure<KotlinAndroidProjectExtension> {
                defaultConfig.targetSdk = 99
            }
            val libs = extensions.getByType<VersionCatalogsExtension>().named("libs")
            dependencies {
                add("implementation", libs.findLibrary("timpush-core").get())
                "implementation"(libs.findLibrary("firebase.messaging").get())
                add("implementation", someHelper())
            }
            dependencies.add("api", libs.findBundle("push").get())
        }
    }

    private fun unrelated() { apply("not.a.plugin") }
}
"#;

#[test]
fn binary_convention_plugin() {
    let sc = parse_plugin_class(PLUGIN_CLASS, Dsl::Kotlin);
    assert_eq!(
        plugin_ids(&sc),
        vec![
            s("com.android.application"),
            s("org.jetbrains.kotlin.android"),
            s("com.google.gms.google-services"),
            s("com.huawei.agconnect"),
        ]
    );
    assert_eq!(at(PLUGIN_CLASS, sc.plugins[0].id.range), "\"com.android.application\"");
    assert_eq!(sc.android.default_config.target_sdk.as_ref().map(|v| v.value.clone()), Some(Value::Int(34)));
    let deps: Vec<_> = sc
        .dependencies
        .iter()
        .map(|d| match &d.notation {
            DepNotation::Catalog(c) => c.value.clone(),
            other => format!("{other:?}"),
        })
        .collect();
    assert_eq!(deps, vec!["libs.timpush.core", "libs.firebase.messaging", "Unknown", "libs.bundles.push"]);
    assert!(sc.errors.is_empty());
}
