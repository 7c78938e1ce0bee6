//! One place for Rust names. Wire names stay as the docs spell them (serde renames); every Rust
//! identifier the emitters write comes from here: case conversion through heck, keywords
//! escaped with a trailing `_`, leading digits prefixed, collisions suffixed deterministically.

use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::BTreeSet;

/// Rust keywords (strict and reserved, 2021 edition) plus names a generated item must not take.
const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn", "for", "if", "impl",
    "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "typeof",
    "unsized", "virtual", "yield", "try", "gen", "union",
];

/// Type names the runtime and the prelude already use; generated types avoid them.
const RESERVED_TYPES: &[&str] = &[
    "Request",
    "Error",
    "Nullable",
    "Json",
    "Collection",
    "NoContent",
    "Bytes",
    "Page",
    "Option",
    "Result",
    "String",
    "Vec",
    "Box",
    "Value",
    "Default",
    "Some",
    "None",
    "Ok",
    "Err",
    "Self",
];

/// Word characters kept, accented Latin letters written without their accents, other letters
/// and digits as their code point (`名` → `u540d`), everything else a word break. Identifiers
/// stay ASCII so every user can type them; the wire name is kept beside each one.
fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c);
        } else if let Some(plain) = unaccent(c) {
            out.push_str(plain);
        } else if c.is_alphanumeric() {
            out.push_str(&format!(" u{:x} ", u32::from(c)));
        } else {
            out.push(' ');
        }
    }
    out
}

fn unaccent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "A",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'È' | 'É' | 'Ê' | 'Ë' => "E",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'Ì' | 'Í' | 'Î' | 'Ï' => "I",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => "O",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'Ù' | 'Ú' | 'Û' | 'Ü' => "U",
        'ñ' => "n",
        'Ñ' => "N",
        'ç' => "c",
        'Ç' => "C",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        'æ' => "ae",
        'Æ' => "Ae",
        _ => return None,
    })
}

fn escape(mut ident: String, reserved: &[&str]) -> String {
    if ident.is_empty() {
        ident.push_str("unnamed");
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(0, 'n');
    }
    if KEYWORDS.contains(&ident.as_str()) || reserved.contains(&ident.as_str()) {
        ident.push('_');
    }
    ident
}

/// `microsoft.graph.itemPhone` → `ItemPhone`; sub-namespaces prefix: `CallRecordsSession`.
pub fn type_name(qualified: &str) -> String {
    // `Any.microsoft.graph.x` names the polymorphic enum of `x`: `AnyX`.
    let (any, qualified) = match qualified.strip_prefix("Any.") {
        Some(q) => ("Any.", q),
        None => ("", qualified),
    };
    let rest = qualified.strip_prefix("microsoft.graph.").unwrap_or(qualified);
    let rest = format!("{any}{rest}");
    let mut s = sanitize(&rest).to_upper_camel_case();
    if s.is_empty() {
        s.push_str("Unnamed");
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'T');
    }
    // `Json_` beside the runtime's `Json` would differ only by an underscore: `JsonModel`.
    if RESERVED_TYPES.contains(&s.as_str()) {
        s.push_str("Model");
    }
    escape(s, &[])
}

/// `itemPhone` → `item_phone` (module and file names).
pub fn module_name(s: &str) -> String {
    escape(sanitize(s).to_snake_case(), &["runtime", "models", "enums", "ops", "std", "core", "serde"])
}

/// A field, function or parameter name: `displayName` → `display_name`, `type` → `type_`,
/// `cloudPCs` → `cloud_pcs`.
pub fn snake(s: &str) -> String {
    escape(plural_acronyms(&sanitize(s)).to_snake_case(), &[])
}

/// An acronym's plural as one word (`cloudPCs` → `cloudPcs`): heck reads `PCs` as `P` and `Cs`.
fn plural_acronyms(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        let run = b[i..].iter().take_while(|c| c.is_ascii_uppercase()).count();
        let plural = run >= 2 && b.get(i + run) == Some(&b's') && b.get(i + run + 1).is_none_or(|c| !c.is_ascii_lowercase());
        if plural {
            out.push(char::from(b[i]));
            out.extend(b[i + 1..i + run].iter().map(|c| char::from(c.to_ascii_lowercase())));
            i += run;
        } else {
            // One character (sanitize leaves ASCII only, but a run's end may be any byte).
            let c = s[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8().max(1);
        }
    }
    out
}

/// An enum variant: `homeFax` → `HomeFax`, `2fa` → `V2fa`.
pub fn variant(s: &str) -> String {
    let mut v = sanitize(s).to_upper_camel_case();
    if v.starts_with(|c: char| c.is_ascii_digit()) {
        v.insert(0, 'V');
    }
    escape(v, &["Self"])
}

/// An English plural made singular, for naming a key after its collection (`classes` →
/// `class`, `policies` → `policy`, `users` → `user`); words that do not look plural stay.
pub fn singular(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let cut = |n: usize, add: &str| format!("{}{add}", &word[..word.len() - n]);
    if lower.ends_with("ies") && word.len() > 4 {
        cut(3, "y")
    } else if ["sses", "ches", "shes", "xes", "zes"].iter().any(|e| lower.ends_with(e)) {
        cut(2, "")
    } else if lower.ends_with('s') && !lower.ends_with("ss") && !lower.ends_with("us") && !lower.ends_with("is") && word.len() > 2 {
        cut(1, "")
    } else {
        word.to_string()
    }
}

/// Hands out names unique within one scope (a struct's fields, an enum's variants, a module's
/// functions): the second `x` becomes `x_2`, in the order names are asked for.
#[derive(Default)]
pub struct Scope {
    used: BTreeSet<String>,
}

impl Scope {
    /// A scope whose `reserved` names are taken from the start.
    pub fn with(reserved: &[&str]) -> Self {
        Scope { used: reserved.iter().map(|s| s.to_string()).collect() }
    }

    /// The name is taken already.
    pub fn contains(&self, name: &str) -> bool {
        self.used.contains(name)
    }

    /// `base` when it is free, else the first free numbered form (`x_2`, or `Self2` for an
    /// UpperCamelCase name); taken from now on.
    pub fn claim(&mut self, base: String) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        // `x` → `x_2`; `Self_` → `Self2` (a type or variant name stays UpperCamelCase).
        let camel = base.starts_with(|c: char| c.is_ascii_uppercase());
        let stem = if camel { base.trim_end_matches('_') } else { base.as_str() };
        let sep = if camel || base.ends_with('_') { "" } else { "_" };
        (2..).map(|n| format!("{stem}{sep}{n}")).find(|c| self.used.insert(c.clone())).unwrap_or(base)
    }
}
