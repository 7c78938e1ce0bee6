//! A tour of the generated Microsoft Graph crate, written the way a user writes it.
//!
//! Everything here is sans-IO: each function builds `msgraph` requests, hands them to a
//! [`Transport`] as `http::Request`s and reads the `http::Response`s it gets back. A real
//! program plugs in an HTTP client (or uses `msgraph::runtime::client::Client` with the
//! `reqwest` feature); the tests plug in canned answers.

use msgraph::models::{DateTimeTimeZone, DriveItem, EmailAddress, Event, ItemBody, Message, Recipient, User};
use msgraph::runtime::{Error, Request, ResponseKind};
use msgraph::Nullable;

/// Where requests go: `https://graph.microsoft.com/v1.0`.
pub const ROOT: &str = "https://graph.microsoft.com/v1.0";

/// Sends one request and returns the answer. A closure will do.
pub trait Transport {
    fn send(&mut self, request: http::Request<Vec<u8>>) -> http::Response<Vec<u8>>;
}

impl<F: FnMut(http::Request<Vec<u8>>) -> http::Response<Vec<u8>>> Transport for F {
    fn send(&mut self, request: http::Request<Vec<u8>>) -> http::Response<Vec<u8>> {
        self(request)
    }
}

/// The token the tour's requests carry (a real program gets one from `runtime::auth`).
pub const TOKEN: &str = "TOUR-TOKEN";

/// One call: the request out with the token (only to the service root: a file's content
/// redirects to a storage host, which must not get it), redirects followed, the answer read
/// as the documented type (or an error).
pub fn call<K: ResponseKind>(t: &mut impl Transport, request: &Request<K>) -> Result<K::Output, Error> {
    let mut request = request.clone();
    for _ in 0..5 {
        let mut out = request.to_http(ROOT)?;
        if out.uri().to_string().starts_with(&format!("{ROOT}/")) {
            out.headers_mut().insert("authorization", format!("Bearer {TOKEN}").parse().expect("a header value"));
        }
        match request.parse_http(&t.send(out)) {
            Err(Error::Redirect { status, location }) => {
                let target = msgraph::runtime::resolve_location(&request.url(ROOT), &location);
                request = request.follow_redirect(status, &target)?;
            }
            answer => return answer,
        }
    }
    Err(Error::Transport("more than five redirects".into()))
}

/// `GET /users?$filter=...`, every page: the enabled accounts whose name starts with `prefix`.
pub fn enabled_users(t: &mut impl Transport, prefix: &str) -> Result<Vec<User>, Error> {
    let filter = format!("accountEnabled eq true and startswith(displayName,'{}')", prefix.replace('\'', "''"));
    let mut next = Some(msgraph::users().list().filter(filter).select(["id", "displayName", "mail"]).top(100));
    let mut users = Vec::new();
    while let Some(request) = next {
        let page = call(t, &request)?;
        next = request.next_page(&page);
        users.extend(page.value);
    }
    Ok(users)
}

/// `GET /users/{id | userPrincipalName}`: the key is encoded as one path segment, whatever it
/// holds (`#`, `/`, `'`).
pub fn user(t: &mut impl Transport, id_or_upn: &str) -> Result<User, Error> {
    call(t, &msgraph::users().id(id_or_upn).get())
}

/// `POST /me/events`: a fifteen-minute meeting; answers the event the service created.
pub fn create_standup(t: &mut impl Transport, day: &str) -> Result<Event, Error> {
    let at = |time: &str| DateTimeTimeZone { date_time: format!("{day}T{time}").into(), time_zone: "UTC".into(), ..Default::default() };
    let event = Event { subject: "Standup".into(), start: at("09:00:00").into(), end: at("09:15:00").into(), ..Default::default() };
    call(t, &msgraph::me().events().create(&event))
}

/// `POST /me/sendMail`: answers 202 and nothing else.
pub fn send_mail(t: &mut impl Transport, to: &str, subject: &str, text: &str) -> Result<(), Error> {
    let recipient = Recipient { email_address: EmailAddress { address: to.into(), ..Default::default() }.into(), ..Default::default() };
    let message = Message {
        subject: subject.into(),
        body: ItemBody { content: text.into(), ..Default::default() }.into(),
        to_recipients: vec![recipient.into()].into(),
        ..Default::default()
    };
    let body = msgraph::api::bodies::SendMailBody { message: message.into(), ..Default::default() };
    call(t, &msgraph::me().send_mail(&body))
}

