//! The real `todo-server` binary as a child process, for what only a process can
//! show: its reaction to signals, its exit code, and what it logs.

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use todo_auth::testing::{AUDIENCE, ISSUER, JwksServer, TestKey, claims};
use todo_persistence::test_db::TestDatabase;

use super::TestUser;

/// A database, a signing key and its JWKS, for servers run as processes.
pub struct Fixture {
    pub db: TestDatabase,
    pub key: TestKey,
    pub jwks: JwksServer,
}

impl Fixture {
    pub fn new() -> Self {
        let key = TestKey::ed25519();
        let jwks = JwksServer::start(&[&key]);
        Self {
            db: TestDatabase::create(),
            key,
            jwks,
        }
    }

    /// The `n`th user, with a valid token.
    pub fn user(&self, n: usize) -> TestUser {
        let id = format!("process-user-{n:020}");
        TestUser {
            token: self.key.token(&claims(&id, ISSUER, AUDIENCE)),
            id,
        }
    }

    /// `todo-server` on this fixture's database and JWKS, with `env` on top.
    pub async fn server(&self, env: &[(&str, &str)]) -> ServerProcess {
        ServerProcess::start(self.db.url(), &self.jwks.url(), env).await
    }
}

pub struct ServerProcess {
    pub address: SocketAddr,
    child: Child,
    logs: Arc<Mutex<Vec<String>>>,
}

impl ServerProcess {
    /// Starts the binary on a free port with the test's database and JWKS, plus
    /// `env`, and waits until `/readyz` answers 200.
    pub async fn start(database_url: &str, jwks_url: &str, env: &[(&str, &str)]) -> Self {
        let address = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("a free port");
        // TODO_TEST_SERVER_BIN runs these tests against another build (an older one,
        // to see them fail there).
        let binary = std::env::var("TODO_TEST_SERVER_BIN")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_todo-server").to_owned());
        let mut command = Command::new(binary);
        command
            .env_clear()
            .env("DATABASE_URL", database_url)
            .env("TODO_BIND", address.to_string())
            .env("TODO_JWKS_URL", jwks_url)
            .env("RUST_LOG", "info")
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = command.spawn().expect("todo-server starts");
        let logs = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().expect("stderr");
        let sink = logs.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().expect("logs").push(line);
            }
        });
        let server = Self {
            address,
            child,
            logs,
        };
        server.wait_until_ready().await;
        server
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }

    async fn wait_until_ready(&self) {
        // reqwest is built without a default TLS provider; the app installs ring's.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(answer) = client.get(self.url("/readyz")).send().await
                && answer.status() == 200
            {
                return;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("todo-server did not become ready: {:?}", self.logs());
    }

    /// Sends `signal` (`TERM`, `INT`, …) to the process.
    pub fn signal(&self, signal: &str) {
        let status = Command::new("kill")
            .args(["-s", signal, &self.child.id().to_string()])
            .status()
            .expect("kill runs");
        assert!(status.success(), "kill -s {signal} failed");
    }

    /// Waits up to `limit` for the process to exit.
    pub async fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return Some(status);
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        None
    }

    pub fn logs(&self) -> Vec<String> {
        self.logs.lock().expect("logs").clone()
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
