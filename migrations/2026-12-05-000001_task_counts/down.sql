DROP TRIGGER tasks_count_reset ON tasks;
DROP TRIGGER tasks_count_changed ON tasks;
DROP TRIGGER tasks_count_removed ON tasks;
DROP TRIGGER tasks_count_added ON tasks;
DROP FUNCTION task_counts_reset();
DROP FUNCTION task_counts_change();
DROP FUNCTION task_counts_remove();
DROP FUNCTION task_counts_add();
DROP TABLE task_counts;
