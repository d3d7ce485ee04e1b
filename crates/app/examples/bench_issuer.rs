//! Benchmark helper: serves a JWKS on loopback, as Better Auth would, and writes a
//! token for each of N users, so load tests can authenticate like real clients.
//!
//! Usage: bench_issuer USERS OUT_FILE
//! OUT_FILE gets `jwks_url` on its first line, then `user_id token` lines. The JWKS
//! is served until the process is killed.

use std::io::Write;

use todo_auth::testing::{AUDIENCE, ISSUER, JwksServer, TestKey, claims, now};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let users: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(20);
    let out = args.next().unwrap_or_else(|| "tokens.txt".to_owned());
    let key = TestKey::ed25519();
    let server = JwksServer::start(&[&key]);
    let mut file = std::fs::File::create(&out)?;
    writeln!(file, "{}", server.url())?;
    for n in 0..users {
        let user = format!("benchuser{n:023}");
        let mut token_claims = claims(&user, ISSUER, AUDIENCE);
        // Longer than Better Auth's 15 minutes so a long run never expires mid-way.
        token_claims["exp"] = (now() + 4 * 3600).into();
        writeln!(file, "{user} {}", key.token(&token_claims))?;
    }
    file.flush()?;
    drop(file);
    eprintln!("JWKS at {}; {users} tokens in {out}", server.url());
    loop {
        std::thread::park();
    }
}
