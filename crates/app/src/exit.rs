//! What `main` needs to end the process at once without a panic on the way out.
//!
//! `main` calls `std::process::exit` after the drain, while actix's worker threads
//! may still be tearing down (waiting for them could hang: see `main`). `exit` first
//! runs the main thread's thread-local destructors, which drop its handle on actix's
//! system channel. A worker thread's own handle, dropped with its thread-locals,
//! could then be the last one: closing the channel wakes its receiver, a task of the
//! main thread, from a thread whose scheduler thread-locals are already gone. That
//! panics inside a thread-local destructor, which aborts the process: under load, a
//! stray panic in the log about one stop in 25 (`bench/stops`), and exit status 134
//! instead of 0 whenever the abort comes before the exit.

use std::sync::OnceLock;

use actix_rt::System;

/// Keeps a handle on the current actix system's channel until the process ends, so
/// that no worker thread ever drops the last one. Call it inside the system, before
/// serving.
pub fn keep_system_open() {
    static SYSTEM: OnceLock<System> = OnceLock::new();
    SYSTEM.get_or_init(System::current);
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use actix_rt::time::sleep;
    use actix_rt::{Arbiter, System};

    /// A system on another thread, only for its handle (its channel is closed).
    fn another_system() -> System {
        std::thread::spawn(|| {
            let _runner = System::new();
            System::current()
        })
        .join()
        .expect("a second system")
    }

    /// The order `exit` produces, made deterministic. A worker thread stops and
    /// tells the system so; its runtime's teardown then waits on a blocking job (as
    /// it waits for idle blocking threads); meanwhile the system's receiver takes the
    /// message and waits again, and the main thread lets go of its handle (here by
    /// swapping it out rather than by exiting). Then the worker's thread ends, its
    /// handle in a thread-local. Without `keep_system_open`, that ending aborts the
    /// test process ("thread local panicked on drop").
    #[test]
    fn a_worker_thread_ending_after_the_main_thread_let_go_of_the_system_does_not_panic() {
        let other = another_system();
        System::new().block_on(async move {
            super::keep_system_open();
            let worker = Arbiter::new();
            let (started, has_started) = mpsc::channel();
            let (release, released) = mpsc::channel::<()>();
            worker.spawn(async move {
                actix_rt::task::spawn_blocking(move || {
                    started.send(()).expect("the test waits");
                    released.recv()
                });
            });
            has_started.recv().expect("the blocking job started");
            worker.stop();
            // The system's receiver runs: it takes the worker's messages, then waits.
            sleep(Duration::from_millis(50)).await;
            System::set_current(other);
            drop(release);
            worker
                .join()
                .expect("the worker thread ended without a panic");
        });
    }
}
