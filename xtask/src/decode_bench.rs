//! `cargo xtask bench`'s decoding figure: one page of 999 users, decoded side by side in one
//! process as the generated crate reads it (its `runtime::Page` of the generated `User`,
//! streaming, items filled in place), as a `#[derive(Deserialize)]` page of a struct with the
//! same fields, and as a `serde_json::Value`.
//!
//! The user is the docs' own: the richest example answer of a `GET` that returns users (most
//! keys), found through the IR, so no page is named here. The derive twin is written from the
//! generated struct itself (field names, types and wire names read back with `syn`), so the
//! two cannot drift apart. Fields compiled only with other areas are left out of both:
//! they are navigation properties, absent from the example, and the bench crate builds the
//! `users` area alone to keep its release build short.

use quote::ToTokens;
use std::fmt::Write as _;
use std::path::Path;

/// The bars the runtime issue set: generated / derive and generated / `Value`.
const BAR_DERIVE: f64 = 1.2;
const BAR_VALUE: f64 = 1.0;

pub fn run(docs: &Path, crate_dir: &Path, work: &Path, target: &Path) -> Result<(), String> {
    let user = richest_user_example(docs)?;
    let model = std::fs::read_to_string(crate_dir.join("src/models/user.rs")).map_err(|e| format!("generated user model: {e}"))?;
    let (twin, twin_keys) = derive_twin(&model)?;
    // A key the twin lacks would be skipped by the derive but read by the model: not a fair race.
    let missing: Vec<&String> = user.as_object().into_iter().flat_map(|o| o.keys()).filter(|k| !twin_keys.contains(*k)).collect();
    if !missing.is_empty() {
        return Err(format!("the derive twin of User lacks keys of the example: {missing:?}"));
    }
    let dir = work.join("decode");
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let manifest = format!(
        "[package]\nname = \"decode-bench\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n[workspace]\n\n\
         [dependencies]\nmsgraph = {{ path = {:?}, default-features = false, features = [\"users\"] }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\nserde_json = \"1\"\n",
        crate_dir.display().to_string()
    );
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).map_err(|e| e.to_string());
    write("Cargo.toml", &manifest)?;
    write("user.json", &serde_json::to_string(&user).map_err(|e| e.to_string())?)?;
    write("src/twin.rs", &twin)?;
    write("src/main.rs", MAIN)?;
    let build = crate::cargo_run::cargo(&dir, target, &["build", "--release", "--quiet"]);
    if !build.ok {
        return Err(format!("decode bench does not build: {}", build.output));
    }
    let out = std::process::Command::new(target.join("release/decode-bench")).output().map_err(|e| e.to_string())?;
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    if !out.status.success() {
        return Err(format!("decode bench failed: {text}{}", String::from_utf8_lossy(&out.stderr)));
    }
    let figures: Vec<f64> = text.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    let [generated, derive, value, keys, kept] = figures[..] else {
        return Err(format!("decode bench printed {text:?}"));
    };
    println!("decoding a page of 999 users ({keys} keys each, {kept} of them left to additional_properties; median of 101)");
    println!("  generated model (streaming)   {generated:>7.2} ms");
    println!("  #[derive(Deserialize)] twin    {derive:>7.2} ms   generated / derive {:.2} (bar {BAR_DERIVE})", generated / derive);
    println!("  serde_json::Value              {value:>7.2} ms   generated / Value  {:.2} (bar {BAR_VALUE})", generated / value);
    Ok(())
}

/// The user object with the most keys among the example answers of `GET`s that return users
/// (a `value` array's first item for collections); the earliest page and line on a tie.
fn richest_user_example(docs: &Path) -> Result<serde_json::Value, String> {
    let (ir, _) = graphgen::build_ir(docs).map_err(|e| e.to_string())?;
    let mut best: Option<(usize, String, u32, serde_json::Map<String, serde_json::Value>)> = None;
    for api in ir.apis.values() {
        for op in &api.operations {
            let returns_users = op.response.r#type.as_ref().is_some_and(|t| t.name == "microsoft.graph.user");
            if op.method != graphgen::ir::HttpMethod::Get || !returns_users {
                continue;
            }
            for ex in &op.examples {
                let Some(resp) = &ex.response else { continue };
                let Some(graphgen::ir::ExampleBody::Json(body)) = &resp.body else { continue };
                let item = body.get("value").and_then(|v| v.get(0)).unwrap_or(body);
                let Some(obj) = item.as_object() else { continue };
                let mut obj = obj.clone();
                obj.retain(|k, _| !k.starts_with("@odata.context"));
                let key = (obj.len(), resp.source.file.clone(), resp.source.line);
                let better = match &best {
                    None => true,
                    Some((n, f, l, _)) => key.0 > *n || (key.0 == *n && (&key.1, key.2) < (f, *l)),
                };
                if better {
                    best = Some((key.0, key.1, key.2, obj));
                }
            }
        }
    }
    best.map(|(_, _, _, obj)| serde_json::Value::Object(obj)).ok_or_else(|| "no example answer of a GET returning users".to_string())
}

