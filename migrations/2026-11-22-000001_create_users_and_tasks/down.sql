DROP TABLE tasks;
DROP TABLE users;
