//! PostgreSQL's schema, read from `pg_catalog`: tables, partitions, columns, constraints,
//! indexes, views, materialized views, sequences, enum types, extensions, triggers and routines
//! of every schema except the server's own (`pg_*`, `information_schema`).
//!
//! Definitions come from the server's own deparsers (`pg_get_constraintdef`,
//! `pg_get_indexdef`, `pg_get_viewdef`, ..), so a schema built by the chain and the live one
//! spell the same thing the same way. Objects an extension owns are left out (the extension
//! stands for them), and so are indexes that back a constraint (the constraint does).

use crate::backend::catalog::{
    collapse, constraint_from_definition, non_empty, not_excluded, parenthesized, split_top_level, text, truthy,
    CatalogSource, Excluded,
};
use crate::backend::Dialect;
use crate::ops::ColumnType;
use crate::schema::{
    type_from_spelling, Column, ConstraintKind, Generated, Identity, Index, Schema, Sequence, Table, View,
};

/// The schemas the server creates itself.
const USER_NAMESPACE: &str = "n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_%'";

/// An object's name: bare in the default schema, `schema.name` elsewhere.
fn qualified(name: &str) -> String {
    format!("CAST(CASE WHEN n.nspname = current_schema() THEN {name} ELSE n.nspname || '.' || {name} END AS TEXT)")
}

/// No extension owns the object `oid` of catalog `class`.
fn not_extension_owned(class: &str, oid: &str) -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '{class}'::regclass AND d.objid = {oid} AND d.deptype = 'e')"
    )
}

pub(crate) fn read<S: CatalogSource>(source: &mut S, excluded: Excluded<'_>) -> Result<Schema, S::Error> {
    let not_excluded = not_excluded(Dialect::Postgres, excluded, "n.nspname", "c.relname");
    let relation_filter = format!("{USER_NAMESPACE} AND {not_excluded}");
    let mut schema = Schema::default();
    namespaces(source, &mut schema)?;
    relations(source, &mut schema, &relation_filter)?;
    columns(source, &mut schema, &relation_filter)?;
    constraints(source, &mut schema, &relation_filter)?;
    indexes(source, &mut schema, &relation_filter)?;
    sequences(source, &mut schema)?;
    types_and_extensions(source, &mut schema)?;
    triggers_and_routines(source, &mut schema, &relation_filter)?;
    enum_columns(&mut schema);
    Ok(schema)
}

/// A column whose type is an enum type of the schema is `Enum(name)`.
fn enum_columns(schema: &mut Schema) {
    let enums: Vec<String> = schema.enums.keys().cloned().collect();
    let as_enum = |ty: &mut ColumnType| {
        if let ColumnType::Custom(name) = ty {
            let bare = name.trim_matches('"');
            if let Some(e) = enums.iter().find(|e| e.as_str() == bare) {
                *ty = ColumnType::Enum(e.clone());
            }
        }
    };
    for table in schema.tables_mut() {
        for column in &mut table.columns {
            match &mut column.ty {
                ColumnType::Array(inner) => as_enum(inner),
                ty => as_enum(ty),
            }
        }
    }
}

fn namespaces<S: CatalogSource>(source: &mut S, schema: &mut Schema) -> Result<(), S::Error> {
    let sql = format!(
        "SELECT CAST(n.nspname AS TEXT) AS c0 FROM pg_namespace n WHERE {USER_NAMESPACE} \
         AND n.nspname <> current_schema() AND {}",
        not_extension_owned("pg_namespace", "n.oid")
    );
    schema.namespaces = source.rows::<1>(&sql)?.iter().map(|[n]| text(n)).collect();
    Ok(())
}