/// `DerivedUser`: the generated `User`'s fields under `#[derive(Deserialize)]`, each renamed to
/// the wire name its `read_field` arm matches.
fn derive_twin(model: &str) -> Result<(String, std::collections::BTreeSet<String>), String> {
    let file = syn::parse_file(model).map_err(|e| format!("generated user model: {e}"))?;
    let mut fields = Vec::new();
    let mut wires = std::collections::BTreeMap::new();
    for item in &file.items {
        match item {
            syn::Item::Struct(s) if s.ident == "User" => {
                for f in &s.fields {
                    let gated = f.attrs.iter().any(|a| a.path().is_ident("cfg") && !compiled_with_users(a));
                    if let (Some(id), false) = (&f.ident, gated) {
                        fields.push((id.to_string(), f.ty.to_token_stream().to_string().replace("crate ::", "msgraph ::")));
                    }
                }
            }
            syn::Item::Impl(i) if i.trait_.as_ref().is_some_and(|(_, p, _)| p.segments.last().is_some_and(|s| s.ident == "ReadFields")) => {
                collect_arms(i, &mut wires);
            }
            _ => {}
        }
    }
    let mut out = String::from("//! Written by `cargo xtask bench` from the generated `User`.\n\n");
    out.push_str("#[derive(serde::Deserialize, Default)]\n#[serde(default)]\n#[allow(dead_code)]\npub struct DerivedUser {\n");
    let mut keys = std::collections::BTreeSet::new();
    for (id, ty) in &fields {
        // `additional_properties` has no arm: the derive twin ignores unknown keys.
        if let Some(wire) = wires.get(id) {
            let _ = writeln!(out, "    #[serde(rename = {wire:?})]\n    pub {id}: {ty},");
            keys.insert(wire.clone());
        }
    }
    out.push_str("}\n");
    if keys.len() < 10 {
        return Err(format!("the derive twin of User has {} fields: the generated model's layout was not understood", keys.len()));
    }
    Ok((out, keys))
}

/// A `cfg` the `users` area alone satisfies: `feature = "users"`, alone or in an `any`.
fn compiled_with_users(a: &syn::Attribute) -> bool {
    let text = a.meta.to_token_stream().to_string();
    text.contains("feature = \"users\"") && !text.contains("all (") && !text.contains("not (")
}

/// The `"wire" => crate::runtime::field(m, key, &mut self.ident)` arms of `read_field`.
fn collect_arms(i: &syn::ItemImpl, wires: &mut std::collections::BTreeMap<String, String>) {
    for item in &i.items {
        let syn::ImplItem::Fn(f) = item else { continue };
        for stmt in &f.block.stmts {
            let syn::Stmt::Expr(syn::Expr::Match(m), _) = stmt else { continue };
            for arm in &m.arms {
                let syn::Pat::Lit(syn::PatLit { lit: syn::Lit::Str(wire), .. }) = &arm.pat else { continue };
                // prettyplease wraps a long arm in a block.
                let body = match &*arm.body {
                    syn::Expr::Block(b) => match b.block.stmts.as_slice() {
                        [syn::Stmt::Expr(e, None)] => e,
                        _ => continue,
                    },
                    e => e,
                };
                let syn::Expr::Call(call) = body else { continue };
                let Some(syn::Expr::Reference(r)) = call.args.last() else { continue };
                if let syn::Expr::Field(syn::ExprField { member: syn::Member::Named(id), .. }) = &*r.expr {
                    wires.insert(id.to_string(), wire.value());
                }
            }
        }
    }
}

const MAIN: &str = r#"//! Written by `cargo xtask bench`: decodes one page three ways, alternating, and prints the
//! medians in ms, then the keys per user and how many of them the generated model left over.

mod twin;

use std::time::Instant;

/// The page a derive-based SDK would declare; the generated side reads `msgraph::runtime::Page`.
#[derive(serde::Deserialize)]
struct Page<T> {
    value: Vec<T>,
}

type Generated = msgraph::runtime::Page<msgraph::models::User>;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let user = include_str!("../user.json");
    let items = vec![user; 999].join(",");
    let page = format!("{{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#users\",\"value\":[{items}]}}");
    let first = serde_json::from_str::<Generated>(&page).expect("the generated model reads the page");
    let keys = serde_json::from_str::<serde_json::Value>(user).unwrap().as_object().unwrap().len();
    let kept = first.value[0].additional_properties.len();
    let back = serde_json::to_value(&first.value[0]).unwrap();
    assert_eq!(back, serde_json::from_str::<serde_json::Value>(user).unwrap(), "the generated model reads every key back");
    serde_json::from_str::<Page<twin::DerivedUser>>(&page).expect("the derive twin reads the page");
    let (mut generated, mut derive, mut value) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..101 {
        let t = Instant::now();
        std::hint::black_box(serde_json::from_str::<Generated>(std::hint::black_box(&page)).unwrap());
        generated.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        std::hint::black_box(serde_json::from_str::<Page<twin::DerivedUser>>(std::hint::black_box(&page)).unwrap());
        derive.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        std::hint::black_box(serde_json::from_str::<serde_json::Value>(std::hint::black_box(&page)).unwrap());
        value.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!("{} {} {} {keys} {kept}", median(generated), median(derive), median(value));
}
"#;
