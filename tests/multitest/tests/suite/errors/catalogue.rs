//! The error catalogue for frontends.

use super::*;

//
// docs/errors.md and docs/errors.json list every variant above with a stable
// code `<module>/<Variant>`, its text template (from the `#[error(..)]`
// attribute in the source) and the text of its sample. The test fails when
// the committed files differ from what it generates; `scripts/errors.sh`
// (FAIRGRID_WRITE_ERRORS=1) rewrites them, then regenerates the TypeScript
// package, which exports the catalogue.

/// One catalogue row.
pub(super) struct Row {
    code: String,
    module: &'static str,
    variant: String,
    /// `None` for `#[error(transparent)]`: the text is the wrapped error's.
    template: Option<String>,
    fields: Vec<String>,
    wraps: Option<&'static str>,
    example: String,
}

/// The `#[error("..")]` templates of `enum_name` in `source`, in declaration
/// order: (variant, template or `None` for `transparent`).
pub(super) fn templates(source: &str, enum_name: &str) -> Vec<(String, Option<String>)> {
    let start = source
        .find(&format!("pub enum {enum_name} {{"))
        .unwrap_or_else(|| panic!("no `pub enum {enum_name}` in its source"));
    let body = &source[start..];
    let body = &body[..body.find("\n}").expect("the enum closes at column 0")];
    let mut out = vec![];
    let mut rest = body;
    while let Some(at) = rest.find("#[error(") {
        rest = &rest[at + "#[error(".len()..];
        let close = rest.find(")]").expect("#[error(..)] closes");
        let arg = rest[..close].trim();
        let template = if arg == "transparent" {
            None
        } else {
            Some(string_literal(arg))
        };
        rest = &rest[close + 2..];
        // the variant: the first identifier after the attribute
        let name: String = rest
            .trim_start()
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        assert!(!name.is_empty(), "{enum_name}: no variant after #[error]");
        out.push((name, template));
    }
    out
}

/// The value of a Rust string literal `"..."` with its escapes.
pub(super) fn string_literal(lit: &str) -> String {
    let inner = lit
        .strip_prefix('"')
        .and_then(|l| l.strip_suffix('"'))
        .unwrap_or_else(|| panic!("not a plain string literal: {lit}"));
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some(other) => out.push(other),
            None => panic!("dangling escape in {lit}"),
        }
    }
    out
}

/// The fields a template shows, in order: `{owner}` and `{pool_id:?}` give
/// `owner` and `pool_id`.
pub(super) fn template_fields(template: &str) -> Vec<String> {
    let mut out = vec![];
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}').expect("placeholder closes") + open;
        let name = rest[open + 1..close].split(':').next().unwrap_or_default();
        if !out.iter().any(|f| f == name) {
            out.push(name.to_string());
        }
        rest = &rest[close + 1..];
    }
    out
}

