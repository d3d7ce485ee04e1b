-- The statements todo-server sends for one request (copied from a log_statement=all
-- run; keep them in step with crates/persistence). bench/run passes users, tasks and
-- first_id (-D): seeded ids are contiguous per user. pgbench has no strings, so the
-- user id is built from a number, once per statement. Where the server binds a value
-- that shapes the plan (a pattern, a flag, a limit), so does pgbench (-D, sent as a
-- parameter with -M prepared), so that both are planned alike.
-- GET /api/{user}/tasks?limit=20: a full page, so the total is the owner's kept
-- count, which comes with each row.
\set u random(0, :users - 1)
SELECT "tasks"."id", "tasks"."user_id", "tasks"."title", "tasks"."description", "tasks"."completed", "tasks"."priority", "tasks"."tags", "tasks"."due_at", "tasks"."due_date", "tasks"."recurrence_every", "tasks"."recurrence_interval", "tasks"."recurrence_tz", "tasks"."remind_at", "tasks"."next_occurrence_id", "tasks"."created_at", "tasks"."updated_at", "tasks"."version", (SELECT "task_counts"."total" FROM "task_counts" WHERE ("task_counts"."user_id" = 'benchuser' || lpad(:u::text, 23, '0')) LIMIT :one) FROM "tasks" WHERE ("tasks"."user_id" = 'benchuser' || lpad(:u::text, 23, '0')) ORDER BY "tasks"."created_at" DESC, "tasks"."id" DESC LIMIT :limit OFFSET :offset;
