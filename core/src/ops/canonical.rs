//! The canonical form of a revision's ops: what the macro embeds and what the checksum covers.
//!
//! The checksum is taken over this serialized form, not over source bytes, so reformatting a
//! migration, changing its line endings or its doc comment does not change it; changing what it
//! does to the database does.

use sha2::{Digest, Sha256};

use super::{Op, TransactionMode};

/// Serializes a revision's ops: `{"up":[..],"down":[..]|null}`.
pub fn serialize(up: &[Op], down: Option<&[Op]>) -> String {
    #[derive(serde::Serialize)]
    struct Doc<'a> {
        up: &'a [Op],
        down: Option<&'a [Op]>,
    }
    // Serializing plain data with string keys cannot fail.
    serde_json::to_string(&Doc { up, down }).unwrap_or_default()
}

/// The serialized form the checksum covers: [`serialize`] without what is declared but never
/// run (the `effects` of `execute`), so that declaring what a revision's raw SQL does, after it
/// was applied, is not an edit of the revision.
pub fn checksummed(up: &[Op], down: Option<&[Op]>) -> String {
    fn run(ops: &[Op]) -> Vec<Op> {
        ops.iter().map(strip).collect()
    }
    fn strip(op: &Op) -> Op {
        match op {
            Op::Execute(e) => Op::Execute(super::Execute::new(e.sql.clone())),
            Op::Only(o) => Op::Only(super::OnlyOn { op: Box::new(strip(&o.op)), dialects: o.dialects.clone() }),
            op => op.clone(),
        }
    }
    if !up.iter().chain(down.into_iter().flatten()).any(declares) {
        return serialize(up, down);
    }
    let down = down.map(run);
    serialize(&run(up), down.as_deref())
}

fn declares(op: &Op) -> bool {
    match op {
        Op::Execute(e) => !e.effects.is_empty(),
        Op::Only(o) => declares(&o.op),
        _ => false,
    }
}

/// Hex SHA-256 over the canonical ops and the transaction mode.
pub fn checksum(ops_json: &str, transaction: TransactionMode) -> String {
    let mut hasher = Sha256::new();
    hasher.update(ops_json.as_bytes());
    hasher.update(match transaction {
        TransactionMode::PerMigration => b"\0per_migration".as_slice(),
        TransactionMode::None => b"\0none".as_slice(),
    });
    let digest = hasher.finalize();
    digest.iter().map(|b| format!("{b:02x}")).collect()
}
