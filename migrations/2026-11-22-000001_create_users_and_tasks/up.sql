-- The API's own users: one row per token subject, created on first access.
-- Better Auth's "user" table (singular) is separate and never touched by the API.
CREATE TABLE users (
    id          VARCHAR(255) PRIMARY KEY,
    email       TEXT,
    name        TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE tasks (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      VARCHAR(255) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    title        VARCHAR(200) NOT NULL CHECK (char_length(btrim(title)) >= 1),
    description  VARCHAR(1000),
    completed    BOOLEAN NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Every query starts from the owner; these serve the default and "updated" orders
-- and let a list stop after one page.
CREATE INDEX tasks_owner_created_idx ON tasks (user_id, created_at, id);
CREATE INDEX tasks_owner_updated_idx ON tasks (user_id, updated_at, id);
