//! The block's transaction list: not empty, one coinbase and first, the merkle root, no
//! duplicates (fluxd `CheckBlock`).

use flux_primitives::hash::Txid;
use flux_tx::Transaction;

use super::report::{Checks, Rule};
use crate::block::Block;

/// `transactions`, `coinbase`, `merkle_root` and `duplicates`.
pub(crate) fn check_structure(c: &mut Checks, block: &Block) {
    let txs = &block.transactions;
    // fluxd CheckBlock: "if (block.vtx.empty() || block.vtx.size() > MAX_BLOCK_SIZE || ...)
    // return state.DoS(100, ..., "bad-blk-length")".
    c.rule(
        Rule::Transactions,
        !txs.is_empty(),
        format!("{} transactions", txs.len()),
        "bad-blk-length",
        "no transactions",
    );
    // fluxd CheckBlock: "First transaction must be coinbase, the rest must not be"
    // ("bad-cb-missing", "bad-cb-multiple").
    let is_cb = |t: &Transaction| t.as_standard().is_some_and(|s| s.is_coinbase());
    let first_ok = txs.first().is_some_and(is_cb);
    let others = txs.iter().skip(1).filter(|t| is_cb(t)).count();
    if first_ok && others == 0 {
        c.pass(Rule::Coinbase, "first transaction is the only coinbase");
    } else if first_ok {
        c.fail(
            Rule::Coinbase,
            "bad-cb-multiple",
            format!("{others} more coinbase transactions"),
        );
    } else {
        c.fail(
            Rule::Coinbase,
            "bad-cb-missing",
            "first transaction is not a coinbase",
        );
    }
    // fluxd CheckBlock: "if (block.hashMerkleRoot != hashMerkleRoot2) return
    // state.DoS(100, ..., "bad-txnmrklroot", true)".
    let txids: Vec<Txid> = txs.iter().map(Transaction::txid).collect();
    let (root, mutated) = crate::merkle::merkle_root(&txids);
    c.rule(
        Rule::MerkleRoot,
        root == block.header.merkle_root,
        "matches the transactions",
        "bad-txnmrklroot",
        format!("computed {root}"),
    );
    // fluxd CheckBlock: "Check for merkle tree malleability (CVE-2012-2459): repeating
    // sequences of transactions in a block without affecting the merkle root" ->
    // "bad-txns-duplicate". A plain duplicate txid is rejected later (bad-txns-BIP30 or
    // a double spend); it is reported here with the same code.
    let mut sorted = txids;
    sorted.sort_unstable();
    let dup = sorted.windows(2).any(|w| w.first() == w.get(1));
    c.rule(
        Rule::Duplicates,
        !mutated && !dup,
        "no duplicate transactions",
        "bad-txns-duplicate",
        "duplicate transactions",
    );
}