/// The rows of one error enum: every variant of the source, each with its
/// sample. Fails when the source and the walk's samples disagree.
pub(super) fn rows<E: std::fmt::Display>(
    module: &'static str,
    source: &str,
    enum_name: &str,
    samples: &[Sample<E>],
    fields: fn(&E) -> (&'static str, Vec<String>),
    wraps: &[(&str, &'static str)],
) -> Vec<Row> {
    let declared = templates(source, enum_name);
    let sampled: Vec<&str> = samples.iter().map(|x| fields(&x.error).0).collect();
    let mut declared_names: Vec<&str> = declared.iter().map(|(n, _)| n.as_str()).collect();
    let mut sampled_sorted = sampled.clone();
    declared_names.sort_unstable();
    sampled_sorted.sort_unstable();
    assert_eq!(
        declared_names, sampled_sorted,
        "{module}: the variants in the source and the samples of the walk differ"
    );
    declared
        .into_iter()
        .map(|(variant, template)| {
            let sample = samples
                .iter()
                .find(|x| fields(&x.error).0 == variant)
                .expect("checked above");
            let wrapped = wraps.iter().find(|(v, _)| *v == variant).map(|(_, m)| *m);
            assert!(
                template.is_some() || wrapped.is_some(),
                "{module}/{variant}: a transparent variant must name the error it wraps"
            );
            Row {
                code: format!("{module}/{variant}"),
                module,
                fields: template.as_deref().map(template_fields).unwrap_or_default(),
                variant,
                template,
                wraps: wrapped,
                example: sample.error.to_string(),
            }
        })
        .collect()
}

pub(super) const STD: &str = "cosmwasm-std";

pub(super) fn catalogue() -> Vec<Row> {
    const ESCROW: &str = include_str!("../../../../../contracts/compute-escrow/src/error.rs");
    const GOVERNANCE: &str = include_str!("../../../../../contracts/governance/src/error.rs");
    const DISTRIBUTOR: &str = include_str!("../../../../../contracts/fee-distributor/src/error.rs");
    const IDENTITY: &str = include_str!("../../../../../contracts/identity-registry/src/error.rs");
    const ASSET: &str = include_str!("../../../../../packages/fairgrid/src/asset.rs");
    const BPS: &str = include_str!("../../../../../packages/fairgrid/src/bps.rs");
    const MIGRATE: &str = include_str!("../../../../../packages/fairgrid/src/migrate.rs");
    // Variants that pass on another error: its module in the catalogue, or
    // cosmwasm-std's `StdError` (decoding, storage), which has no fixed text.
    let shared = [
        ("Asset", "shared/asset"),
        ("Migrate", "shared/migrate"),
        ("Std", STD),
    ];
    let mut out = vec![];
    out.extend(rows(
        "compute-escrow",
        ESCROW,
        "ContractError",
        &escrow_samples(),
        escrow_fields,
        &shared,
    ));
    out.extend(rows(
        "governance",
        GOVERNANCE,
        "ContractError",
        &governance_samples(),
        governance_fields,
        &shared,
    ));
    out.extend(rows(
        "fee-distributor",
        DISTRIBUTOR,
        "ContractError",
        &distributor_samples(),
        distributor_fields,
        &shared,
    ));
    out.extend(rows(
        "identity-registry",
        IDENTITY,
        "ContractError",
        &identity_samples(),
        identity_fields,
        &shared,
    ));
    out.extend(rows(
        "shared/asset",
        ASSET,
        "AssetError",
        &asset_samples(),
        asset_fields,
        &[("Std", STD)],
    ));
    out.extend(rows(
        "shared/bps",
        BPS,
        "BpsError",
        &bps_samples(),
        bps_fields,
        &[],
    ));
    out.extend(rows(
        "shared/migrate",
        MIGRATE,
        "MigrateError",
        &migrate_samples(),
        migrate_fields,
        &[("Std", STD)],
    ));
    out
}

pub(super) fn json_str(s: &str) -> String {
    cosmwasm_std::to_json_string(s).expect("a string serialises")
}

pub(super) fn catalogue_json(rows: &[Row]) -> String {
    let mut out = String::from("{\n  \"errors\": [\n");
    for (i, r) in rows.iter().enumerate() {
        let fields: Vec<String> = r.fields.iter().map(|f| json_str(f)).collect();
        out.push_str(&format!(
            "    {{\"code\": {}, \"module\": {}, \"variant\": {}, \"template\": {}, \"fields\": [{}], \"wraps\": {}, \"example\": {}}}{}\n",
            json_str(&r.code),
            json_str(r.module),
            json_str(&r.variant),
            r.template.as_deref().map(json_str).unwrap_or_else(|| "null".into()),
            fields.join(", "),
            r.wraps.map(json_str).unwrap_or_else(|| "null".into()),
            json_str(&r.example),
            if i + 1 < rows.len() { "," } else { "" },
        ));
    }
    out.push_str("  ]\n}\n");
    out
}

pub(super) fn md_cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

pub(super) fn catalogue_md(rows: &[Row]) -> String {
    let mut out = String::from(
        "# Error catalogue\n\n\
         Generated by `tests/multitest/tests/suite/errors/` from the error enums; do not\n\
         edit (`scripts/errors.sh` rewrites it and `docs/errors.json`, and the test\n\
         fails when either is stale). Every error a Fairgrid contract returns, with\n\
         a stable code `<module>/<Variant>` that a frontend can match on.\n\n\
         A chain reports a failed contract call as text, e.g. a transaction's raw log\n\
         `failed to execute message; message index: 0: offer 34 has no free slot:\n\
         3/3 in use (ended leases free theirs on settle): execute wasm contract failed`.\n\
         The text contains the template below with the values filled in;\n\
         `matchError(text)` of the TypeScript package\n\
         (`@fairgrid/client`) returns the entry, and its `ERROR_CATALOGUE` holds\n\
         this table as data (also `docs/errors.json`). Errors of the shared package\n\
         (`shared/...`) read the same whichever contract returned them; a contract's\n\
         `Asset` and `Migrate` variants only pass them on (`wraps` in the JSON).\n\
         `Std` carries a cosmwasm-std `StdError` (decoding, storage, a failed\n\
         query) and has no fixed text of its own.\n\n\
         A code changes only when its variant is renamed or removed; texts may be\n\
         reworded, so match on the code, not on the text.\n",
    );
    let mut module = "";
    for r in rows {
        if r.module != module {
            module = r.module;
            out.push_str(&format!(
                "\n## {module}\n\n| code | text | example |\n|---|---|---|\n"
            ));
        }
        let text = match (&r.template, r.wraps) {
            (Some(t), _) => format!("`{}`", md_cell(t)),
            (None, Some(STD)) => "the text of a cosmwasm-std `StdError`".to_string(),
            (None, Some(m)) => format!("the text of a `{m}/...` error"),
            (None, None) => unreachable!("checked in rows()"),
        };
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            r.code,
            text,
            md_cell(&r.example)
        ));
    }
    out
}

#[test]
fn error_catalogue_lists_every_variant_with_a_stable_code_and_is_current() {
    let rows = catalogue();
    let mut codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    codes.sort_unstable();
    let before = codes.len();
    codes.dedup();
    assert_eq!(codes.len(), before, "a code appears twice");
    assert_eq!(
        rows.len(),
        ESCROW_VARIANTS
            + GOVERNANCE_VARIANTS
            + DISTRIBUTOR_VARIANTS
            + IDENTITY_VARIANTS
            + ASSET_VARIANTS
            + 1
            + 4,
        "every variant of every error enum has a row"
    );
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs");
    let files = [
        (docs.join("errors.md"), catalogue_md(&rows)),
        (docs.join("errors.json"), catalogue_json(&rows)),
    ];
    if std::env::var_os("FAIRGRID_WRITE_ERRORS").is_some() {
        for (path, text) in &files {
            std::fs::write(path, text).expect("write the catalogue");
        }
        return;
    }
    for (path, text) in &files {
        let committed = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            committed == *text,
            "{} is stale: run scripts/errors.sh and commit the result",
            path.display()
        );
    }
}

/// Guards the source parser: a template with a struct variant, a
/// multi-line attribute, an escape and a transparent variant.
#[test]
fn catalogue_parser_reads_templates_variants_and_fields() {
    let src = "pub enum E {\n    #[error(transparent)]\n    A(#[from] X),\n\n    #[error(\n        \"pool {pool_id:?} of \\\"{owner}\\\", {pool_id:?}\"\n    )]\n    B { pool_id: String, owner: String },\n}\n";
    let t = templates(src, "E");
    assert_eq!(
        t,
        vec![
            ("A".to_string(), None),
            (
                "B".to_string(),
                Some("pool {pool_id:?} of \"{owner}\", {pool_id:?}".to_string())
            ),
        ]
    );
    assert_eq!(
        template_fields(t[1].1.as_deref().unwrap()),
        vec!["pool_id".to_string(), "owner".to_string()]
    );
}
