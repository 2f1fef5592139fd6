//! Checkstyle XML for Jenkins warnings-ng and reviewdog: findings grouped by file, severity
//! error/warning/info, `source` = `pushlint.<family>.<CODE>`.

use super::{Diagnostic, Run, Severity, join_rel};

/// Escapes attribute text as Checkstyle's XMLLogger does: `\r` dropped, `\n` as `&#10;`.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => {}
            // Not allowed in XML 1.0: dropped, as control characters are.
            c if ((c as u32) < 0x20 && c != '\t') || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
    }
}

fn error(d: &Diagnostic, run: &Run, family: &str) -> String {
    let (line, column) = match &d.primary {
        Some(p) => {
            let pos = run.sources.position(p.span.file, p.span.range.start);
            (pos.line, pos.column)
        }
        None => (1, 1),
    };
    let message = super::message_with_variant(d);
    format!(
        "    <error line=\"{line}\" column=\"{column}\" severity=\"{}\" message=\"{}\" source=\"pushlint.{family}.{}\"/>\n",
        severity(d.severity),
        escape(&message),
        d.code
    )
}

/// Renders every project's findings in one document; `family_of` maps a code to its family.
pub fn render(runs: &[Run], family_of: &dyn Fn(&str) -> &'static str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n");
    for run in runs {
        // Findings are sorted by file, so each file's findings are adjacent.
        let mut current: Option<String> = None;
        for d in run.diagnostics {
            let file = d
                .primary
                .as_ref()
                .map_or(String::new(), |p| join_rel(&run.prefix, run.sources.path(p.span.file)));
            if current.as_deref() != Some(file.as_str()) {
                if current.is_some() {
                    out.push_str("  </file>\n");
                }
                out.push_str(&format!("  <file name=\"{}\">\n", escape(&file)));
                current = Some(file);
            }
            out.push_str(&error(d, run, family_of(d.code)));
        }
        if current.is_some() {
            out.push_str("  </file>\n");
        }
    }
    out.push_str("</checkstyle>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing;
    use super::*;

    #[test]
    fn multi_file_diagnostic() {
        let files = testing::files();
        let diags = testing::diagnostics();
        let run = Run { diagnostics: &diags, sources: &files, prefix: String::new(), base_uri: None };
        insta::assert_snapshot!(render(&[run], &|_| "click"));
    }
}
