-- The statements todo-server sends for one request (copied from a log_statement=all
-- run; keep them in step with crates/persistence). bench/run passes users, tasks and
-- first_id (-D): seeded ids are contiguous per user. pgbench has no strings, so the
-- user id is built from a number, once per statement. Where the server binds a value
-- that shapes the plan (a pattern, a flag, a limit), so does pgbench (-D, sent as a
-- parameter with -M prepared), so that both are planned alike.
-- GET /api/{user}/tasks/{id}
\set u random(0, :users - 1)
\set id :first_id + :u * :tasks + random(0, :tasks - 1)
SELECT "tasks"."id", "tasks"."user_id", "tasks"."title", "tasks"."description", "tasks"."completed", "tasks"."priority", "tasks"."tags", "tasks"."due_at", "tasks"."due_date", "tasks"."recurrence_every", "tasks"."recurrence_interval", "tasks"."recurrence_tz", "tasks"."remind_at", "tasks"."next_occurrence_id", "tasks"."created_at", "tasks"."updated_at", "tasks"."version" FROM "tasks" WHERE (("tasks"."user_id" = 'benchuser' || lpad(:u::text, 23, '0')) AND ("tasks"."id" = :id));