fn relations<S: CatalogSource>(source: &mut S, schema: &mut Schema, filter: &str) -> Result<(), S::Error> {
    let sql = format!(
        "SELECT {name} AS c0, CAST(c.relkind AS TEXT) AS c1, obj_description(c.oid, 'pg_class') AS c2, \
         CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS c3, \
         CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid, true) END AS c4, \
         (SELECT CAST(CASE WHEN pn.nspname = current_schema() THEN pc.relname ELSE pn.nspname || '.' || pc.relname END AS TEXT) \
          FROM pg_inherits i JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace \
          WHERE i.inhrelid = c.oid AND c.relispartition) AS c5, \
         CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid, true) END AS c6 \
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm') AND {filter} AND {owned}",
        name = qualified("c.relname"),
        owned = not_extension_owned("pg_class", "c.oid"),
    );
    let rows = source.rows::<7>(&sql)?;
    let mut partitions = Vec::new();
    for [name, kind, comment, partition_key, view_definition, parent, bound] in rows {
        let name = text(&name);
        match kind.as_deref() {
            Some(kind @ ("v" | "m")) => {
                let definition = collapse(&text(&view_definition));
                let view = View { materialized: kind == "m", definition, comment };
                schema.views.insert(name.clone(), view);
            }
            _ => {
                let table = Table { comment, partition_key, ..Table::default() };
                schema.tables.insert(name.clone(), table.into());
            }
        }
        if let Some(parent) = parent {
            partitions.push((parent, name, text(&bound)));
        }
    }
    for (parent, name, bound) in partitions {
        if let Some(table) = schema.table_mut(&parent) {
            table.partitions.insert(name, bound);
        }
    }
    Ok(())
}

fn columns<S: CatalogSource>(source: &mut S, schema: &mut Schema, filter: &str) -> Result<(), S::Error> {
    let sql = format!(
        "SELECT {name} AS c0, CAST(a.attname AS TEXT) AS c1, format_type(a.atttypid, a.atttypmod) AS c2, \
         CAST(a.attnotnull AS TEXT) AS c3, pg_get_expr(ad.adbin, ad.adrelid, true) AS c4, \
         CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY DEFAULT' END AS c5, \
         CASE a.attgenerated WHEN 's' THEN 'STORED' END AS c6, \
         CASE WHEN a.attcollation <> 0 AND a.attcollation <> ty.typcollation THEN CAST(co.collname AS TEXT) END AS c7, \
         col_description(c.oid, a.attnum) AS c8, \
         CASE WHEN s.seqrelid IS NOT NULL THEN concat_ws(',', CAST(format_type(s.seqtypid, NULL) AS TEXT), \
           CAST(s.seqstart AS TEXT), CAST(s.seqincrement AS TEXT), CAST(s.seqmin AS TEXT), CAST(s.seqmax AS TEXT), \
           CAST(s.seqcycle AS TEXT), CAST(s.seqcache AS TEXT)) END AS c9 \
         FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         JOIN pg_type ty ON ty.oid = a.atttypid \
         LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum \
         LEFT JOIN pg_collation co ON co.oid = a.attcollation \
         LEFT JOIN pg_depend dep ON a.attidentity <> '' AND dep.classid = 'pg_class'::regclass \
           AND dep.refclassid = 'pg_class'::regclass AND dep.refobjid = c.oid AND dep.refobjsubid = a.attnum \
           AND dep.deptype = 'i' \
         LEFT JOIN pg_sequence s ON s.seqrelid = dep.objid \
         WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'f') AND {filter} \
         ORDER BY c0, a.attnum",
        name = qualified("c.relname"),
    );
    for [table, name, data_type, not_null, default, identity, generated, collation, comment, sequence] in
        source.rows::<10>(&sql)?
    {
        let Some(table) = schema.table_mut(&text(&table)) else { continue };
        // A generated column's expression is stored where a default would be.
        let (default, generated) = match generated {
            Some(how) => (None, Some(Generated { expr: text(&default), stored: how == "STORED" })),
            None => (default, None),
        };
        let mut column = Column::new(text(&name), type_from_spelling(&text(&data_type), "postgres"));
        column.nullable = !truthy(&not_null);
        column.default = default;
        column.identity = match identity.as_deref() {
            Some("ALWAYS") => Some(Identity::Always),
            Some(_) => Some(Identity::ByDefault),
            None => None,
        };
        column.identity_sequence = sequence.map(|s| identity_sequence(&s));
        column.generated = generated;
        column.collation = collation;
        column.comment = comment;
        table.columns.push(column);
    }
    Ok(())
}

