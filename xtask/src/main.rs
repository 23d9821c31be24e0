//! Build tools for dialguard.
//!
//! ```text
//! cargo xtask gen-data           regenerate src/data/tables.rs
//! cargo xtask gen-data --check   fail when src/data/tables.rs is stale
//! cargo xtask gen-types          regenerate js/types.d.ts
//! cargo xtask gen-types --check  fail when js/types.d.ts is stale
//! ```
//!
//! Inputs: `data/libphonenumber/PhoneNumberMetadata.xml` and
//! `ShortNumberMetadata.xml` (their version and sha256 are read from
//! `data/libphonenumber/SOURCE.md` and verified),
//! `xtask/regions.tsv` (English names and search aliases),
//! `xtask/decimal-digits.txt` (Unicode decimal digits), and the project's
//! own sourced tables `xtask/procedures.tsv` (dialing procedures) and
//! `xtask/territories.tsv` (territories filed under another region).

mod automaton;
mod emit;
mod idd;
mod metadata;
mod number_types;
mod procedures;
mod ranges;
mod types;
mod unicode;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sha2::{Digest, Sha256};

const TABLES: &str = "src/data/tables.rs";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["gen-data"] => gen_data(false),
        ["gen-data", "--check"] => gen_data(true),
        ["gen-types"] => types::gen_types(false),
        ["gen-types", "--check"] => types::gen_types(true),
        _ => Err("usage: cargo xtask gen-data [--check] | gen-types [--check]".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn read(path: &str) -> Result<String, String> {
    std::fs::read_to_string(root().join(path)).map_err(|e| format!("{path}: {e}"))
}

fn gen_data(check: bool) -> Result<(), String> {
    let xml = read("data/libphonenumber/PhoneNumberMetadata.xml")?;
    let source = Source::from_source_md(&read("data/libphonenumber/SOURCE.md")?)?;
    let actual_sha256 = hex(&Sha256::digest(xml.as_bytes()));
    if actual_sha256 != source.sha256 {
        return Err(format!(
            "PhoneNumberMetadata.xml has sha256 {actual_sha256}, SOURCE.md says {}: \
             update SOURCE.md together with the XML",
            source.sha256
        ));
    }
    let short = read("data/libphonenumber/ShortNumberMetadata.xml")?;
    let short_sha256 = hex(&Sha256::digest(short.as_bytes()));
    if short_sha256 != source.short_sha256 {
        return Err(format!(
            "ShortNumberMetadata.xml has sha256 {short_sha256}, SOURCE.md says {}: \
             update SOURCE.md together with the XML",
            source.short_sha256
        ));
    }
    let territories = metadata::parse(&xml)?;
    let names = emit::Names::parse(&read("xtask/regions.tsv")?)?;
    let own = emit::OwnTables {
        procedures: read("xtask/procedures.tsv")?,
        territories: read("xtask/territories.tsv")?,
        emergency: metadata::parse_emergency(&short)?,
    };
    let text = emit::render(&source, &territories, &names, &read("xtask/decimal-digits.txt")?, &own)?;
    let path = root().join(TABLES);
    if check {
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != text {
            return Err(format!(
                "{TABLES} is stale: it differs from what the metadata produces; \
                 run `cargo xtask gen-data` and commit the result"
            ));
        }
        println!("{TABLES} is up to date (libphonenumber {})", source.version);
    } else {
        std::fs::write(&path, text).map_err(|e| format!("{TABLES}: {e}"))?;
        println!("wrote {TABLES} (libphonenumber {})", source.version);
    }
    Ok(())
}

/// What `data/libphonenumber/SOURCE.md` records about the XML.
pub struct Source {
    pub version: String,
    pub sha256: String,
    /// Of `ShortNumberMetadata.xml`.
    pub short_sha256: String,
}

impl Source {
    fn from_source_md(text: &str) -> Result<Source, String> {
        let version = text
            .split_whitespace()
            .find_map(|w| {
                w.strip_prefix('v')
                    .filter(|v| v.starts_with(|c: char| c.is_ascii_digit()))
            })
            .map(|v| v.trim_end_matches(|c: char| !c.is_ascii_digit()).to_string())
            .ok_or("SOURCE.md: no version tag (vX.Y.Z) found")?;
        let sha256_of = |file: &str| {
            text.lines()
                .find(|l| l.contains(file) && l.starts_with('|'))
                .and_then(|l| l.split('|').map(str::trim).find(|c| c.len() == 64))
                .map(String::from)
                .ok_or(format!("SOURCE.md: no sha256 row for {file}"))
        };
        Ok(Source {
            version,
            sha256: sha256_of("PhoneNumberMetadata.xml")?,
            short_sha256: sha256_of("ShortNumberMetadata.xml")?,
        })
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
