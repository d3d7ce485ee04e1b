//! A TCP proxy in front of PostgreSQL that a test can cut and restore, to see the
//! service lose its database and get it back without a restart.

use std::io::ErrorKind;
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

pub struct DbProxy {
    url: String,
    up: Arc<AtomicBool>,
    live: Arc<Mutex<Vec<TcpStream>>>,
    stop: Arc<AtomicBool>,
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
            up: Arc::new(AtomicBool::new(true)),
            live: Arc::new(Mutex::new(Vec::new())),
            stop: Arc::new(AtomicBool::new(false)),
        };
        let (up, live, stop) = (proxy.up.clone(), proxy.live.clone(), proxy.stop.clone());
        thread::spawn(move || {
            while !stop.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) if up.load(Ordering::SeqCst) => {
                        if let Ok(server) = TcpStream::connect(&upstream) {
                            let _ = client.set_nonblocking(false);
                            pipe(client, server, &live);
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
        self.up.store(false, Ordering::SeqCst);
        let mut live = self.live.lock().expect("lock");
        for stream in live.drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }

    pub fn restore(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

impl Drop for DbProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        self.cut();
    }
}

fn pipe(client: TcpStream, server: TcpStream, live: &Arc<Mutex<Vec<TcpStream>>>) {
    let mut registry = live.lock().expect("lock");
    for stream in [&client, &server] {
        if let Ok(clone) = stream.try_clone() {
            registry.push(clone);
        }
    }
    drop(registry);
    for (mut from, mut to) in [
        (
            client.try_clone().expect("clone"),
            server.try_clone().expect("clone"),
        ),
        (server, client),
    ] {
        thread::spawn(move || {
            let _ = std::io::copy(&mut from, &mut to);
            let _ = to.shutdown(Shutdown::Both);
        });
    }
}
