//! The http crate reaches data only through the domain: it must not even be able to
//! name diesel, r2d2 or the persistence crate.

use std::process::Command;

#[test]
fn http_depends_on_no_database_crate() {
    let output = Command::new(env!("CARGO"))
        .args([
            "tree",
            "--offline",
            "-p",
            "todo-http",
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo tree runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let tree = String::from_utf8(output.stdout).expect("utf-8");
    assert!(tree.contains("todo-domain"), "the tree was read: {tree}");
    for forbidden in ["todo-persistence ", "diesel ", "r2d2 ", "pq-sys "] {
        assert!(
            !tree.lines().any(|line| line.starts_with(forbidden)),
            "todo-http must not depend on {forbidden}"
        );
    }
}
