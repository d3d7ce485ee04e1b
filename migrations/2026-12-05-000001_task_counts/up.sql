-- Each owner's number of tasks, and of completed ones, kept by triggers in the very
-- transaction that changes them. A list filtered at most by status reads its exact
-- `X-Total-Count` here instead of counting every matching row: at 100,000 tasks of
-- one owner that count alone took about 20 ms, and grew with the list.
--
-- Inserts and deletes are counted per statement (over the transition table), so a
-- bulk insert or a cascade costs one update of the owner's row, not one per task.
-- Completion is counted per row, and only when it changes (the WHEN clause is checked
-- without calling the function). Each writer locks its owner's row until it commits:
-- writes of one owner queue there, other owners' do not.
CREATE TABLE task_counts (
    user_id    VARCHAR(255) PRIMARY KEY,
    total      BIGINT NOT NULL DEFAULT 0 CHECK (total >= 0),
    completed  BIGINT NOT NULL DEFAULT 0 CHECK (completed >= 0 AND completed <= total)
);

CREATE FUNCTION task_counts_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO task_counts AS c (user_id, total, completed)
    SELECT user_id, count(*), count(*) FILTER (WHERE completed)
    FROM added GROUP BY user_id
    ON CONFLICT (user_id) DO UPDATE
        SET total = c.total + excluded.total, completed = c.completed + excluded.completed;
    RETURN NULL;
END $$;

CREATE FUNCTION task_counts_remove() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE task_counts AS c
    SET total = c.total - r.total, completed = c.completed - r.completed
    FROM (SELECT user_id, count(*) AS total, count(*) FILTER (WHERE completed) AS completed
          FROM removed GROUP BY user_id) AS r
    WHERE c.user_id = r.user_id;
    RETURN NULL;
END $$;

CREATE FUNCTION task_counts_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.user_id = NEW.user_id THEN
        UPDATE task_counts SET completed = completed + NEW.completed::int - OLD.completed::int
        WHERE user_id = NEW.user_id;
    ELSE
        -- The API never moves a task to another owner; this keeps both counts right
        -- if someone does it in SQL.
        UPDATE task_counts SET total = total - 1, completed = completed - OLD.completed::int
        WHERE user_id = OLD.user_id;
        INSERT INTO task_counts AS c (user_id, total, completed)
        VALUES (NEW.user_id, 1, NEW.completed::int)
        ON CONFLICT (user_id) DO UPDATE
            SET total = c.total + 1, completed = c.completed + NEW.completed::int;
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION task_counts_reset() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM task_counts;
    RETURN NULL;
END $$;

-- The triggers come before the backfill: creating them locks out writers until this
-- migration commits, so no change falls between the two.
CREATE TRIGGER tasks_count_added AFTER INSERT ON tasks
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION task_counts_add();
CREATE TRIGGER tasks_count_removed AFTER DELETE ON tasks
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION task_counts_remove();
CREATE TRIGGER tasks_count_changed AFTER UPDATE OF completed, user_id ON tasks
    FOR EACH ROW WHEN (OLD.completed <> NEW.completed OR OLD.user_id <> NEW.user_id)
    EXECUTE FUNCTION task_counts_change();
CREATE TRIGGER tasks_count_reset AFTER TRUNCATE ON tasks
    FOR EACH STATEMENT EXECUTE FUNCTION task_counts_reset();

INSERT INTO task_counts (user_id, total, completed)
SELECT user_id, count(*), count(*) FILTER (WHERE completed) FROM tasks GROUP BY user_id;
