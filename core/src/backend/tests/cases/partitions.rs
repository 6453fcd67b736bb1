//! Rows of the op × dialect table: partitions.

use super::*;

#[allow(clippy::too_many_lines)]
pub(super) fn cases() -> Vec<Case> {
    vec![
        case(
            "create_partition for a range",
            Op::CreatePartition(CreatePartition::new(
                "events_2026_01",
                "events",
                PartitionBound::Range { from: vec![str("2026-01-01")], to: vec![str("2026-02-01")] },
            )),
            [
                Sql(&[
                    r#"CREATE TABLE "events_2026_01" PARTITION OF "events" FOR VALUES FROM ('2026-01-01') TO ('2026-02-01')"#,
                ]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "create_partition for a list",
            Op::CreatePartition(CreatePartition::new(
                "events_eu",
                "events",
                PartitionBound::List(vec![str("eu"), str("uk")]),
            )),
            [
                Sql(&[r#"CREATE TABLE "events_eu" PARTITION OF "events" FOR VALUES IN ('eu', 'uk')"#]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "create_partition for a hash",
            Op::CreatePartition(CreatePartition::new(
                "events_h0",
                "events",
                PartitionBound::Hash { modulus: 4, remainder: 0 },
            )),
            [
                Sql(&[r#"CREATE TABLE "events_h0" PARTITION OF "events" FOR VALUES WITH (MODULUS 4, REMAINDER 0)"#]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "create_partition default",
            Op::CreatePartition(CreatePartition::new("events_other", "events", PartitionBound::Default)),
            [Sql(&[r#"CREATE TABLE "events_other" PARTITION OF "events" DEFAULT"#]), Unsupported, Unsupported],
        ),
        case(
            "create_partition standalone for a range",
            Op::CreatePartition(
                CreatePartition::new(
                    "events_2026_02",
                    "events",
                    PartitionBound::Range { from: vec![str("2026-02-01")], to: vec![str("2026-03-01")] },
                )
                .standalone("created_at"),
            ),
            [
                Sql(&[
                    r#"CREATE TABLE "events_2026_02" (LIKE "events" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"#,
                    r#"ALTER TABLE "events_2026_02" ADD CONSTRAINT "events_2026_02_retort_bound" CHECK ("created_at" IS NOT NULL AND "created_at" >= '2026-02-01' AND "created_at" < '2026-03-01')"#,
                    r#"ALTER TABLE "events" ATTACH PARTITION "events_2026_02" FOR VALUES FROM ('2026-02-01') TO ('2026-03-01')"#,
                    r#"ALTER TABLE "events_2026_02" DROP CONSTRAINT "events_2026_02_retort_bound""#,
                ]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "create_partition standalone for a list with null",
            Op::CreatePartition(
                CreatePartition::new("events_eu", "events", PartitionBound::List(vec![str("eu"), Value::Null]))
                    .standalone("region"),
            ),
            [
                Sql(&[
                    r#"CREATE TABLE "events_eu" (LIKE "events" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"#,
                    r#"ALTER TABLE "events_eu" ADD CONSTRAINT "events_eu_retort_bound" CHECK (("region" IS NULL OR "region" IN ('eu')))"#,
                    r#"ALTER TABLE "events" ATTACH PARTITION "events_eu" FOR VALUES IN ('eu', NULL)"#,
                    r#"ALTER TABLE "events_eu" DROP CONSTRAINT "events_eu_retort_bound""#,
                ]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "create_partition standalone for a hash",
            Op::CreatePartition(
                CreatePartition::new("events_h1", "events", PartitionBound::Hash { modulus: 4, remainder: 1 })
                    .standalone("id"),
            ),
            [
                Sql(&[
                    r#"CREATE TABLE "events_h1" (LIKE "events" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"#,
                    r#"ALTER TABLE "events_h1" ADD CONSTRAINT "events_h1_retort_bound" CHECK (satisfies_hash_partition('"events"'::regclass, 4, 1, "id"))"#,
                    r#"ALTER TABLE "events" ATTACH PARTITION "events_h1" FOR VALUES WITH (MODULUS 4, REMAINDER 1)"#,
                    r#"ALTER TABLE "events_h1" DROP CONSTRAINT "events_h1_retort_bound""#,
                ]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "create_partition standalone default",
            Op::CreatePartition(
                CreatePartition::new("events_rest", "events", PartitionBound::Default).standalone("id"),
            ),
            [
                Sql(&[
                    r#"CREATE TABLE "events_rest" (LIKE "events" INCLUDING DEFAULTS INCLUDING CONSTRAINTS)"#,
                    r#"ALTER TABLE "events" ATTACH PARTITION "events_rest" DEFAULT"#,
                ]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "create_partition with a bad hash bound",
            Op::CreatePartition(CreatePartition::new(
                "events_h9",
                "events",
                PartitionBound::Hash { modulus: 4, remainder: 4 },
            )),
            [Invalid, Unsupported, Unsupported],
        ),
        // DETACH .. CONCURRENTLY leaves the partition constraint on the table as a CHECK named
        // after the key column; its inverse drops it again once attached, found by definition.
        case(
            "attach_partition undoing a concurrent detach",
            Op::AttachPartition(
                DetachPartition::new("events", "events_2025")
                    .concurrently()
                    .bound(PartitionBound::Range { from: vec![str("2025-01-01")], to: vec![str("2026-01-01")] })
                    .reverse()
                    .unwrap(),
            ),
            [
                Sql(&[
                    r#"ALTER TABLE "events" ATTACH PARTITION "events_2025" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"#,
                    r#"DO $retort$ DECLARE c name; BEGIN SELECT conname INTO c FROM pg_constraint WHERE conrelid = '"events_2025"'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) = 'CHECK (' || pg_get_partition_constraintdef('"events_2025"'::regclass) || ')' ORDER BY oid DESC LIMIT 1; IF c IS NOT NULL THEN EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', '"events_2025"'::regclass, c); END IF; END $retort$"#,
                ]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "attach_partition",
            Op::AttachPartition(AttachPartition::new(
                "events",
                "events_2025",
                PartitionBound::Range { from: vec![str("2025-01-01")], to: vec![str("2026-01-01")] },
            )),
            [
                Sql(&[
                    r#"ALTER TABLE "events" ATTACH PARTITION "events_2025" FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"#,
                ]),
                Unsupported,
                Unsupported,
            ],
        ),
        case(
            "detach_partition concurrently",
            Op::DetachPartition(DetachPartition::new("events", "events_2025").concurrently()),
            [Sql(&[r#"ALTER TABLE "events" DETACH PARTITION "events_2025" CONCURRENTLY"#]), Unsupported, Unsupported],
        ),
        case(
            "detach_partition that undoes a create",
            Op::CreatePartition(CreatePartition::new("events_eu", "events", PartitionBound::List(vec![str("eu")])))
                .reverse()
                .ok()
                .flatten()
                .unwrap_or(Op::Execute(Execute::new(""))),
            [
                Sql(&[r#"ALTER TABLE "events" DETACH PARTITION "events_eu""#, r#"DROP TABLE "events_eu""#]),
                Unsupported,
                Unsupported,
            ],
        ),
    ]
}
