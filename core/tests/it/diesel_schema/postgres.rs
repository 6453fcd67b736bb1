// @generated automatically by retort from the migration chain (`migrate schema --diesel`).

pub mod sql_types {
    #[derive(diesel::query_builder::QueryId, Clone, diesel::sql_types::SqlType)]
    #[diesel(postgres_type(name = "mood"))]
    pub struct Mood;
}

// The table `audit` has no primary key: diesel's `table!` needs one, so it is left out.

diesel::table! {
    memberships (user_id, group_name) {
        user_id -> Int8,
        #[sql_name = "group name"]
        #[max_length = 50]
        group_name -> Varchar,
        since -> Nullable<Date>,
    }
}

diesel::table! {
    use diesel::sql_types::*;
    use super::sql_types::Mood;

    users (id) {
        id -> Int8,
        #[max_length = 255]
        email -> Varchar,
        #[sql_name = "type"]
        type_ -> Nullable<Text>,
        active -> Bool,
        created_at -> Nullable<Timestamp>,
        balance -> Nullable<Numeric>,
        token -> Nullable<Uuid>,
        avatar -> Nullable<Bytea>,
        score -> Nullable<Float8>,
        mood -> Nullable<Mood>,
        tags -> Nullable<Array<Nullable<Text>>>,
    }
}

diesel::joinable!(memberships -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(memberships, users,);
