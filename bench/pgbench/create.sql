-- The statements todo-server sends for one request (copied from a log_statement=all
-- run; keep them in step with crates/persistence). bench/run passes users, tasks and
-- first_id (-D): seeded ids are contiguous per user. pgbench has no strings, so the
-- user id is built from a number, once per statement. Where the server binds a value
-- that shapes the plan (a pattern, a flag, a limit), so does pgbench (-D, sent as a
-- parameter with -M prepared), so that both are planned alike.
-- POST /api/{user}/tasks
\set u random(0, :users - 1)
INSERT INTO tasks (user_id, title, description, completed, priority, tags, tag_keys, due_at, due_date, recurrence_every, recurrence_interval, recurrence_tz, remind_at) VALUES ('benchuser' || lpad(:u::text, 23, '0'), 'bench task', 'created under load', false, 0, '{}', '{}', NULL, NULL, NULL, NULL, NULL, NULL) RETURNING "tasks"."id", "tasks"."user_id", "tasks"."title", "tasks"."description", "tasks"."completed", "tasks"."priority", "tasks"."tags", "tasks"."due_at", "tasks"."due_date", "tasks"."recurrence_every", "tasks"."recurrence_interval", "tasks"."recurrence_tz", "tasks"."remind_at", "tasks"."next_occurrence_id", "tasks"."created_at", "tasks"."updated_at", "tasks"."version";
