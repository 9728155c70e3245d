//! Crate versions and what kind of release a version change is, by Cargo's rules: for `0.y.z`
//! the `y` is the major number and `z` covers minor and patch; for `0.0.z` every change is major.

use std::fmt;

use super::Impact;

/// `major.minor.patch` (a pre-release suffix is ignored).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
}

impl Version {
    pub fn parse(text: &str) -> Option<Self> {
        let core = text.split(['-', '+']).next()?;
        let mut numbers = core.split('.').map(|number| number.parse::<u64>().ok());
        let version = Version { major: numbers.next()??, minor: numbers.next()??, patch: numbers.next()?? };
        numbers.next().is_none().then_some(version)
    }

    /// The smallest version after this one that allows changes of the given impact.
    pub fn bumped(self, impact: Impact) -> Version {
        let Version { major, minor, patch } = self;
        match (impact, major, minor) {
            (Impact::Major, 0, 0) | (Impact::Minor, 0, 0) | (Impact::Patch, 0, 0) => {
                Version { major, minor, patch: patch.saturating_add(1) }
            }
            (Impact::Major, 0, _) => Version { major, minor: minor.saturating_add(1), patch: 0 },
            (Impact::Minor | Impact::Patch, 0, _) => Version { major, minor, patch: patch.saturating_add(1) },
            (Impact::Major, _, _) => Version { major: major.saturating_add(1), minor: 0, patch: 0 },
            (Impact::Minor, _, _) => Version { major, minor: minor.saturating_add(1), patch: 0 },
            (Impact::Patch, _, _) => Version { major, minor, patch: patch.saturating_add(1) },
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

/// The kind of release going from `old` to `new` is: `None` when the version did not go up
/// (or either is not a version).
pub fn release_kind(old: &str, new: &str) -> Option<Impact> {
    let (old, new) = (Version::parse(old)?, Version::parse(new)?);
    if new <= old {
        return None;
    }
    // The first number that is not zero in the old version is the one Cargo treats as major.
    let kind = if old.major > 0 || new.major > old.major {
        if new.major > old.major {
            Impact::Major
        } else if new.minor > old.minor {
            Impact::Minor
        } else {
            Impact::Patch
        }
    } else if old.minor > 0 || new.minor > old.minor {
        if new.minor > old.minor { Impact::Major } else { Impact::Minor }
    } else {
        Impact::Major
    };
    Some(kind)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn release_kinds_follow_cargo() {
        let cases = [
            ("1.2.3", "2.0.0", Some(Impact::Major)),
            ("1.2.3", "1.3.0", Some(Impact::Minor)),
            ("1.2.3", "1.2.4", Some(Impact::Patch)),
            ("1.2.3", "1.2.3", None),
            ("1.2.3", "1.2.2", None),
            ("0.1.0", "0.2.0", Some(Impact::Major)),
            ("0.1.0", "0.1.1", Some(Impact::Minor)),
            ("0.1.0", "1.0.0", Some(Impact::Major)),
            ("0.0.1", "0.0.2", Some(Impact::Major)),
            ("0.0.1", "0.1.0", Some(Impact::Major)),
            ("1.0.0-beta.1", "1.0.0", None),
            ("one", "1.0.0", None),
        ];
        for (old, new, expected) in cases {
            assert_eq!(release_kind(old, new), expected, "{old} -> {new}");
        }
    }

    #[test]
    fn bumps_are_the_smallest_sufficient_version() {
        let version = |text: &str| Version::parse(text).expect("a version");
        assert_eq!(version("0.1.4").bumped(Impact::Major).to_string(), "0.2.0");
        assert_eq!(version("0.1.4").bumped(Impact::Minor).to_string(), "0.1.5");
        assert_eq!(version("1.1.4").bumped(Impact::Major).to_string(), "2.0.0");
        assert_eq!(version("1.1.4").bumped(Impact::Minor).to_string(), "1.2.0");
        assert_eq!(version("1.1.4").bumped(Impact::Patch).to_string(), "1.1.5");
        assert_eq!(version("0.0.4").bumped(Impact::Minor).to_string(), "0.0.5");
        for (old, impact) in [("0.1.4", Impact::Major), ("1.1.4", Impact::Minor), ("0.0.3", Impact::Major)] {
            let new = version(old).bumped(impact).to_string();
            assert!(release_kind(old, &new) >= Some(impact), "{old} -> {new} allows {impact}");
        }
    }
}
