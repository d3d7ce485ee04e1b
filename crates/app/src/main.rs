//! `todo-server`: reads the environment, migrates, serves until SIGINT/SIGTERM, drains.

use std::process::ExitCode;

use todo_app::{Application, Config, Outcome, keep_system_open};

#[actix_web::main]
async fn main() -> ExitCode {
    env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("info")).init();
    let config = match Config::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("todo-server: configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    let app = match Application::build(config).await {
        Ok(app) => app,
        Err(e) => {
            eprintln!("todo-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    log::info!("todo-server listening on http://{}", app.address());
    // Exit without waiting for the runtime to wind down: a blocking thread stuck on
    // an unanswering database must not hold the process after the drain. The worker
    // threads may still be ending then; see `keep_system_open` for what that needs.
    keep_system_open();
    match app.run_until_signalled().await {
        Ok(Outcome::Drained) => {
            log::info!("stopped: every request read was answered");
            std::process::exit(0)
        }
        Ok(Outcome::Forced(why)) => {
            log::warn!("stopped by {why} before the drain finished");
            std::process::exit(1)
        }
        Err(e) => {
            eprintln!("todo-server: {e}");
            ExitCode::FAILURE
        }
    }
}
