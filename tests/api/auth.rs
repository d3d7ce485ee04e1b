//! Token handling as a client sees it: 401 challenges, key rotation, issuer outage.

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::Method;
use todo_auth::testing::{AUDIENCE, ISSUER, TestKey, claims, now};

use crate::helpers::{spawn_app, tasks_path};

#[actix_web::test]
async fn no_token_is_401_with_a_bare_bearer_challenge() {
    let app = spawn_app().await;
    let answer = app
        .send(Method::GET, &tasks_path(&app.alice), None, None)
        .await;
    answer.problem(401);
    assert_eq!(answer.header("www-authenticate"), Some("Bearer"));
}

#[actix_web::test]
async fn bad_tokens_are_401_with_an_invalid_token_challenge() {
    let app = spawn_app().await;
    let mut expired = claims(&app.alice.id, ISSUER, AUDIENCE);
    expired["exp"] = (now() - 120).into();
    let mut wrong_audience = claims(&app.alice.id, ISSUER, AUDIENCE);
    wrong_audience["aud"] = "better-auth:session-cache".into();
    let hs256 = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims(&app.alice.id, ISSUER, AUDIENCE),
        &EncodingKey::from_secret(b"the BETTER_AUTH_SECRET, misused"),
    )
    .expect("hs256");
    let tokens = [
        app.key.token(&expired),
        app.key.token(&wrong_audience),
        hs256,
        "not.a.jwt".to_owned(),
        format!("{}x", app.alice.token),
        "a".repeat(9 * 1024),
    ];
    for token in tokens {
        let answer = app
            .send(Method::GET, &tasks_path(&app.alice), Some(&token), None)
            .await;
        answer.problem(401);
        let challenge = answer.header("www-authenticate").expect("challenge");
        assert!(
            challenge.starts_with("Bearer error=\"invalid_token\""),
            "{challenge}"
        );
        assert!(
            !answer
                .body
                .to_string()
                .contains(&token[..20.min(token.len())]),
            "token echoed"
        );
    }
}

#[actix_web::test]
async fn a_rotated_in_key_is_accepted_without_a_restart() {
    let app = spawn_app().await;
    let next = TestKey::ed25519_second();
    app.jwks.set_keys(&[&app.key, &next]);
    let token = next.token(&claims(&app.alice.id, ISSUER, AUDIENCE));
    let answer = app
        .send(Method::GET, &tasks_path(&app.alice), Some(&token), None)
        .await;
    assert_eq!(answer.status, 200, "{answer:?}");
    // The old key still works while the JWKS lists it.
    assert_eq!(app.list(&app.alice, "").await.status, 200);
}

#[actix_web::test]
async fn an_unknown_key_while_the_issuer_is_down_is_503_with_retry_after() {
    let app = spawn_app().await;
    app.jwks.set_available(false);
    // Known keys keep working through the outage.
    assert_eq!(app.list(&app.alice, "").await.status, 200);
    let stranger = TestKey::ed25519_second();
    let token = stranger.token(&claims(&app.alice.id, ISSUER, AUDIENCE));
    let answer = app
        .send(Method::GET, &tasks_path(&app.alice), Some(&token), None)
        .await;
    answer.problem(503);
    assert!(answer.header("retry-after").is_some());
}
