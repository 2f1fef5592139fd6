//! The `android {}` block: SDK levels, products (defaultConfig, flavors, build types), placeholders and source sets.

use super::*;

impl Extractor<'_> {
    // ---- android ----

    pub(super) fn android_leaf(&mut self, name: &str, act: &Act, value: Option<&Node>) -> bool {
        let a = &mut self.out.android;
        match name {
            "namespace" | "setNamespace" => {
                if let Some(v) = value {
                    a.namespace = Some(spanned_value(v));
                }
                true
            }
            "compileSdk" | "compileSdkVersion" | "setCompileSdkVersion" => {
                if let Some(v) = value {
                    a.compile_sdk = Some(spanned_value(v));
                }
                true
            }
            "flavorDimensions" | "flavorDimensions.add" | "flavorDimensions.addAll" => {
                let nodes: Vec<&Node> = match act {
                    Act::Call { args, .. } => args.iter().flat_map(|x| list_items(&x.value)).collect(),
                    Act::Assign { op, value } => {
                        if *op == "=" {
                            a.flavor_dimensions.clear();
                        }
                        list_items(value)
                    }
                };
                for n in nodes {
                    if let Some(s) = lit_string(n) {
                        a.flavor_dimensions.push(Spanned::new(s, n.range));
                    }
                }
                true
            }
            _ => false,
        }
    }

    pub(super) fn product_leaf(
        &mut self,
        f: &Frame,
        p: Product,
        segs: &[Spanned<String>],
        name: &str,
        act: &Act,
        value: Option<&Node>,
    ) -> bool {
        let cond = f.cond;
        if segs.first().is_some_and(|s| s.value == "manifestPlaceholders")
            || name == "addManifestPlaceholders"
        {
            self.placeholders(p, segs, act, cond);
            return true;
        }
        if name == "setManifestPlaceholders" {
            self.placeholders(p, &[], &Act::Call { args: &[], closure: None }, cond);
            if let Act::Call { args, .. } = act {
                if let Some(v) = first_positional(args) {
                    self.assign_placeholders(p, v, cond);
                }
            }
            return true;
        }
        let Some(v) = value else { return false };
        let Some(pc) = self.product_mut(p) else { return false };
        let slot = match name {
            "applicationId" | "setApplicationId" => &mut pc.application_id,
            "applicationIdSuffix" | "setApplicationIdSuffix" => &mut pc.application_id_suffix,
            "minSdk" | "minSdkVersion" | "setMinSdkVersion" => &mut pc.min_sdk,
            "targetSdk" | "targetSdkVersion" | "setTargetSdkVersion" => &mut pc.target_sdk,
            "dimension" | "setDimension" => &mut pc.dimension,
            _ => return false,
        };
        set_opt(slot, spanned_value(v), cond);
        true
    }

    pub(super) fn push_placeholder(
        &mut self,
        p: Product,
        key: Spanned<String>,
        v: &Node,
        kind: PlaceholderOpKind,
        cond: bool,
    ) {
        if key.value.is_empty() {
            return;
        }
        if let Some(pc) = self.product_mut(p) {
            pc.manifest_placeholders.push(PlaceholderOp {
                key,
                value: spanned_value(v),
                kind,
                conditional: cond,
            });
        }
    }

    pub(super) fn assign_placeholders(&mut self, p: Product, v: &Node, cond: bool) {
        let Some(entries) = map_entries(v) else { return };
        self.group += 1;
        let group = self.group;
        if entries.is_empty() {
            if let Some(pc) = self.product_mut(p) {
                pc.manifest_placeholders.push(PlaceholderOp {
                    key: Spanned::new(String::new(), v.range),
                    value: Spanned::new(Value::Unknown, v.range),
                    kind: PlaceholderOpKind::Clear { group },
                    conditional: cond,
                });
            }
        }
        for (k, val) in entries {
            self.push_placeholder(p, k, val, PlaceholderOpKind::Assign { group }, cond);
        }
    }

    pub(super) fn placeholders(&mut self, p: Product, segs: &[Spanned<String>], act: &Act, cond: bool) {
        let names: Vec<&str> = segs.iter().map(|s| s.value.as_str()).collect();
        match (names.as_slice(), act) {
            (["manifestPlaceholders"], Act::Assign { op: "=", value }) => {
                self.assign_placeholders(p, value, cond)
            }
            (["manifestPlaceholders"], Act::Assign { op: "+=", value }) => {
                for (k, v) in map_entries(value).unwrap_or_default() {
                    self.push_placeholder(p, k, v, PlaceholderOpKind::Add, cond);
                }
            }
            (["manifestPlaceholders"] | ["addManifestPlaceholders"], Act::Call { args, .. })
            | (["manifestPlaceholders", "putAll"], Act::Call { args, .. }) => {
                for (k, v) in entries_of_args(args) {
                    self.push_placeholder(p, k, v, PlaceholderOpKind::Add, cond);
                }
            }
            (["manifestPlaceholders", "put" | "set"], Act::Call { args, .. }) => {
                if let (Some(k), Some(v)) = (args.first().and_then(|a| key_of(&a.value)), args.get(1)) {
                    self.push_placeholder(p, k, &v.value, PlaceholderOpKind::Add, cond);
                }
            }
            (["manifestPlaceholders", _], Act::Assign { op: "=", value }) => {
                if let Some(k) = segs.get(1) {
                    self.push_placeholder(p, k.clone(), value, PlaceholderOpKind::Add, cond);
                }
            }
            _ => {}
        }
    }

    pub(super) fn source_set_leaf(
        &mut self,
        i: usize,
        part: Part,
        name: &str,
        act: &Act,
        cond: bool,
    ) -> bool {
        // Inside `manifest { }` / `java { }` blocks the prefix comes from the context.
        let full = match part {
            Part::Whole => name.to_string(),
            Part::Manifest => format!("manifest.{name}"),
            Part::Java => format!("java.{name}"),
            Part::Kotlin => format!("kotlin.{name}"),
            Part::Res => format!("res.{name}"),
            Part::Assets => format!("assets.{name}"),
            Part::Other => return false,
        };
        let (values, replace): (Vec<&Node>, bool) = match act {
            Act::Call { args, closure: None } => {
                (args.iter().flat_map(|a| list_items(&a.value)).collect(), full.ends_with(".setSrcDirs"))
            }
            Act::Assign { op: op @ ("=" | "+="), value } => (list_items(value), *op == "="),
            _ => return false,
        };
        let Some(ss) = self.out.android.source_sets.get_mut(i) else { return false };
        let (folder, method) = full.split_once('.').unwrap_or((full.as_str(), ""));
        if folder == "manifest" {
            if matches!(method, "srcFile" | "setSrcFile") {
                if let Some(v) = values.first() {
                    ss.manifest_src_file = Some(spanned_value(unwrap_uri(v)));
                }
                return true;
            }
            return false;
        }
        let kind = match folder {
            "java" => SrcKind::Java,
            "kotlin" => SrcKind::Kotlin,
            "res" => SrcKind::Res,
            "assets" => SrcKind::Assets,
            _ => return false,
        };
        if !matches!(method, "srcDirs" | "srcDir" | "setSrcDirs") {
            return false;
        }
        let dirs: Vec<Spanned<Value>> = values.into_iter().map(|v| spanned_value(unwrap_uri(v))).collect();
        if replace && dirs.is_empty() {
            let range = match act {
                Act::Assign { value, .. } => value.range,
                Act::Call { .. } => TextRange::default(),
            };
            let dir = Spanned::new(Value::Str(String::new()), range);
            ss.dir_ops.push(SrcDirOp { kind, dir, replace, conditional: cond });
        }
        for (k, dir) in dirs.iter().enumerate() {
            ss.dir_ops.push(SrcDirOp {
                kind,
                dir: dir.clone(),
                replace: replace && k == 0,
                conditional: cond,
            });
        }
        match kind {
            SrcKind::Java => ss.java_src_dirs.extend(dirs),
            SrcKind::Assets => ss.assets_src_dirs.extend(dirs),
            SrcKind::Kotlin | SrcKind::Res => {}
        }
        true
    }
}
