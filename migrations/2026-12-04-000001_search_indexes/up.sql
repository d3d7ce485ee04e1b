-- Search (`q=`) is a case-insensitive substring match on title or description
-- (ILIKE '%…%'): a btree cannot serve it, so without these every search reads all of
-- the owner's rows. Trigram indexes answer it for needles of 3 characters or more.
-- pg_trgm ships with PostgreSQL, is a trusted extension (a database owner may create
-- it) and is available on Neon.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX tasks_title_trgm_idx ON tasks USING GIN (title gin_trgm_ops);
CREATE INDEX tasks_description_trgm_idx ON tasks USING GIN (description gin_trgm_ops);

-- `sort=title` orders by lower(title): with this a page is read in order and the
-- scan stops after it, however many tasks the owner has.
CREATE INDEX tasks_owner_title_idx ON tasks (user_id, lower(title), id);
