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

-- Change streams need no schema: each replica announces the changes it committed
-- with NOTIFY on `task_changes`, from its listening connection (not from a trigger:
-- a transaction that notifies makes every other one that notifies wait for its
-- commit to reach the disk).
