// @generated automatically by retort from the migration chain (`migrate schema --diesel`).

// The table `audit` has no primary key: diesel's `table!` needs one, so it is left out.

diesel::table! {
    memberships (user_id, group_name) {
        user_id -> Bigint,
        #[sql_name = "group name"]
        #[max_length = 50]
        group_name -> Varchar,
        since -> Nullable<Date>,
    }
}

diesel::table! {
    users (id) {
        id -> Bigint,
        #[max_length = 255]
        email -> Varchar,
        #[sql_name = "type"]
        type_ -> Nullable<Text>,
        active -> Bool,
        created_at -> Nullable<Datetime>,
        balance -> Nullable<Decimal>,
        #[max_length = 36]
        token -> Nullable<Char>,
        avatar -> Nullable<Blob>,
        score -> Nullable<Double>,
    }
}

diesel::joinable!(memberships -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(memberships, users,);
