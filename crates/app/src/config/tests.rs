use super::*;
use std::collections::HashMap;

fn load(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    Config::from_lookup(|name| map.get(name).cloned())
}

const DB: (&str, &str) = ("DATABASE_URL", "postgres://u@localhost/todo");

#[test]
fn defaults_match_the_contract() {
    let config = load(&[DB]).expect("defaults");
    assert_eq!(config.bind.to_string(), "127.0.0.1:8000");
    assert_eq!(config.jwt.jwks_url, "http://localhost:3000/api/auth/jwks");
    assert_eq!(config.jwt.issuer, "http://localhost:3000");
    assert_eq!(config.jwt.audience, "http://localhost:3000");
    assert_eq!(config.jwt.leeway, Duration::from_secs(30));
    assert_eq!(config.jwt.refresh_interval, Duration::from_secs(300));
    assert_eq!(config.db.pool_size, 10);
    assert_eq!(config.http.cors_origins, ["http://localhost:3000"]);
    assert!(!config.http.trust_proxy);
    assert_eq!(config.shutdown.grace, Duration::from_secs(5));
    assert_eq!(config.shutdown.timeout, Duration::from_secs(30));
    assert_eq!(config.listen.url, "postgres://u@localhost/todo");
    assert_eq!(config.http.streams.max_streams, 1000);
    assert_eq!(config.http.streams.max_per_user, 5);
    assert_eq!(config.http.streams.heartbeat, Duration::from_secs(15));
}

#[test]
fn the_listener_may_use_a_direct_endpoint_of_its_own() {
    let direct = "postgresql://u:p@ep-cool-name-123.eu-central-1.aws.neon.tech/neondb";
    let config = load(&[DB, ("TODO_LISTEN_DATABASE_URL", direct)]).expect("config");
    assert_eq!(config.listen.url, direct);
    assert_eq!(config.db.url, DB.1);
    assert!(!format!("{config:?}").contains(":p@"));
}

#[test]
fn database_url_is_required() {
    assert_eq!(load(&[]).expect_err("missing").var, "DATABASE_URL");
    assert_eq!(
        load(&[("DATABASE_URL", "mysql://x")]).expect_err("bad").var,
        "DATABASE_URL"
    );
}

#[test]
fn neon_urls_are_accepted() {
    let neon =
        "postgresql://u:p@ep-cool-name-123.eu-central-1.aws.neon.tech/neondb?sslmode=require";
    assert_eq!(load(&[("DATABASE_URL", neon)]).expect("neon").db.url, neon);
}

#[test]
fn each_bad_value_names_its_variable() {
    for (var, value) in [
        ("TODO_BIND", "not an address"),
        ("TODO_JWKS_URL", "ftp://issuer/jwks"),
        ("TODO_JWT_LEEWAY_SECS", "-1"),
        ("TODO_JWKS_REFRESH_SECS", "0"),
        ("TODO_DB_POOL_SIZE", "lots"),
        ("TODO_CORS_ORIGINS", "http://localhost:3000/"),
        ("TODO_TRUST_PROXY", "maybe"),
        ("TODO_SHUTDOWN_GRACE_SECS", "soon"),
        ("TODO_SHUTDOWN_TIMEOUT_SECS", "2"),
        ("TODO_LISTEN_DATABASE_URL", "mysql://x"),
        ("TODO_STREAM_MAX", "-1"),
        ("TODO_STREAM_HEARTBEAT_SECS", "0"),
    ] {
        let err = load(&[DB, (var, value)]).expect_err(var);
        assert_eq!(err.var, var);
        assert!(err.to_string().starts_with(var), "{err}");
        assert!(!err.to_string().contains('\n'));
    }
}

#[test]
fn cors_origins_are_comma_separated() {
    let config = load(&[
        DB,
        (
            "TODO_CORS_ORIGINS",
            "http://localhost:3000, https://todo.example.com",
        ),
    ])
    .expect("origins");
    assert_eq!(
        config.http.cors_origins,
        ["http://localhost:3000", "https://todo.example.com"]
    );
}

#[test]
fn the_database_password_is_not_printed() {
    let config = load(&[("DATABASE_URL", "postgres://u:hunter2@h/db")]).expect("config");
    assert!(!format!("{config:?}").contains("hunter2"));
}
