//! `todo-server`: reads the environment, migrates, serves until SIGINT/SIGTERM.

use std::process::ExitCode;

use todo_app::{Application, Config};

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
    match app.run_until_stopped().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("todo-server: {e}");
            ExitCode::FAILURE
        }
    }
}
