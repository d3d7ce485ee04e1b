use super::*;
use actix_web::body::to_bytes;

async fn render(
    err: ApiError,
) -> (
    StatusCode,
    actix_web::http::header::HeaderMap,
    serde_json::Value,
) {
    let response = err.error_response();
    let status = response.status();
    let headers = response.headers().clone();
    let body = to_bytes(response.into_body()).await.expect("body");
    (
        status,
        headers,
        serde_json::from_slice(&body).expect("json"),
    )
}

#[actix_rt::test]
async fn unprocessable_lists_every_field() {
    let (status, headers, body) = render(ApiError::Unprocessable(vec![
        FieldError::new("title", "must be 1 to 200 characters"),
        FieldError::new("completed", "must be a boolean"),
    ]))
    .await;
    assert_eq!(status, 422);
    assert_eq!(headers.get("content-type").expect("ct"), PROBLEM_JSON);
    assert_eq!(body["type"], "about:blank");
    assert_eq!(body["title"], "Unprocessable Entity");
    assert_eq!(body["status"], 422);
    assert_eq!(
        body["detail"],
        "title must be 1 to 200 characters; completed must be a boolean"
    );
    assert_eq!(body["errors"][1]["field"], "completed");
}

#[actix_rt::test]
async fn unauthorized_challenges_depend_on_whether_a_token_was_sent() {
    let (status, headers, _) = render(AuthError::Missing.into()).await;
    assert_eq!(status, 401);
    assert_eq!(
        headers.get("www-authenticate").expect("challenge"),
        "Bearer"
    );
    let (_, headers, body) = render(AuthError::Invalid("token expired").into()).await;
    let challenge = headers
        .get("www-authenticate")
        .expect("challenge")
        .to_str()
        .expect("str");
    assert!(challenge.starts_with("Bearer error=\"invalid_token\""));
    assert_eq!(body["detail"], "token expired");
}

#[actix_rt::test]
async fn unavailable_sets_retry_after_and_hides_the_cause() {
    let err = ApiError::from(TaskError::Unavailable("pool timed out at 10.0.0.5".into()));
    let (status, headers, body) = render(err).await;
    assert_eq!(status, 503);
    assert_eq!(headers.get("retry-after").expect("retry-after"), "5");
    assert!(!body.to_string().contains("10.0.0.5"));
    let (status, headers, _) = render(AuthError::KeysUnavailable.into()).await;
    assert_eq!(status, 503);
    assert!(headers.contains_key("retry-after"));
}

#[actix_rt::test]
async fn too_many_requests_says_when_to_retry() {
    let err = ApiError::TooManyRequests {
        detail: "too many streams",
        retry_after_secs: 10,
    };
    let (status, headers, body) = render(err).await;
    assert_eq!(status, 429);
    assert_eq!(headers.get("retry-after").expect("retry-after"), "10");
    assert_eq!(body["detail"], "too many streams");
}

#[actix_rt::test]
async fn internal_errors_say_nothing_internal() {
    let (status, _, body) =
        render(TaskError::Internal("relation tasks does not exist".into()).into()).await;
    assert_eq!(status, 500);
    assert_eq!(body["detail"], "internal error");
}