/// An identity's sequence from its properties joined by commas, in [`Sequence`]'s keys.
fn identity_sequence(joined: &str) -> Sequence {
    let keys = ["type", "start", "increment", "min", "max", "cycle", "cache"];
    Sequence { properties: keys.iter().zip(joined.split(',')).map(|(k, v)| (k.to_string(), v.to_string())).collect() }
}

fn constraints<S: CatalogSource>(source: &mut S, schema: &mut Schema, filter: &str) -> Result<(), S::Error> {
    let sql = format!(
        "SELECT {name} AS c0, CAST(con.conname AS TEXT) AS c1, CAST(con.contype AS TEXT) AS c2, \
         pg_get_constraintdef(con.oid, true) AS c3, CAST(con.convalidated AS TEXT) AS c4 \
         FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND {filter}",
        name = qualified("c.relname"),
    );
    for [table, name, kind, definition, validated] in source.rows::<5>(&sql)? {
        let Some(table) = schema.table_mut(&text(&table)) else { continue };
        let kind = match kind.as_deref() {
            Some("p") => ConstraintKind::PrimaryKey,
            Some("u") => ConstraintKind::Unique,
            Some("f") => ConstraintKind::ForeignKey,
            Some("x") => ConstraintKind::Exclusion,
            _ => ConstraintKind::Check,
        };
        // Validation is its own property, so that a NOT VALID key is one difference, not two.
        let definition = text(&definition);
        let definition = definition.strip_suffix(" NOT VALID").unwrap_or(&definition).to_string();
        let mut constraint = constraint_from_definition(kind, &definition);
        constraint.validated = truthy(&validated);
        table.constraints.insert(text(&name), constraint);
    }
    Ok(())
}

fn indexes<S: CatalogSource>(source: &mut S, schema: &mut Schema, filter: &str) -> Result<(), S::Error> {
    let sql = format!(
        "SELECT {name} AS c0, CAST(ic.relname AS TEXT) AS c1, CAST(i.indisunique AS TEXT) AS c2, \
         CAST(am.amname AS TEXT) AS c3, pg_get_indexdef(i.indexrelid) AS c4, \
         pg_get_expr(i.indpred, i.indrelid, true) AS c5, CAST(i.indisvalid AS TEXT) AS c6, \
         array_to_string(ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) \
           FROM generate_series(i.indnkeyatts + 1, i.indnatts) AS k ORDER BY k), chr(31)) AS c7 \
         FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid \
         JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = ic.relam \
         WHERE {filter} AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid \
           AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x'))",
        name = qualified("c.relname"),
    );
    for [table, name, unique, method, definition, predicate, valid, include] in source.rows::<8>(&sql)? {
        let method = text(&method);
        let (columns, nulls_not_distinct) = index_keys(&text(&definition), &method);
        let index = Index {
            columns,
            include: text(&include).split('\u{1f}').filter(|c| !c.is_empty()).map(str::to_string).collect(),
            unique: truthy(&unique),
            nulls_not_distinct,
            method: (method != "btree").then_some(method),
            predicate: non_empty(&predicate),
            valid: truthy(&valid),
        };
        schema.indexes.insert((text(&table), text(&name)), index);
    }
    Ok(())
}

/// The key columns of `pg_get_indexdef`'s statement (`.. USING btree (a, b DESC) INCLUDE ..`),
/// with their ordering and operator classes, and whether it says `NULLS NOT DISTINCT`.
fn index_keys(definition: &str, method: &str) -> (Vec<String>, bool) {
    let using = format!(" USING {method} (");
    let Some(at) = definition.find(&using) else { return (vec![definition.to_string()], false) };
    match parenthesized(definition, at + using.len() - 1) {
        Some((keys, rest)) => {
            let rest = rest.split(" WHERE ").next().unwrap_or_default();
            (split_top_level(keys), rest.contains("NULLS NOT DISTINCT"))
        }
        None => (vec![definition.to_string()], false),
    }
}

