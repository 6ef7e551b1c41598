//! Records the `tracing` events and span fields emitted on the current thread, so tests can
//! assert what the client logs (and that it never logs a secret).
//!
//! One process-wide subscriber routes to per-thread sinks: thread-local default subscribers
//! race with callsites registered concurrently by other tests, which can leave the global
//! level filter off and drop events.

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread::{self, ThreadId};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::subscriber::Interest;
use tracing::{Event, Level, Metadata, Subscriber};

#[derive(Debug, Clone)]
pub struct Captured {
    pub level: Level,
    /// `message` and every other field, formatted with `Debug` (strings unquoted).
    pub fields: Vec<(String, String)>,
}

impl Captured {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

#[derive(Clone, Default)]
pub struct Capture {
    events: Arc<Mutex<Vec<Captured>>>,
    /// Every span field value recorded.
    span_values: Arc<Mutex<Vec<String>>>,
}

static SINKS: OnceLock<Mutex<HashMap<ThreadId, Capture>>> = OnceLock::new();

/// Starts recording what this thread emits (a `current_thread` test runtime runs all its tasks
/// on the test's thread).
pub fn start() -> Capture {
    let sinks = SINKS.get_or_init(|| {
        tracing::subscriber::set_global_default(Router::default()).expect("no other global subscriber");
        Mutex::new(HashMap::new())
    });
    let capture = Capture::default();
    sinks.lock().unwrap().insert(thread::current().id(), capture.clone());
    capture
}

fn current() -> Option<Capture> {
    SINKS.get()?.lock().unwrap().get(&thread::current().id()).cloned()
}

impl Capture {
    /// Events whose message is `message`.
    pub fn events(&self, message: &str) -> Vec<Captured> {
        let events = self.events.lock().unwrap();
        events
            .iter()
            .filter(|e| e.field("message") == Some(message))
            .cloned()
            .collect()
    }

    /// Every recorded value, of events and spans alike.
    pub fn all_values(&self) -> Vec<String> {
        let mut values: Vec<String> = self
            .events
            .lock()
            .unwrap()
            .iter()
            .flat_map(|e| e.fields.iter().map(|(_, v)| v.clone()))
            .collect();
        values.extend(self.span_values.lock().unwrap().iter().cloned());
        values
    }
}

struct Fields(Vec<(String, String)>);

impl Visit for Fields {
    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push((field.name().to_owned(), value.to_owned()));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push((field.name().to_owned(), format!("{value:?}")));
    }
}

#[derive(Default)]
struct Router {
    next_id: AtomicU64,
}

impl Subscriber for Router {
    fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
        Interest::sometimes()
    }

    fn enabled(&self, _: &Metadata<'_>) -> bool {
        current().is_some()
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        if let Some(capture) = current() {
            let mut fields = Fields(Vec::new());
            span.record(&mut fields);
            capture
                .span_values
                .lock()
                .unwrap()
                .extend(fields.0.into_iter().map(|(_, v)| v));
        }
        Id::from_u64(self.next_id.fetch_add(1, Ordering::Relaxed) + 1)
    }

    fn record(&self, _: &Id, values: &Record<'_>) {
        if let Some(capture) = current() {
            let mut fields = Fields(Vec::new());
            values.record(&mut fields);
            capture
                .span_values
                .lock()
                .unwrap()
                .extend(fields.0.into_iter().map(|(_, v)| v));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        if let Some(capture) = current() {
            let mut fields = Fields(Vec::new());
            event.record(&mut fields);
            capture.events.lock().unwrap().push(Captured {
                level: *event.metadata().level(),
                fields: fields.0,
            });
        }
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}
