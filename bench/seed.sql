-- Seeds :users users (benchuser0000…, the subjects bench_issuer signs tokens for)
-- with :tasks tasks each, straight in SQL: seconds instead of minutes through the API.
-- Usage: psql -v users=100 -v tasks=30 -f seed.sql DB
--
-- Only columns both schemas have (todo-server's migrations and the FastAPI
-- baseline's create_all) are written, and every one of them, since the baseline's
-- table has no defaults. Tasks are created a second apart in user order, so ids are
-- contiguous per user and the default order is that of ids. One title in 97 holds
-- "needle" (bench/list-length's search); one in 5 of the others holds "milk".
\set ON_ERROR_STOP on
-- Triggers stay on: todo-server's keep each owner's task counts.
INSERT INTO users (id, created_at, updated_at)
SELECT 'benchuser' || lpad(u::text, 23, '0'), now(), now()
FROM generate_series(0, :users - 1) AS u
ON CONFLICT (id) DO NOTHING;
INSERT INTO tasks (user_id, title, description, completed, created_at, updated_at)
SELECT 'benchuser' || lpad(u::text, 23, '0'),
       CASE WHEN n % 97 = 0 THEN 'Find the needle #' || n
            ELSE (ARRAY['Buy milk', 'Call the bank', 'Write report', 'Water plants',
                        'Book flights'])[n % 5 + 1] || ' #' || n END,
       'seeded', n % 3 = 0,
       at, at
FROM generate_series(0, :users - 1) AS u,
     generate_series(0, :tasks - 1) AS n,
     LATERAL (SELECT now() - ((:users - u) * :tasks - n) * interval '1 second') AS t(at)
ORDER BY u, n;
VACUUM ANALYZE users;
VACUUM ANALYZE tasks;
