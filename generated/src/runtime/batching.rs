//! [`Client::batch`]: a [`Batch`] sent as `$batch` requests, throttled inner requests sent
//! again, the answers of every `$batch` that ran kept when a later one fails. Part of `client`.
//!
//! Hand-written: the generator copies this file from `templates/runtime/batching.rs`.

use super::{Batch, BatchAnswers, Client, Error, Request};

impl Client {
    /// Sends a batch (one `$batch` request per 20) and reads every answer by id; requests
    /// the service throttled inside the batch (429, 503, 504) are sent again after the longest
    /// `Retry-After` among them, as often as the retry policy allows, and with them each
    /// request that depends on one of them and was answered `424 Failed Dependency` (it never
    /// ran). Each round is a `$batch` of its own ([`Client::on_retry`] is told of its wait).
    ///
    /// When a `$batch` fails after others ran, the error is [`Error::Batch`] with the answers
    /// of those that ran. An answer whose id was not sent in that `$batch`, or that repeats an
    /// id, is an error (the throttled ids retried are only those sent).
    pub async fn batch(&self, batch: &Batch) -> Result<BatchAnswers, Error> {
        if let Some(why) = batch.refused() {
            return Err(Error::Invalid(why.to_string()));
        }
        let mut all = BatchAnswers { origin: Some(batch.origin()), ..BatchAnswers::default() };
        for request in batch.requests() {
            let answers = self.send_batch(&request).await;
            all = merged(all, answers)?;
        }
        for attempt in 0..self.retry.max_retries {
            let (throttled, wait) = all.throttled();
            let Some(status) = throttled.first().and_then(|id| all.responses.iter().find(|r| r.id == *id)).map(|r| r.status) else {
                break;
            };
            // Asked to wait past the longest wait: the throttled answers are the caller's.
            let Some(wait) = self.wait(wait, attempt) else { break };
            let ids = with_failed_dependents(batch, &all, throttled);
            self.retrying((&http::Method::POST, &format!("{}/$batch", self.root)), Some(status), attempt + 1, wait, ids.len());
            tokio::time::sleep(wait).await;
            for request in batch.only(&ids).requests() {
                let answers = self.send_batch(&request).await;
                all = merged(all, answers)?;
            }
        }
        Ok(all)
    }

    /// One `$batch`, its answers checked against the ids it carried.
    async fn send_batch(&self, request: &Request<super::super::Json<BatchAnswers>>) -> Result<BatchAnswers, Error> {
        let answers = self.send(request).await?;
        let body: serde_json::Value = request.body().and_then(|b| serde_json::from_slice(b).ok()).unwrap_or_default();
        let sent: Vec<&str> = body["requests"].as_array().into_iter().flatten().filter_map(|r| r["id"].as_str()).collect();
        let mut seen = std::collections::HashSet::new();
        for r in &answers.responses {
            if !sent.contains(&r.id.as_str()) {
                let id: String = r.id.chars().take(64).collect();
                return Err(Error::Transport(format!("the $batch answered id {id:?}, which it was not sent").into()));
            }
            if !seen.insert(r.id.as_str()) {
                return Err(Error::Transport(format!("the $batch answered id {} twice", r.id).into()));
            }
        }
        Ok(answers)
    }
}

/// `ids` with every request answered `424 Failed Dependency` that depends, directly or through
/// others, on one of them: it never ran, and goes again with what it waits for.
fn with_failed_dependents(batch: &Batch, answers: &BatchAnswers, mut ids: Vec<String>) -> Vec<String> {
    let failed = |id: &str| answers.responses.iter().any(|r| r.id == id && r.status == 424);
    loop {
        let more: Vec<String> = batch
            .items()
            .iter()
            .filter(|i| !ids.contains(&i.id) && failed(&i.id) && i.depends_on.iter().any(|d| ids.contains(d)))
            .map(|i| i.id.clone())
            .collect();
        if more.is_empty() {
            return ids;
        }
        ids.extend(more);
    }
}

/// The answers so far with those of one more `$batch`; when it failed, its error with the
/// answers so far (whose requests ran).
fn merged(mut all: BatchAnswers, next: Result<BatchAnswers, Error>) -> Result<BatchAnswers, Error> {
    match next {
        Ok(answers) => {
            all.merge(answers);
            Ok(all)
        }
        Err(error) if all.responses.is_empty() => Err(error),
        Err(error) => Err(Error::Batch { answers: Box::new(all), error: Box::new(error) }),
    }
}
