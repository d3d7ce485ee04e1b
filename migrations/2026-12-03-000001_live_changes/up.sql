-- Optimistic concurrency: every write of a task bumps its version, the task's ETag.
-- Not indexed, so bumping it keeps updates HOT.
ALTER TABLE tasks ADD COLUMN version BIGINT NOT NULL DEFAULT 1 CHECK (version >= 1);

-- Idempotent creates: the first request with a key stores it here, in the same
-- transaction as the task it created, so a repeat on any replica finds it.
CREATE TABLE idempotency_keys (
    user_id      VARCHAR(255) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key          VARCHAR(255) NOT NULL CHECK (key ~ '^[!-~]{1,255}$'),
    -- SHA-256 (hex) of the request body in canonical JSON: a repeat must send the same.
    fingerprint  TEXT NOT NULL,
    -- The task as the original 201 showed it, replayed as it was even after the task
    -- changed or went away (so no foreign key to it).
    task_id      BIGINT NOT NULL,
    response     JSONB NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
-- Expiry sweeps read the oldest keys first.
CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Change streams: every committed change of a task is announced on `task_changes`,
-- by whichever replica (or operator) made it. PostgreSQL delivers a notification
-- only at commit, and never one of a rolled-back transaction. The payload names
-- the task, not its content: a notification holds at most 8000 bytes, a task more.
CREATE FUNCTION notify_task_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('task_changes', json_build_object(
            'op', 'deleted', 'user_id', OLD.user_id, 'id', OLD.id, 'version', OLD.version)::text);
        RETURN OLD;
    END IF;
    PERFORM pg_notify('task_changes', json_build_object(
        'op', CASE TG_OP WHEN 'INSERT' THEN 'created' ELSE 'updated' END,
        'user_id', NEW.user_id, 'id', NEW.id, 'version', NEW.version)::text);
    RETURN NEW;
END;
$$;

CREATE TRIGGER tasks_notify_change
    AFTER INSERT OR UPDATE OR DELETE ON tasks
    FOR EACH ROW EXECUTE FUNCTION notify_task_change();
