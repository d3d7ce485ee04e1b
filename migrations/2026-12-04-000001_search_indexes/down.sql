DROP INDEX tasks_owner_title_idx;
DROP INDEX tasks_description_trgm_idx;
DROP INDEX tasks_title_trgm_idx;
-- The extension stays: other objects of the database may use it.
