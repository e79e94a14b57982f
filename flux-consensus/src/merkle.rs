//! Merkle root of a block's txids, with fluxd's mutation detection (spec 3.3).
//!
//! ```
//! use flux_consensus::merkle::merkle_root;
//! use flux_primitives::hash::Txid;
//!
//! let a = Txid::hash(b"a");
//! let (root, mutated) = merkle_root(&[a]);
//! assert_eq!(root.as_bytes(), a.as_bytes());
//! assert!(!mutated);
//! // Duplicating the last transaction yields the same root but is detected.
//! let b = Txid::hash(b"b");
//! let c = Txid::hash(b"c");
//! let (r3, m3) = merkle_root(&[a, b, c]);
//! let (r4, m4) = merkle_root(&[a, b, c, c]);
//! assert_eq!(r3, r4);
//! assert!(!m3 && m4);
//! ```

use flux_primitives::hash::{sha256d, MerkleRoot, Txid};

/// The merkle root of `txids` and whether the tree is "mutated": at some level an even
/// number of nodes ends in two equal hashes, the CVE-2012-2459 duplication that fluxd's
/// `BuildMerkleTree` flags (`bad-txns-duplicate`). An empty list gives the zero root.
pub fn merkle_root(txids: &[Txid]) -> (MerkleRoot, bool) {
    let mut level: Vec<[u8; 32]> = txids.iter().map(|t| t.to_bytes()).collect();
    let mut mutated = false;
    while level.len() > 1 {
        if level.len() % 2 == 0 {
            if let [.., x, y] = level.as_slice() {
                mutated |= x == y;
            }
        }
        let mut buf = [0u8; 64];
        level = level
            .chunks(2)
            .map(|pair| {
                let left = pair.first().copied().unwrap_or_default();
                let right = pair.get(1).copied().unwrap_or(left);
                buf[..32].copy_from_slice(&left);
                buf[32..].copy_from_slice(&right);
                sha256d(&buf)
            })
            .collect();
    }
    (
        MerkleRoot::from_bytes(level.first().copied().unwrap_or_default()),
        mutated,
    )
}
