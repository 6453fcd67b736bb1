// @generated automatically by retort from the migration chain (`migrate schema --diesel`).

// The table `audit` has no primary key: diesel's `table!` needs one, so it is left out.

diesel::table! {
    memberships (user_id, group_name) {
        user_id -> BigInt,
        #[sql_name = "group name"]
        group_name -> Text,
        since -> Nullable<Date>,
    }
}

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        #[sql_name = "type"]
        type_ -> Nullable<Text>,
        active -> Bool,
        created_at -> Nullable<Timestamp>,
        balance -> Nullable<Double>,
        token -> Nullable<Text>,
        avatar -> Nullable<Binary>,
        score -> Nullable<Double>,
    }
}

diesel::joinable!(memberships -> users (user_id));

diesel::allow_tables_to_appear_in_same_query!(memberships, users,);
