-- `sort=due` merges three scans of the owner's tasks (crates/persistence/src/tasks/
-- page.rs): timed dues and date-only dues have their indexes already; this one
-- serves the tasks without a due, which come last in id order.
CREATE INDEX tasks_owner_undated_idx ON tasks (user_id, id)
    WHERE due_at IS NULL AND due_date IS NULL;
