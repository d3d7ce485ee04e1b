-- The statements todo-server sends for one request (copied from a log_statement=all
-- run; keep them in step with crates/persistence). bench/run passes users, tasks and
-- first_id (-D): seeded ids are contiguous per user. pgbench has no strings, so the
-- user id is built from a number, once per statement.
-- GET /api/{user}/tasks?limit=20: a full page, so the owner's kept count follows it.
\set u random(0, :users - 1)
SELECT "tasks"."id", "tasks"."user_id", "tasks"."title", "tasks"."description", "tasks"."completed", "tasks"."priority", "tasks"."tags", "tasks"."due_at", "tasks"."due_date", "tasks"."recurrence_every", "tasks"."recurrence_interval", "tasks"."recurrence_tz", "tasks"."remind_at", "tasks"."next_occurrence_id", "tasks"."created_at", "tasks"."updated_at", "tasks"."version" FROM "tasks" WHERE ("tasks"."user_id" = 'benchuser' || lpad(:u::text, 23, '0')) ORDER BY "tasks"."created_at" DESC, "tasks"."id" DESC LIMIT 20 OFFSET 0;
SELECT "task_counts"."total", "task_counts"."completed" FROM "task_counts" WHERE ("task_counts"."user_id" = 'benchuser' || lpad(:u::text, 23, '0'));
