//! r27 `82742dad95d5`: a data migration reshaping JSON, with its explicit down.

retort::migration! {
    /// Move settings.email_notifications to settings.notifications.email
    revision: "82742dad95d5",
    parent: "b177871b5e0a",
    // Batched: each batch is a short transaction keyed by users.id.
    transaction: none,
    up {
        // {"theme": "dark", "email_notifications": true}
        //   -> {"theme": "dark", "notifications": {"email": true}}
        // Each dialect spells JSON editing its own way; the `where_` makes a rerun a no-op.
        backfill("users")
            .set(
                "settings",
                "(settings - 'email_notifications') \
                 || jsonb_build_object('notifications', jsonb_build_object('email', settings -> 'email_notifications'))",
            )
            .where_("settings -> 'email_notifications' IS NOT NULL")
            .only([postgres]);
        backfill("users")
            .set(
                "settings",
                "json_set(json_remove(settings, '$.email_notifications'), \
                 '$.notifications', json_object('email', json(settings -> '$.email_notifications')))",
            )
            .where_("json_type(settings, '$.email_notifications') IS NOT NULL")
            .only([sqlite]);
        backfill("users")
            .set(
                "settings",
                "JSON_SET(JSON_REMOVE(settings, '$.email_notifications'), \
                 '$.notifications', JSON_OBJECT('email', JSON_EXTRACT(settings, '$.email_notifications')))",
            )
            .where_("JSON_CONTAINS_PATH(settings, 'one', '$.email_notifications')")
            .only([mysql]);
    }
    down {
        backfill("users")
            .set(
                "settings",
                "(settings - 'notifications') \
                 || jsonb_build_object('email_notifications', settings -> 'notifications' -> 'email')",
            )
            .where_("settings -> 'notifications' -> 'email' IS NOT NULL")
            .only([postgres]);
        backfill("users")
            .set(
                "settings",
                "json_set(json_remove(settings, '$.notifications'), \
                 '$.email_notifications', json(settings -> '$.notifications.email'))",
            )
            .where_("json_type(settings, '$.notifications.email') IS NOT NULL")
            .only([sqlite]);
        backfill("users")
            .set(
                "settings",
                "JSON_SET(JSON_REMOVE(settings, '$.notifications'), \
                 '$.email_notifications', JSON_EXTRACT(settings, '$.notifications.email'))",
            )
            .where_("JSON_CONTAINS_PATH(settings, 'one', '$.notifications.email')")
            .only([mysql]);
    }
}