/// `PATCH /users/{id}`: one field set, one cleared. Only the fields set are sent; `Null` sends
/// `null`, which clears the property on the service.
pub fn move_desk(t: &mut impl Transport, id: &str, display_name: &str) -> Result<(), Error> {
    let change = User { display_name: display_name.into(), office_location: Nullable::Null, ..Default::default() };
    call(t, &msgraph::users().id(id).update(&change))
}

/// `GET /users/{id}`, change one field, `PATCH` it all back: properties this crate does not
/// know travel back untouched.
pub fn rename_keeping_everything(t: &mut impl Transport, id: &str, display_name: &str) -> Result<User, Error> {
    let mut user = user(t, id)?;
    user.display_name = display_name.into();
    call(t, &msgraph::users().id(id).update(&user))?;
    Ok(user)
}

/// `GET /users/{id}`, change one field, `PATCH` only what changed (`Changes::changes_since`).
pub fn rename_sending_the_change(t: &mut impl Transport, id: &str, display_name: &str) -> Result<User, Error> {
    use msgraph::runtime::Changes;
    let read = user(t, id)?;
    let mut user = read.clone();
    user.display_name = display_name.into();
    call(t, &msgraph::users().id(id).update(&user.changes_since(&read)))?;
    Ok(user)
}

/// `GET /users/{id}`, then `POST /users` of a copy under another name: `Changes::writable`
/// leaves out what the service sets (the read-only `id` and `createdDateTime`, the
/// `@odata.context` the read answered with).
pub fn copy_user(t: &mut impl Transport, id: &str, upn: &str) -> Result<User, Error> {
    use msgraph::runtime::Changes;
    let mut copy = user(t, id)?.writable();
    copy.user_principal_name = upn.into();
    call(t, &msgraph::users().create(&copy))
}

/// `GET /me/drive/items/{item-id}/content`: the file's bytes.
pub fn download(t: &mut impl Transport, item: &str) -> Result<Vec<u8>, Error> {
    call(t, &msgraph::me().drive().items().id(item).content().get())
}

/// `PUT /me/drive/items/{item-id}/content`: new bytes for a file; answers the drive item.
pub fn upload(t: &mut impl Transport, item: &str, bytes: &[u8]) -> Result<DriveItem, Error> {
    call(t, &msgraph::me().drive().items().id(item).content().replace(bytes.to_vec()))
}

/// `GET /me/memberOf`: groups, directory roles and more, told apart by `@odata.type`. This
/// crate is built without the `groups` area, so a group reads as a plain directory object,
/// with everything it carried kept (`additional_properties`, `odata_type`).
pub fn my_memberships(t: &mut impl Transport) -> Result<Vec<msgraph::models::AnyDirectoryObject>, Error> {
    Ok(call(t, &msgraph::me().member_of().list())?.value)
}

/// `GET /users`, one page read item by item: the users the model reads, and for each item it
/// cannot (a value of another JSON kind than its page documents), the item's index and why.
/// A page read as `User`s would fail whole on that one item.
pub fn users_item_by_item(t: &mut impl Transport) -> Result<(Vec<User>, Vec<(usize, String)>), Error> {
    use msgraph::runtime::Collection;
    let request = msgraph::users().list().answer_as::<Collection<serde_json::Value>>();
    let (mut users, mut odd) = (Vec::new(), Vec::new());
    for (i, item) in call(t, &request)?.value.into_iter().enumerate() {
        match serde_json::from_value::<User>(item) {
            Ok(u) => users.push(u),
            Err(e) => odd.push((i, e.to_string())),
        }
    }
    Ok((users, odd))
}

/// `PATCH /planner/tasks/{id}` with the task's etag: assigns `add` and unassigns `remove`.
/// `assignments` is keyed by user id; `insert` tags each value `#microsoft.graph.plannerAssignment`,
/// as the service needs, and `set_null` is how a PATCH removes a key. Answers the assignees
/// the task had before, read from its `GET`.
pub fn reassign(t: &mut impl Transport, task: &str, add: &str, remove: &str) -> Result<Vec<String>, Error> {
    use msgraph::models::{PlannerAssignment, PlannerAssignments, PlannerTask};
    let before = call(t, &msgraph::planner().tasks().id(task).get())?;
    let had = before.assignments.get().map(|a| a.entries().map(|(user, _)| user.to_string()).collect()).unwrap_or_default();
    let etag = before.additional_properties.get("@odata.etag").and_then(|e| e.as_str()).unwrap_or_default().to_string();
    let mut assignments = PlannerAssignments::default().with(add, PlannerAssignment { order_hint: " !".into(), ..Default::default() });
    assignments.set_null(remove);
    let change = PlannerTask { assignments: assignments.into(), ..Default::default() };
    call(t, &msgraph::planner().tasks().id(task).update(&change).header("If-Match", etag))?;
    Ok(had)
}
