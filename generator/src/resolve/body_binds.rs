//! A request body table row that the example sends only bound by reference: installing an app
//! for a user lists `teamsApp | String | The ID of the app to add`, and the example sends
//! `"teamsApp@odata.bind": "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/{id}"`, as
//! OData binds a relationship to an existing entity. A body of the row's name would send
//! `{"teamsApp": "<id>"}`, which the service does not take: the parameter is the bind, a URL
//! (or a list of URLs where the example sends an array), and the row is reported.

use crate::diag::{Code, Diags};
use crate::ir::{Body, Operation, TypeRef};

pub fn correct(op: &mut Operation, diags: &mut Diags) {
    let Some(sent) = super::example_body::first_sent_object(&op.examples) else { return };
    let Some(Body::Parameters(rows)) = &op.body else { return };
    let bound: Vec<(usize, bool)> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| !r.name.contains('@') && !sent.contains_key(&r.name))
        .filter_map(|(i, r)| sent.get(&format!("{}@odata.bind", r.name)).map(|v| (i, v.is_array())))
        .collect();
    if bound.is_empty() {
        return;
    }
    let Some(Body::Parameters(rows)) = &mut op.body else { return };
    let mut names = Vec::new();
    for (i, many) in bound {
        let r = &mut rows[i];
        let bind = format!("{}@odata.bind", r.name);
        let was = std::mem::replace(&mut r.name, bind);
        let table = r.r#type.to_string();
        r.r#type = TypeRef { name: "Edm.String".into(), collection: many };
        let what = if many { "The URLs of the entities" } else { "The URL of the entity" };
        r.description = format!("{what} to bind as `{was}` (`{was}@odata.bind`, as the example sends). {}", r.description);
        diags.push(
            &r.source.file,
            r.source.line,
            Code::BodyBind,
            format!(
                "the request body row `{was}` ({table}) is sent by the example only as `{was}@odata.bind`, a reference; read as `{}` ({})",
                r.name, r.r#type
            ),
        );
        names.push(format!("`{was}`"));
    }
    let why = format!(
        "the request body table lists {}, which the example sends bound by reference (`@odata.bind`): read as the binds",
        names.join(", ")
    );
    crate::ir::add_why(&mut op.settled.body, why);
}
