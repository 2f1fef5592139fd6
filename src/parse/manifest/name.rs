//! Interned element and attribute names: a manifest repeats a handful of names many times.

/// An element or attribute name, or a namespace URI: shared text, since a manifest repeats a
/// handful of names (`activity`, `android:name`, the Android URI) thousands of times in a monorepo.
/// Compares with `&str` and `String`, and derefs to `str`. A thin pointer (one word): an element
/// and each attribute hold three of them.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Name(std::sync::Arc<Box<str>>);

impl Name {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Name {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Name {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<&str> for Name {
    fn from(s: &str) -> Name {
        Name(std::sync::Arc::new(s.into()))
    }
}

impl PartialEq<str> for Name {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Name {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<Name> for str {
    fn eq(&self, other: &Name) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Name> for &str {
    fn eq(&self, other: &Name) -> bool {
        *self == other.as_str()
    }
}

/// Names seen on this thread, so equal names share one allocation across documents.
pub(super) fn intern(s: &str) -> Name {
    thread_local! {
        static NAMES: std::cell::RefCell<std::collections::HashSet<Name>> = Default::default();
    }
    // Hostile input could hold any number of distinct names: past this many, stop sharing.
    const MAX_INTERNED: usize = 4096;
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if let Some(n) = names.get(s) {
            return n.clone();
        }
        let n = Name::from(s);
        if names.len() < MAX_INTERNED {
            names.insert(n.clone());
        }
        n
    })
}
