DROP TRIGGER tasks_notify_change ON tasks;
DROP FUNCTION notify_task_change();
DROP TABLE idempotency_keys;
ALTER TABLE tasks DROP COLUMN version;
