//! Whatever the network does, every message ends up stored exactly once.
//!
//! A simulated phone (several tabs sharing one saved outbox, reloaded before every step) talks
//! to a simulated server that keeps one row per id, through a network that loses requests,
//! loses answers after the server stored the message, fails with 5xx and 429, shows a Wi-Fi
//! sign-in page, and lets tabs close mid-send. Once the network heals, the app's own loop
//! must deliver everything.

use std::collections::HashMap;

use proptest::prelude::*;

use super::*;
use crate::message::tests::{at, feedback};

/// The server: one row per id, as `ON CONFLICT (id) DO NOTHING` keeps.
#[derive(Default)]
struct Server {
    rows: HashMap<String, String>,
    conflicts: usize,
}

impl Server {
    fn receive(&mut self, message: &Message) -> Outcome {
        let body = message.canonical_json();
        match self.rows.get(&message.id) {
            Some(stored) if *stored == body => Outcome::Repeat,
            Some(_) => {
                self.conflicts += 1;
                Outcome::Conflict
            }
            None => {
                self.rows.insert(message.id.clone(), body);
                Outcome::Stored
            }
        }
    }
}

/// What happens to one request on its way.
#[derive(Debug, Clone)]
enum Fate {
    /// The server answers.
    Answered,
    /// The server stores it, but the answer is lost.
    AnswerLost,
    /// It never reaches the server.
    NoSignal,
    /// The server fails before storing it.
    ServerError(u16),
    /// The server says to slow down.
    RateLimited(Option<u8>),
    /// A Wi-Fi sign-in page answers instead of the server.
    SignInPage,
}

#[derive(Debug, Clone)]
enum Step {
    /// The young person writes a message.
    Write,
    /// A tab claims the first due message and starts sending it; whether the server gets it
    /// matters only if the tab later gives up waiting for the answer.
    Start { tab: u8, reaches_server: bool },
    /// A request in flight ends.
    Finish {
        which: usize,
        fate: Fate,
        jitter: f64,
    },
    /// The tab of a request in flight closes; the request may have reached the server.
    TabCloses { which: usize, reached: bool },
    /// Time passes; the app gives up on requests older than `SEND_TIMEOUT`.
    Wait { seconds: u16 },
    /// The `online` event.
    OnlineAgain,
}

fn fate() -> impl Strategy<Value = Fate> {
    prop_oneof![
        3 => Just(Fate::Answered),
        2 => Just(Fate::AnswerLost),
        3 => Just(Fate::NoSignal),
        1 => prop_oneof![Just(500u16), Just(502), Just(503)].prop_map(Fate::ServerError),
        1 => proptest::option::of(0u8..120).prop_map(Fate::RateLimited),
        1 => Just(Fate::SignInPage),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        2 => Just(Step::Write),
        4 => (0u8..3, any::<bool>())
            .prop_map(|(tab, reaches_server)| Step::Start { tab, reaches_server }),
        4 => (any::<usize>(), fate(), 0.0..1.0f64)
            .prop_map(|(which, fate, jitter)| Step::Finish { which, fate, jitter }),
        1 => (any::<usize>(), any::<bool>())
            .prop_map(|(which, reached)| Step::TabCloses { which, reached }),
        2 => prop_oneof![1u16..10, 10u16..120, 120u16..2000].prop_map(|seconds| Step::Wait { seconds }),
        1 => Just(Step::OnlineAgain),
    ]
}

struct Request {
    tab: String,
    message: Message,
    started: DateTime<Utc>,
    /// Whether the server will have seen it if the tab gives up waiting.
    reaches_server: bool,
}

/// The phone, the server and the clock.
struct World {
    saved: String,
    server: Server,
    now: DateTime<Utc>,
    in_flight: Vec<Request>,
    written: Vec<Message>,
}

impl World {
    fn new() -> World {
        World {
            saved: serde_json::to_string(&Outbox::new()).unwrap(),
            server: Server::default(),
            now: at(9, 0),
            in_flight: Vec::new(),
            written: Vec::new(),
        }
    }

    /// Loads the outbox, changes it and saves it, as every tab does under the shared lock.
    fn with_outbox<T>(&mut self, change: impl FnOnce(&mut Outbox, DateTime<Utc>) -> T) -> T {
        let mut outbox: Outbox = serde_json::from_str(&self.saved).unwrap();
        let result = change(&mut outbox, self.now);
        self.saved = serde_json::to_string(&outbox).unwrap();
        result
    }

    fn write(&mut self) {
        let n = self.written.len();
        let id = format!("00000000-0000-4000-8000-{n:012x}");
        let message = feedback(&id, &format!("Message number {n}"));
        self.written.push(message.clone());
        assert!(self.with_outbox(|outbox, _| outbox.push(message)));
    }

