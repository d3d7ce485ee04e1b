-- Planning (API 1.1): priority, tags, dues, recurrence, reminders, and the marker
-- that a completed recurring task has made its next occurrence.
--
-- Existing rows only gain the defaults: priority none, no tags, no due, no rule, no
-- reminder. The domain validates every value first; these CHECKs are a safety net
-- that keeps impossible rows (two dues, a rule without a due) out of the table.
ALTER TABLE tasks
    -- Priority::rank: 0 none, 1 low, 2 medium, 3 high, so that it sorts.
    ADD COLUMN priority SMALLINT NOT NULL DEFAULT 0
        CONSTRAINT tasks_priority_rank CHECK (priority BETWEEN 0 AND 3),
    -- Labels as first written, sorted by key; `tag_keys` holds their lower-case keys
    -- (computed by the domain, never by SQL's lower()) in the same order. Filters
    -- compare keys only, so "tasks with tag X" is `tag_keys @> ARRAY['x']`.
    ADD COLUMN tags TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN tag_keys TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN due_at TIMESTAMPTZ,
    ADD COLUMN due_date DATE,
    ADD COLUMN recurrence_every TEXT,
    ADD COLUMN recurrence_interval SMALLINT,
    -- The IANA zone whose wall-clock time a timed due keeps from one occurrence to
    -- the next; NULL keeps its UTC time.
    ADD COLUMN recurrence_tz TEXT,
    ADD COLUMN remind_at TIMESTAMPTZ,
    -- No foreign key, on purpose: the marker means "this task has made its next
    -- occurrence", which must stay true when that occurrence is deleted (else
    -- un-completing and completing again would make a second one). It is never
    -- joined or shown, so a dangling id is harmless, and deletes stay free of a
    -- referential trigger and of the index it would need.
    ADD COLUMN next_occurrence_id BIGINT,
    ADD CONSTRAINT tasks_tags_count CHECK (
        cardinality(tags) <= 10 AND cardinality(tags) = cardinality(tag_keys)
    ),
    -- Rows decode into Vec<String>: no NULL element may hide in either array.
    ADD CONSTRAINT tasks_tags_not_null CHECK (
        array_position(tags, NULL) IS NULL AND array_position(tag_keys, NULL) IS NULL
    ),
    ADD CONSTRAINT tasks_one_due CHECK (due_at IS NULL OR due_date IS NULL),
    ADD CONSTRAINT tasks_recurrence_shape CHECK (
        (recurrence_every IS NULL) = (recurrence_interval IS NULL)
        AND recurrence_every IN ('day', 'week', 'month', 'year')
        AND recurrence_interval BETWEEN 1 AND 365
        AND (recurrence_tz IS NULL OR recurrence_every IS NOT NULL)
    ),
    ADD CONSTRAINT tasks_recurrence_needs_due CHECK (
        recurrence_every IS NULL OR due_at IS NOT NULL OR due_date IS NOT NULL
    );

-- Owner first, as every query is. The id at the end serves the tie-break of the
-- sort orders; the partial indexes leave out the tasks without that kind of due,
-- and a due window uses both (a bitmap OR of the two).
CREATE INDEX tasks_owner_priority_idx ON tasks (user_id, priority, id);
CREATE INDEX tasks_owner_due_at_idx ON tasks (user_id, due_at, id) WHERE due_at IS NOT NULL;
CREATE INDEX tasks_owner_due_date_idx ON tasks (user_id, due_date, id) WHERE due_date IS NOT NULL;
-- "Has every one of these tags" (`@>`) as an index lookup. GIN cannot hold the owner
-- without the btree_gin extension; the planner combines it with the owner filter.
CREATE INDEX tasks_tag_keys_idx ON tasks USING GIN (tag_keys);