fn sequences<S: CatalogSource>(source: &mut S, schema: &mut Schema) -> Result<(), S::Error> {
    // Identity columns own theirs (dependency type `i`): the column's `identity` stands for it.
    let sql = format!(
        "SELECT {name} AS c0, CAST(format_type(s.seqtypid, NULL) AS TEXT) AS c1, CAST(s.seqstart AS TEXT) AS c2, \
         CAST(s.seqincrement AS TEXT) AS c3, CAST(s.seqmin AS TEXT) AS c4, CAST(s.seqmax AS TEXT) AS c5, \
         CAST(s.seqcycle AS TEXT) AS c6, CAST(s.seqcache AS TEXT) AS c7 \
         FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE {USER_NAMESPACE} AND {owned} AND NOT EXISTS (SELECT 1 FROM pg_depend d \
           WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i')",
        name = qualified("c.relname"),
        owned = not_extension_owned("pg_class", "c.oid"),
    );
    for [name, data_type, start, increment, min, max, cycle, cache] in source.rows::<8>(&sql)? {
        let properties = [
            ("type", data_type),
            ("start", start),
            ("increment", increment),
            ("min", min),
            ("max", max),
            ("cycle", cycle),
            ("cache", cache),
        ];
        let properties = properties.into_iter().map(|(k, v)| (k.to_string(), text(&v))).collect();
        schema.sequences.insert(text(&name), Sequence { properties });
    }
    Ok(())
}

fn types_and_extensions<S: CatalogSource>(source: &mut S, schema: &mut Schema) -> Result<(), S::Error> {
    let sql = format!(
        "SELECT {name} AS c0, string_agg(CAST(e.enumlabel AS TEXT), chr(31) ORDER BY e.enumsortorder) AS c1 \
         FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace \
         WHERE {USER_NAMESPACE} AND {owned} GROUP BY n.nspname, t.typname",
        name = qualified("t.typname"),
        owned = not_extension_owned("pg_type", "t.oid"),
    );
    for [name, labels] in source.rows::<2>(&sql)? {
        schema.enums.insert(text(&name), text(&labels).split('\u{1f}').map(str::to_string).collect());
    }
    // plpgsql comes with every database (initdb installs it), not with a migration.
    let sql = "SELECT CAST(e.extname AS TEXT) AS c0, CAST(n.nspname AS TEXT) AS c1 FROM pg_extension e \
               JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'";
    for [name, namespace] in source.rows::<2>(sql)? {
        schema.extensions.insert(text(&name), text(&namespace));
    }
    Ok(())
}

fn triggers_and_routines<S: CatalogSource>(source: &mut S, schema: &mut Schema, filter: &str) -> Result<(), S::Error> {
    let sql = format!(
        "SELECT {name} AS c0, CAST(t.tgname AS TEXT) AS c1, pg_get_triggerdef(t.oid, true) AS c2 \
         FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace \
         WHERE NOT t.tgisinternal AND {filter}",
        name = qualified("c.relname"),
    );
    for [table, name, definition] in source.rows::<3>(&sql)? {
        schema.triggers.insert((text(&table), text(&name)), collapse(&text(&definition)));
    }
    let sql = format!(
        "SELECT {name} || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS c0, \
         pg_get_functiondef(p.oid) AS c1 \
         FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace \
         WHERE p.prokind IN ('f', 'p') AND {USER_NAMESPACE} AND {owned}",
        name = qualified("p.proname"),
        owned = not_extension_owned("pg_proc", "p.oid"),
    );
    for [signature, definition] in source.rows::<2>(&sql)? {
        schema.routines.insert(text(&signature), collapse(&text(&definition)));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn index_keys_come_from_the_deparsed_statement() {
        let def = "CREATE INDEX ix ON public.posts USING btree (author_id, published_at DESC) INCLUDE (title)";
        assert_eq!(index_keys(def, "btree"), (vec!["author_id".to_string(), "published_at DESC".to_string()], false));
        let def = "CREATE INDEX ix ON public.posts USING gin (title gin_trgm_ops)";
        assert_eq!(index_keys(def, "gin").0, ["title gin_trgm_ops"]);
        let def = "CREATE UNIQUE INDEX ux ON public.t USING btree (lower(a), b) NULLS NOT DISTINCT WHERE (b > 0)";
        assert_eq!(index_keys(def, "btree"), (vec!["lower(a)".to_string(), "b".to_string()], true));
    }
}
