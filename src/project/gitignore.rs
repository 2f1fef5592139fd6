//! Which paths the repository's `.gitignore` files keep out of version control. Files such as
//! `google-services.json` are often ignored on purpose and supplied by CI: their absence from a
//! checkout is not a defect. Matching only; `discover` reads the files.

use ignore::Match;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::path::{Path, PathBuf};

/// The `.gitignore` files that apply inside the project, each with the folder it sits in.
#[derive(Clone, Debug, Default)]
pub struct GitIgnores {
    /// Deepest folder first, so the first decisive match is the one Git applies.
    matchers: Vec<Gitignore>,
}

impl GitIgnores {
    /// Builds the matchers from `(folder, .gitignore text)` pairs; unparsable lines are skipped.
    pub fn new(files: Vec<(PathBuf, String)>) -> GitIgnores {
        let mut matchers: Vec<Gitignore> = files
            .into_iter()
            .filter_map(|(dir, text)| {
                let mut b = GitignoreBuilder::new(&dir);
                for line in text.lines() {
                    // A malformed pattern is skipped, as Git skips it.
                    let _ = b.add_line(None, line);
                }
                b.build().ok()
            })
            .collect();
        matchers.sort_by_key(|m| std::cmp::Reverse(m.path().components().count()));
        GitIgnores { matchers }
    }

    /// Whether a `.gitignore` pattern names the file at the absolute path `abs` itself (its name,
    /// a glob or a path matching it), so that it is kept out of Git on purpose. A pattern that
    /// matches one of its folders only (`release/`, `build/`: outputs) does not count: it says
    /// nothing of the file, and a missing config file there is still missing.
    pub fn ignores(&self, abs: &Path) -> bool {
        for m in self.matchers.iter().filter(|m| abs.starts_with(m.path())) {
            match m.matched(abs, false) {
                Match::Ignore(_) => return true,
                Match::Whitelist(_) => return false,
                Match::None => {}
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deeper_files_decide_and_negations_count() {
        let root = PathBuf::from("/p");
        let ig = GitIgnores::new(vec![
            (root.clone(), "/app/src/release/google-services.json\n*.jks\nbuild/\nrelease/\n".into()),
            (root.join("app"), "!src/release/google-services.json\nagconnect-services.json\n".into()),
        ]);
        assert!(!ig.ignores(&root.join("app/src/release/google-services.json")));
        assert!(ig.ignores(&root.join("app/agconnect-services.json")));
        assert!(ig.ignores(&root.join("keys/upload.jks")));
        // A folder pattern (outputs) names no file in it.
        assert!(!ig.ignores(&root.join("app/build/generated/x.json")));
        assert!(!ig.ignores(&root.join("app/src/release/mcs-services.json")));
        assert!(!ig.ignores(&root.join("app/google-services.json")));
    }
}
