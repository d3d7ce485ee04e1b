// @generated automatically by Diesel CLI.

diesel::table! {
    task_counts (user_id) {
        #[max_length = 255]
        user_id -> Varchar,
        total -> Int8,
        completed -> Int8,
    }
}

diesel::table! {
    tasks (id) {
        id -> Int8,
        #[max_length = 255]
        user_id -> Varchar,
        #[max_length = 200]
        title -> Varchar,
        #[max_length = 1000]
        description -> Nullable<Varchar>,
        completed -> Bool,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
        priority -> Int2,
        // `Array<Text>`, not the generated `Array<Nullable<Text>>`: a CHECK keeps NULL
        // elements out of both arrays.
        tags -> Array<Text>,
        tag_keys -> Array<Text>,
        due_at -> Nullable<Timestamptz>,
        due_date -> Nullable<Date>,
        recurrence_every -> Nullable<Text>,
        recurrence_interval -> Nullable<Int2>,
        recurrence_tz -> Nullable<Text>,
        remind_at -> Nullable<Timestamptz>,
        next_occurrence_id -> Nullable<Int8>,
        version -> Int8,
    }
}

diesel::table! {
    idempotency_keys (user_id, key) {
        #[max_length = 255]
        user_id -> Varchar,
        #[max_length = 255]
        key -> Varchar,
        fingerprint -> Text,
        task_id -> Int8,
        response -> Jsonb,
        created_at -> Timestamptz,
    }
}

diesel::table! {
    users (id) {
        #[max_length = 255]
        id -> Varchar,
        email -> Nullable<Text>,
        name -> Nullable<Text>,
        created_at -> Timestamptz,
        updated_at -> Timestamptz,
    }
}

diesel::joinable!(idempotency_keys -> users (user_id));
diesel::joinable!(tasks -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(idempotency_keys, task_counts, tasks, users);