    fn start(&mut self, tab: String, reaches_server: bool) {
        let claimed = self.with_outbox(|outbox, now| {
            let id = outbox.due(now).first()?.to_string();
            assert!(outbox.claim(&id, &tab, now), "what is due can be claimed");
            Some(outbox.get(&id).unwrap().message.clone())
        });
        if let Some(message) = claimed {
            assert!(
                self.in_flight.iter().all(|r| r.message.id != message.id),
                "two tabs are sending {} at the same time",
                message.id
            );
            self.in_flight.push(Request {
                tab,
                message,
                started: self.now,
                reaches_server,
            });
        }
    }

    fn finish(&mut self, request: Request, fate: Fate, jitter: f64) {
        let outcome = match fate {
            Fate::Answered => self.server.receive(&request.message),
            Fate::AnswerLost => {
                self.server.receive(&request.message);
                Outcome::Network
            }
            Fate::NoSignal => Outcome::Network,
            Fate::ServerError(status) => Outcome::from_status(status, "", None),
            Fate::RateLimited(seconds) => {
                Outcome::from_status(429, "", seconds.map(|s| s.to_string()).as_deref())
            }
            Fate::SignInPage => Outcome::from_status(200, "<html>Sign in</html>", None),
        };
        self.record(&request, outcome, jitter);
    }

    fn record(&mut self, request: &Request, outcome: Outcome, jitter: f64) {
        self.with_outbox(|outbox, now| {
            outbox.record(&request.message.id, &request.tab, outcome, now, jitter);
            // A 409 never happens to a client that keeps its ids, but the app would do this.
            let stale: Vec<String> = outbox
                .needing_new_id()
                .iter()
                .map(|s| s.to_string())
                .collect();
            assert!(stale.is_empty(), "no id was ever reused");
        });
    }

    /// Moves the clock on, aborting requests that pass `SEND_TIMEOUT` on the way.
    fn wait(&mut self, seconds: i64) {
        let until = self.now + TimeDelta::seconds(seconds);
        loop {
            let timeout = delta(SEND_TIMEOUT);
            let next = self
                .in_flight
                .iter()
                .enumerate()
                .filter(|(_, r)| r.started + timeout <= until)
                .min_by_key(|(_, r)| r.started)
                .map(|(i, _)| i);
            let Some(i) = next else { break };
            let request = self.in_flight.remove(i);
            self.now = self.now.max(request.started + timeout);
            if request.reaches_server {
                self.server.receive(&request.message);
            }
            self.record(&request, Outcome::Network, 0.5);
        }
        self.now = until;
    }

    fn apply(&mut self, step: Step) {
        match step {
            Step::Write => self.write(),
            Step::Start {
                tab,
                reaches_server,
            } => self.start(format!("tab-{tab}"), reaches_server),
            Step::Finish {
                which,
                fate,
                jitter,
            } => {
                if !self.in_flight.is_empty() {
                    let request = self.in_flight.remove(which % self.in_flight.len());
                    self.finish(request, fate, jitter);
                }
            }
            Step::TabCloses { which, reached } => {
                if !self.in_flight.is_empty() {
                    let request = self.in_flight.remove(which % self.in_flight.len());
                    if reached {
                        self.server.receive(&request.message);
                    }
                }
            }
            Step::Wait { seconds } => self.wait(seconds.into()),
            Step::OnlineAgain => self.with_outbox(|outbox, now| outbox.online_again(now)),
        }
    }

    /// The network heals: requests in flight are answered, then the app's timer loop runs.
    fn heal(&mut self) {
        while let Some(request) = self.in_flight.pop() {
            self.finish(request, Fate::Answered, 0.5);
        }
        self.with_outbox(|outbox, now| outbox.online_again(now));
        for _ in 0..10 * (self.written.len() + 1) {
            let wake = self.with_outbox(|outbox, now| outbox.next_wake(now));
            let Some(wake) = wake else { return };
            self.now = wake;
            self.start("tab-after".to_string(), true);
            if let Some(request) = self.in_flight.pop() {
                self.finish(request, Fate::Answered, 0.5);
            }
        }
        panic!("the outbox never emptied: {}", self.saved);
    }
}

/// 512 cases in the test command; `PROPTEST_CASES` (which `scripts/fuzz` sets) overrides
/// it, as it does for the other properties.
fn config() -> ProptestConfig {
    let default = ProptestConfig::default();
    let cases = if std::env::var_os("PROPTEST_CASES").is_some() {
        default.cases
    } else {
        512
    };
    ProptestConfig { cases, ..default }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn every_message_is_stored_exactly_once_whatever_the_network_does(
        steps in proptest::collection::vec(step(), 0..80)
    ) {
        let mut world = World::new();
        for step in steps {
            world.apply(step);
        }
        world.heal();

        let outbox: Outbox = serde_json::from_str(&world.saved).unwrap();
        prop_assert_eq!(outbox.entries.len(), world.written.len());
        for entry in &outbox.entries {
            prop_assert!(matches!(entry.state, Delivery::Sent { .. }), "{:?}", entry);
        }
        prop_assert_eq!(world.server.conflicts, 0);
        prop_assert_eq!(world.server.rows.len(), world.written.len());
        for message in &world.written {
            prop_assert_eq!(world.server.rows.get(&message.id), Some(&message.canonical_json()));
        }
    }
}
