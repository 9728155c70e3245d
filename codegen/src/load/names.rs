//! Names for what bundling hoists into `components`: readable (from the file stem or the
//! pointer's tail), stable (the same spec always yields the same names) and collision-free.

use std::collections::{HashMap, HashSet};

/// Pointer segments that say where a node sits rather than what it is.
const STRUCTURAL: &[&str] = &[
    "schema",
    "schemas",
    "items",
    "properties",
    "additionalProperties",
    "not",
    "allOf",
    "anyOf",
    "oneOf",
    "prefixItems",
    "content",
    "components",
    "parameters",
    "responses",
    "requestBodies",
    "headers",
    "$defs",
    "definitions",
];

/// Names taken in each `components` section.
#[derive(Debug, Default)]
pub struct Taken {
    sections: HashMap<&'static str, HashSet<String>>,
}

impl Taken {
    pub fn reserve(&mut self, section: &'static str, name: &str) {
        self.sections.entry(section).or_default().insert(name.to_owned());
    }

    /// A name for the node at `segments` of `file`, not yet taken in `section`; taken from now on.
    pub fn fresh(&mut self, section: &'static str, file: &str, segments: &[String]) -> String {
        let base = base_name(file, segments);
        let taken = self.sections.entry(section).or_default();
        let mut name = base.clone();
        let mut number = 2;
        while taken.contains(&name) {
            name = format!("{base}_{number}");
            number += 1;
        }
        taken.insert(name.clone());
        name
    }
}

/// `schemas/Pet.yaml` → `Pet`; `defs.yaml#/$defs/Id` → `Id`; `#/components/parameters/id/schema`
/// → `id_schema`. Characters OpenAPI does not allow in component names become `_`, except
/// letters and digits of other scripts, which type names transliterate (`Größe` → `Grosse`).
pub fn base_name(file: &str, segments: &[String]) -> String {
    let meaningful = segments
        .iter()
        .rposition(|s| !STRUCTURAL.contains(&s.as_str()) && !s.contains('/') && !s.bytes().all(|b| b.is_ascii_digit()));
    let raw = match meaningful {
        Some(at) => {
            let named = segments.get(at).map(String::as_str).unwrap_or_default();
            match segments.last() {
                Some(last) if at + 1 < segments.len() => format!("{named}_{last}"),
                _ => named.to_owned(),
            }
        }
        None => {
            let file_name = file.rsplit('/').next().unwrap_or(file);
            let stem = match file_name.rsplit_once('.') {
                Some((stem, extension))
                    if ["yaml", "yml", "json"].iter().any(|known| extension.eq_ignore_ascii_case(known)) =>
                {
                    stem
                }
                _ => file_name,
            };
            match segments.last() {
                Some(last) => format!("{stem}_{last}"),
                None => stem.to_owned(),
            }
        }
    };
    let clean: String =
        raw.chars().map(|c| if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') { c } else { '_' }).collect();
    if clean.is_empty() { "Schema".to_owned() } else { clean }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(pointer: &str) -> Vec<String> {
        pointer.split('/').filter(|s| !s.is_empty()).map(str::to_owned).collect()
    }

    #[test]
    fn names_come_from_stems_and_tails() {
        assert_eq!(base_name("components/schemas/Pet.yaml", &[]), "Pet");
        assert_eq!(base_name("ev/m.room.message$m.text.yaml", &[]), "m.room.message_m.text");
        assert_eq!(base_name("defs.yaml", &segments("/$defs/Id")), "Id");
        assert_eq!(base_name("a.yaml", &segments("/components/parameters/id/schema")), "id_schema");
        assert_eq!(base_name("a.yaml", &segments("/allOf/1")), "a_1");
        assert_eq!(base_name("security.yaml", &segments("/accessTokenBearer")), "accessTokenBearer");
        // Other scripts are kept for the type namer to transliterate; extensions in any case.
        assert_eq!(base_name("schemas/Größe.yaml", &[]), "Größe");
        assert_eq!(base_name("schemas/動物.JSON", &[]), "動物");
        assert_eq!(base_name("Shout.YAML", &[]), "Shout");
        assert_eq!(base_name("notes.txt", &[]), "notes.txt");
    }

    #[test]
    fn taken_names_get_a_number() {
        let mut taken = Taken::default();
        taken.reserve("schemas", "Pet");
        assert_eq!(taken.fresh("schemas", "Pet.yaml", &[]), "Pet_2");
        assert_eq!(taken.fresh("schemas", "x/Pet.yaml", &[]), "Pet_3");
        assert_eq!(taken.fresh("responses", "Pet.yaml", &[]), "Pet");
    }
}
