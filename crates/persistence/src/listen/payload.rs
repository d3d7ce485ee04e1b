//! What goes over `task_changes`: batches of changes as JSON arrays, each payload
//! under the 8000 bytes a notification may hold, or the request to resync.

use diesel::pg::PgNotification;
use serde::{Deserialize, Serialize};
use todo_domain::{ChangeKind, TaskChange, TaskId, UserId};

use super::CHANGES_CHANNEL;

/// A notification's payload is at most 8000 bytes: batches stay under this.
const PAYLOAD_BYTES: usize = 7000;

/// Tells every replica that changes went unannounced: their streams reload.
pub(super) const RESYNC: &str = r#"{"resync":true}"#;

/// One change in a payload: `{"op":"created|updated|deleted","user_id":"…","id":N,"version":N}`.
#[derive(Serialize, Deserialize)]
struct Payload {
    op: String,
    user_id: String,
    id: i64,
    version: i64,
}

/// A payload: a batch of changes, or [`RESYNC`].
#[derive(Deserialize)]
#[serde(untagged)]
enum Message {
    Changes(Vec<Payload>),
    Resync {
        #[expect(dead_code, reason = "only tells the message apart")]
        resync: bool,
    },
}

pub(super) enum Heard {
    Changes(Vec<TaskChange>),
    Resync,
}

/// `changes` as JSON arrays of at most [`PAYLOAD_BYTES`] each, in order.
pub(super) fn batches(changes: &[TaskChange]) -> Vec<String> {
    let mut payloads = Vec::new();
    let mut current = String::new();
    for change in changes {
        let item = serde_json::to_string(&Payload {
            op: change.kind.as_str().to_owned(),
            user_id: change.owner.as_str().to_owned(),
            id: change.id.get(),
            version: change.version,
        })
        .unwrap_or_default();
        if !current.is_empty() && current.len() + item.len() + 2 > PAYLOAD_BYTES {
            current.push(']');
            payloads.push(std::mem::take(&mut current));
        }
        current.push(if current.is_empty() { '[' } else { ',' });
        current.push_str(&item);
    }
    if !current.is_empty() {
        current.push(']');
        payloads.push(current);
    }
    payloads
}

/// A payload that is not ours (someone else's `NOTIFY task_changes`) is logged and
/// skipped: it must not end anyone's stream.
pub(super) fn parse(notification: &PgNotification) -> Option<Heard> {
    if notification.channel != CHANGES_CHANNEL {
        return None;
    }
    let heard = match serde_json::from_str::<Message>(&notification.payload) {
        Ok(Message::Resync { .. }) => Some(Heard::Resync),
        Ok(Message::Changes(items)) => items
            .into_iter()
            .map(|p| {
                Some(TaskChange {
                    owner: UserId::parse(&p.user_id).ok()?,
                    id: TaskId::new(p.id),
                    kind: ChangeKind::parse(&p.op)?,
                    version: p.version,
                })
            })
            .collect::<Option<Vec<_>>>()
            .map(Heard::Changes),
        Err(_) => None,
    };
    if heard.is_none() {
        log::warn!(
            "ignored a {CHANGES_CHANNEL} notification that is not ours ({} bytes)",
            notification.payload.len()
        );
    }
    heard
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notification(channel: &str, payload: &str) -> PgNotification {
        PgNotification {
            process_id: 1,
            channel: channel.to_owned(),
            payload: payload.to_owned(),
        }
    }

    fn changes(payload: &str) -> Option<Vec<TaskChange>> {
        match parse(&notification(CHANGES_CHANNEL, payload))? {
            Heard::Changes(changes) => Some(changes),
            Heard::Resync => None,
        }
    }

    fn change(id: i64, kind: ChangeKind) -> TaskChange {
        TaskChange {
            owner: UserId::parse("alice").expect("id"),
            id: TaskId::new(id),
            kind,
            version: 3,
        }
    }

    #[test]
    fn a_batch_goes_out_and_comes_back_as_the_same_changes() {
        let sent = vec![
            change(42, ChangeKind::Updated),
            change(7, ChangeKind::Deleted),
        ];
        let payloads = batches(&sent);
        assert_eq!(payloads.len(), 1);
        assert_eq!(changes(&payloads[0]), Some(sent));
        assert!(batches(&[]).is_empty());
    }

    #[test]
    fn a_large_batch_is_split_under_the_payload_limit_keeping_the_order() {
        let sent: Vec<_> = (1..=500)
            .map(|id| change(id, ChangeKind::Created))
            .collect();
        let payloads = batches(&sent);
        assert!(payloads.len() > 1);
        assert!(
            payloads.iter().all(|p| p.len() <= PAYLOAD_BYTES),
            "under 8000 bytes"
        );
        let heard: Vec<_> = payloads
            .iter()
            .flat_map(|p| changes(p).expect("ours"))
            .collect();
        assert_eq!(heard, sent);
    }

    #[test]
    fn a_resync_is_told_apart_and_anything_else_is_skipped() {
        assert!(matches!(
            parse(&notification(CHANGES_CHANNEL, RESYNC)),
            Some(Heard::Resync)
        ));
        for payload in [
            "",
            "hello",
            r#"{"op":"created","user_id":"alice","id":1,"version":1}"#,
            r#"[{"op":"renamed","user_id":"alice","id":1,"version":1}]"#,
            r#"[{"op":"created","user_id":"","id":1,"version":1}]"#,
            r#"[{"op":"created","user_id":"alice","id":"1","version":1}]"#,
        ] {
            assert!(
                parse(&notification(CHANGES_CHANNEL, payload)).is_none(),
                "{payload}"
            );
        }
        let ours = r#"[{"op":"created","user_id":"alice","id":1,"version":1}]"#;
        assert!(parse(&notification("other", ours)).is_none());
    }
}
