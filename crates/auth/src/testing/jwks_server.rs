//! A real HTTP/1.1 JWKS server on loopback, on its own thread so it serves tokio and
//! actix-rt tests alike, with knobs for outages, odd bodies and cache headers.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use serde_json::json;

use super::TestKey;

const JWKS_PATH: &str = "/api/auth/jwks";

/// Serves `GET /api/auth/jwks` on `127.0.0.1:<random port>` until dropped.
pub struct JwksServer {
    address: SocketAddr,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

struct Shared {
    reply: Mutex<Reply>,
    hits: AtomicUsize,
    stopping: AtomicBool,
}

struct Reply {
    body: String,
    status: u16,
    available: bool,
    cache_control: Option<String>,
}

impl JwksServer {
    /// Starts serving a JWKS of `keys` (Better Auth style: no `Cache-Control`).
    ///
    /// # Panics
    /// When no loopback port can be bound.
    pub fn start(keys: &[&TestKey]) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let address = listener.local_addr().expect("bound address");
        let shared = Arc::new(Shared {
            reply: Mutex::new(Reply {
                body: jwks_body(keys),
                status: 200,
                available: true,
                cache_control: None,
            }),
            hits: AtomicUsize::new(0),
            stopping: AtomicBool::new(false),
        });
        let serving = Arc::clone(&shared);
        let thread = std::thread::Builder::new()
            .name(format!("jwks-server-{}", address.port()))
            .spawn(move || serve(&listener, &serving))
            .expect("spawn the JWKS server thread");
        Self {
            address,
            shared,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:<port>/api/auth/jwks`.
    pub fn url(&self) -> String {
        format!("http://{}{JWKS_PATH}", self.address)
    }

    /// Serves a JWKS of exactly these keys from now on.
    pub fn set_keys(&self, keys: &[&TestKey]) {
        self.with_reply(|reply| reply.body = jwks_body(keys));
    }

    /// Serves this body verbatim (e.g. a malformed JWKS).
    pub fn set_raw_body(&self, body: &str) {
        self.with_reply(|reply| body.clone_into(&mut reply.body));
    }

    /// The HTTP status to answer with (200 by default).
    pub fn set_status(&self, status: u16) {
        self.with_reply(|reply| reply.status = status);
    }

    /// Down: each connection is accepted and closed at once without an answer.
    pub fn set_available(&self, up: bool) {
        self.with_reply(|reply| reply.available = up);
    }

    /// The `Cache-Control` header to send, if any.
    pub fn set_cache_control(&self, value: Option<&str>) {
        self.with_reply(|reply| reply.cache_control = value.map(str::to_owned));
    }

    /// Requests for the JWKS answered so far (not counting those refused while down).
    pub fn hits(&self) -> usize {
        self.shared.hits.load(Ordering::SeqCst)
    }

    fn with_reply(&self, change: impl FnOnce(&mut Reply)) {
        change(
            &mut self
                .shared
                .reply
                .lock()
                .unwrap_or_else(PoisonError::into_inner),
        );
    }
}

impl Drop for JwksServer {
    fn drop(&mut self) {
        self.shared.stopping.store(true, Ordering::SeqCst);
        // Wakes the blocking accept so the thread sees the flag.
        let _ = TcpStream::connect_timeout(&self.address, Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn jwks_body(keys: &[&TestKey]) -> String {
    json!({ "keys": keys.iter().map(|key| key.jwk()).collect::<Vec<_>>() }).to_string()
}

fn serve(listener: &TcpListener, shared: &Shared) {
    for stream in listener.incoming() {
        if shared.stopping.load(Ordering::SeqCst) {
            return;
        }
        if let Ok(stream) = stream {
            // A client that misbehaves only fails its own request.
            let _ = answer(stream, shared);
        }
    }
}

fn answer(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    if !shared
        .reply
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .available
    {
        return stream.shutdown(Shutdown::Both);
    }
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let request = read_head(&mut stream)?;
    let request_line = request.lines().next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (method, path) = (
        parts.next().unwrap_or_default(),
        parts.next().unwrap_or_default(),
    );

    let response = if method == "GET" && path == JWKS_PATH {
        shared.hits.fetch_add(1, Ordering::SeqCst);
        let reply = shared.reply.lock().unwrap_or_else(PoisonError::into_inner);
        let cache_control = reply
            .cache_control
            .as_ref()
            .map(|value| format!("Cache-Control: {value}\r\n"))
            .unwrap_or_default();
        format!(
            "HTTP/1.1 {} Test\r\nContent-Type: application/json\r\nContent-Length: {}\r\n{cache_control}Connection: close\r\n\r\n{}",
            reply.status,
            reply.body.len(),
            reply.body
        )
    } else {
        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned()
    };
    stream.write_all(response.as_bytes())?;
    stream.flush()?;
    stream.shutdown(Shutdown::Write)
}

/// Reads up to the blank line that ends the request head (GETs have no body).
fn read_head(stream: &mut TcpStream) -> std::io::Result<String> {
    let mut head = Vec::new();
    let mut buffer = [0u8; 1024];
    while !head.windows(4).any(|window| window == b"\r\n\r\n") {
        let read = stream.read(&mut buffer)?;
        if read == 0 || head.len() > 16 * 1024 {
            return Err(ErrorKind::UnexpectedEof.into());
        }
        head.extend_from_slice(&buffer[..read]);
    }
    Ok(String::from_utf8_lossy(&head).into_owned())
}
