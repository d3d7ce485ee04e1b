DROP INDEX tasks_owner_undated_idx;
