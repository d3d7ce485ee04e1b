//! A TCP proxy in front of PostgreSQL that a test can cut, or turn into a black hole,
//! and restore, to see the service lose its database and get it back without a
//! restart.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

#[derive(Default)]
struct State {
    /// Cut: new connections are closed at once.
    down: AtomicBool,
    /// Black hole: connections stay open and nothing is forwarded either way.
    holding: AtomicBool,
    stop: AtomicBool,
    live: Mutex<Vec<TcpStream>>,
}

pub struct DbProxy {
    url: String,
    state: Arc<State>,
}

impl DbProxy {
    /// Listens on a free loopback port and forwards to the server of `database_url`.
    pub fn start(database_url: &str) -> Self {
        let (prefix, rest) = database_url.split_once("://").expect("a URL");
        let (authority, path) = rest.split_once('/').expect("a database path");
        let (userinfo, upstream) = match authority.rsplit_once('@') {
            Some((userinfo, host)) => (format!("{userinfo}@"), host.to_owned()),
            None => (String::new(), authority.to_owned()),
        };
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
        listener.set_nonblocking(true).expect("nonblocking");
        let port = listener.local_addr().expect("addr").port();
        let proxy = Self {
            url: format!("{prefix}://{userinfo}127.0.0.1:{port}/{path}"),
            state: Arc::new(State::default()),
        };
        let state = proxy.state.clone();
        thread::spawn(move || {
            while !state.stop.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) if !state.down.load(Ordering::SeqCst) => {
                        if let Ok(server) = TcpStream::connect(&upstream) {
                            let _ = client.set_nonblocking(false);
                            pipe(client, server, &state);
                        }
                    }
                    // Down: the connection is accepted and closed at once, as by a
                    // server that is not there any more.
                    Ok((client, _)) => drop(client),
                    Err(e) if e.kind() == ErrorKind::WouldBlock => {
                        thread::sleep(Duration::from_millis(5))
                    }
                    Err(_) => break,
                }
            }
        });
        proxy
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Drops every open connection and refuses new ones.
    pub fn cut(&self) {
        self.state.down.store(true, Ordering::SeqCst);
        let mut live = self.state.live.lock().expect("lock");
        for stream in live.drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }

    /// Stops forwarding without closing anything, like a host that vanished from
    /// the network: connections stay open, bytes are held, no answer comes back.
    pub fn black_hole(&self) {
        self.state.holding.store(true, Ordering::SeqCst);
    }

    /// Forwards again: held bytes are delivered, new connections pass.
    pub fn restore(&self) {
        self.state.holding.store(false, Ordering::SeqCst);
        self.state.down.store(false, Ordering::SeqCst);
    }
}

impl Drop for DbProxy {
    fn drop(&mut self) {
        self.state.stop.store(true, Ordering::SeqCst);
        self.state.holding.store(false, Ordering::SeqCst);
        self.cut();
    }
}

fn pipe(client: TcpStream, server: TcpStream, state: &Arc<State>) {
    let mut registry = state.live.lock().expect("lock");
    for stream in [&client, &server] {
        if let Ok(clone) = stream.try_clone() {
            registry.push(clone);
        }
    }
    drop(registry);
    for (from, to) in [
        (
            client.try_clone().expect("clone"),
            server.try_clone().expect("clone"),
        ),
        (server, client),
    ] {
        let state = state.clone();
        thread::spawn(move || forward(from, to, &state));
    }
}

/// Copies `from` to `to` chunk by chunk; while the proxy holds, a chunk read waits
/// here instead of being written.
fn forward(mut from: TcpStream, mut to: TcpStream, state: &State) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        while state.holding.load(Ordering::SeqCst) {
            thread::sleep(Duration::from_millis(5));
        }
        if to.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = to.shutdown(Shutdown::Both);
}
