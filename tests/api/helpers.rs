//! `spawn_app()` and what tests need around it: users with real tokens, requests
//! that say as whom they are made, and a database proxy that can be cut.

mod process;
mod proxy;
mod raw_http;
mod replicas;
mod stream;

use std::sync::Arc;
use std::time::Duration;

use actix_web::dev::ServerHandle;
use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::Value;
use todo_app::{Application, Config, ShutdownConfig};
use todo_auth::testing::{AUDIENCE, ISSUER, JwksServer, TestKey, claims, jwt_config};
use todo_http::{HttpConfig, StreamConfig};
use todo_persistence::ListenConfig;
use todo_persistence::test_db::TestDatabase;

pub use process::{Fixture, ServerProcess};
pub use proxy::DbProxy;
pub use raw_http::{RawConnection, RawError};
pub use replicas::{Replicas, age, replicas_with_alices_stream_on_b, toggle_until};
pub use stream::{EventStream, Next, SseItem, connected, open_stream, stream_client};

pub const WEB_ORIGIN: &str = "http://localhost:3000";
/// The production default: the bound the fault tests hold the service to.
pub const STORAGE_DEADLINE: Duration = Duration::from_millis(4500);

/// Connections in each test app's pool.
pub const POOL_SIZE: u32 = 4;

/// Someone who signed in: their id and a valid token for it.
#[derive(Clone, Debug)]
pub struct TestUser {
    pub id: String,
    pub token: String,
}

/// The running service and everything around it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: Arc<TestDatabase>,
    pub jwks: JwksServer,
    pub key: TestKey,
    pub alice: TestUser,
    pub bob: TestUser,
    pub proxy: Option<DbProxy>,
    handle: ServerHandle,
}

/// An answer, with its body parsed when it is JSON.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Answer {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts a problem+json answer of this status and returns its body.
    pub fn problem(&self, status: u16) -> &Value {
        assert_eq!(self.status, status, "unexpected answer: {self:?}");
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json"),
            "{self:?}"
        );
        assert_eq!(self.body["status"], status);
        assert_eq!(self.body["type"], "about:blank");
        assert!(
            self.body["title"].is_string() && self.body["detail"].is_string(),
            "{self:?}"
        );
        &self.body
    }
}

#[derive(Default)]
pub struct AppOptions {
    /// Route the pool through a proxy the test can cut.
    pub through_proxy: bool,
    /// Reuse this database (a restart) instead of a fresh one.
    pub db: Option<Arc<TestDatabase>>,
    /// Serve the JWKS from this server instead of a new one.
    pub jwks_down_at_start: bool,
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(AppOptions::default()).await
}

pub async fn spawn_app_with(options: AppOptions) -> TestApp {
    let db = options
        .db
        .unwrap_or_else(|| Arc::new(TestDatabase::create()));
    let key = TestKey::ed25519();
    let jwks = JwksServer::start(&[&key]);
    if options.jwks_down_at_start {
        jwks.set_available(false);
    }
    let proxy = options.through_proxy.then(|| DbProxy::start(db.url()));
    let mut db_config = db.config(POOL_SIZE);
    if let Some(proxy) = &proxy {
        db_config.url = proxy.url().to_owned();
    }
    let listen = ListenConfig {
        url: db_config.url.clone(),
    };
    let config = Config {
        bind: "127.0.0.1:0".parse().expect("address"),
        db: db_config,
        listen,
        jwt: jwt_config(&jwks.url()),
        http: HttpConfig {
            cors_origins: vec![WEB_ORIGIN.to_owned()],
            storage_deadline: STORAGE_DEADLINE,
            trust_proxy: false,
            streams: StreamConfig::default(),
        },
        shutdown: ShutdownConfig {
            grace: Duration::from_secs(1),
            timeout: Duration::from_secs(10),
        },
    };
    let app = Application::build(config).await.expect("the app starts");
    let address = format!("http://{}", app.address());
    let handle = app.handle();
    actix_web::rt::spawn(app.run_until_stopped());
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client");
    let test_app = TestApp {
        alice: user_token(&key, "alice-0000000000000000000000001"),
        bob: user_token(&key, "bob-00000000000000000000000000002"),
        address,
        client,
        db,
        jwks,
        key,
        proxy,
        handle,
    };
    if !options.jwks_down_at_start {
        test_app.wait_until_ready().await;
    }
    test_app
}

fn user_token(key: &TestKey, id: &str) -> TestUser {
    TestUser {
        id: id.to_owned(),
        token: key.token(&claims(id, ISSUER, AUDIENCE)),
    }
}

impl TestApp {
    /// A new user with a valid token from the app's key.
    pub fn user(&self, id: &str) -> TestUser {
        user_token(&self.key, id)
    }

    pub async fn wait_until_ready(&self) {
        for _ in 0..100 {
            if self.get_raw("/readyz").await.status == 200 {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the app did not become ready");
    }

    pub async fn stop(&self) {
        self.handle.stop(true).await;
    }

    /// A request with a raw token (or none) and a raw body with its content type.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        token: Option<&str>,
        body: Option<(&str, Vec<u8>)>,
    ) -> Answer {
        let mut request = self
            .client
            .request(method, format!("{}{path}", self.address));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some((content_type, bytes)) = body {
            if !content_type.is_empty() {
                request = request.header("content-type", content_type);
            }
            request = request.body(bytes);
        }
        let response = request.send().await.expect("the request gets an answer");
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.expect("body");
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            body,
        }
    }

    /// A request as `user`, with an optional JSON body.
    pub async fn call(
        &self,
        method: Method,
        path: &str,
        user: &TestUser,
        body: Option<Value>,
    ) -> Answer {
        let body = body.map(|b| ("application/json", b.to_string().into_bytes()));
        self.send(method, path, Some(&user.token), body).await
    }

    pub async fn get_raw(&self, path: &str) -> Answer {
        self.send(Method::GET, path, None, None).await
    }

    pub async fn create_task(&self, user: &TestUser, body: Value) -> Value {
        let answer = self
            .call(Method::POST, &tasks_path(user), user, Some(body))
            .await;
        assert_eq!(answer.status, 201, "{answer:?}");
        answer.body
    }

    pub async fn list(&self, user: &TestUser, query: &str) -> Answer {
        let answer = self
            .call(
                Method::GET,
                &format!("{}{query}", tasks_path(user)),
                user,
                None,
            )
            .await;
        assert_eq!(answer.status, 200, "{answer:?}");
        answer
    }
}

pub fn tasks_path(user: &TestUser) -> String {
    format!("/api/{}/tasks", user.id)
}

pub fn task_path(user: &TestUser, id: &Value) -> String {
    format!("/api/{}/tasks/{id}", user.id)
}

pub fn titles(answer: &Answer) -> Vec<String> {
    answer
        .body
        .as_array()
        .expect("array")
        .iter()
        .map(|t| t["title"].as_str().expect("title").to_owned())
        .collect()
}
