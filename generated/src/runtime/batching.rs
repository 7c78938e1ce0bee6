//! [`Client::batch`]: a [`Batch`] sent as `$batch` requests, throttled inner requests sent
//! again, the answers of every `$batch` that ran kept when a later one fails. Part of `client`.
//!
//! Hand-written: the generator copies this file from `templates/runtime/batching.rs`.

use super::{Batch, BatchAnswers, Client, Error, Request};

impl Client {
    /// Sends a batch (one `$batch` request per 20) and reads every answer by id; requests
    /// the service throttled inside the batch (429, 503) are sent again after the longest
    /// `Retry-After` among them, as often as the retry policy allows.
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
            let (ids, wait) = all.throttled();
            if ids.is_empty() {
                break;
            }
            // Asked to wait past the longest wait: the throttled answers are the caller's.
            let Some(wait) = self.wait(wait, attempt) else { break };
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
