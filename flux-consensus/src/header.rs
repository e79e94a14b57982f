//! Block headers of both eras (spec 3.1, 3.2).
//!
//! A header whose `nVersion` is below 100 carries an Equihash nonce and solution; from 100
//! on (Proof of Node) it carries the producing node's collateral outpoint and a DER
//! signature instead. The layout is chosen by the version, not by the height.
//!
//! ```
//! use flux_consensus::header::BlockHeader;
//! use flux_primitives::codec::{decode_exact, encode_to_vec};
//!
//! // The PoN header of spec 11.4, vector 7.
//! let hex = "64000000b448c248eeb17123d793898965b01e8e2880efc9657453ccb43d978a78dc56483aa13a6f0d1689b1915607599df1a28120b9c3bf84660018177fc6b2d6aec794000000000000000000000000000000000000000000000000000000000000000070700169ffff0b1fefcdab9078563412efcdab9078563412efcdab9078563412efcdab9078563412010000000100";
//! let bytes = hex::decode(hex).unwrap();
//! let header: BlockHeader = decode_exact(&bytes).unwrap();
//! assert_eq!(header.hash().to_string(), "22656c7654dc126eca98d4d3055c39f5138cc43a76f69563d5de36d9eeeccbf4");
//! assert_eq!(encode_to_vec(&header), bytes);
//! ```

use flux_primitives::codec::{compact_size_len, write_var_bytes, Decode, Encode, Reader};
use flux_primitives::hash::{BlockHash, Hash256, MerkleRoot, Sha256dWriter};
use flux_tx::OutPoint;

use crate::rules::PON_VERSION;
use crate::target::CompactTarget;

/// Size of the prefix shared by both header kinds (and hashed by Equihash).
pub const HEADER_PREFIX_LEN: usize = 108;

/// The era-specific tail of a header.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum HeaderProof {
    /// Equihash proof of work (`nVersion < 100`).
    Pow {
        /// `nNonce` (32 bytes, internal order).
        nonce: [u8; 32],
        /// `nSolution` without its CompactSize length.
        solution: Vec<u8>,
    },
    /// Proof of Node (`nVersion >= 100`).
    Pon {
        /// `nodesCollateral`: the producing node's collateral outpoint.
        collateral: OutPoint,
        /// `vchBlockSig`: DER signature (emergency blocks: a vector of signatures).
        signature: Vec<u8>,
    },
}

/// A block header.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BlockHeader {
    /// `nVersion`.
    pub version: i32,
    /// `hashPrevBlock`.
    pub prev_block: BlockHash,
    /// `hashMerkleRoot`.
    pub merkle_root: MerkleRoot,
    /// `hashFinalSaplingRoot`.
    pub final_sapling_root: Hash256,
    /// `nTime`.
    pub time: u32,
    /// `nBits` (compact target).
    pub bits: CompactTarget,
    /// Nonce and solution, or collateral and signature.
    pub proof: HeaderProof,
}

impl BlockHeader {
    /// True for a Proof-of-Node header.
    pub fn is_pon(&self) -> bool {
        matches!(self.proof, HeaderProof::Pon { .. })
    }

    /// The 108-byte prefix common to both kinds (Equihash's input).
    pub fn prefix_bytes(&self) -> [u8; HEADER_PREFIX_LEN] {
        let mut out = [0u8; HEADER_PREFIX_LEN];
        let mut v = Vec::with_capacity(HEADER_PREFIX_LEN);
        self.encode_prefix(&mut v);
        out.copy_from_slice(&v);
        out
    }

    fn encode_prefix(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.version.to_le_bytes());
        out.extend_from_slice(self.prev_block.as_bytes());
        out.extend_from_slice(self.merkle_root.as_bytes());
        out.extend_from_slice(self.final_sapling_root.as_bytes());
        out.extend_from_slice(&self.time.to_le_bytes());
        out.extend_from_slice(&self.bits.to_consensus().to_le_bytes());
    }

    /// The bytes the block hash commits to: the whole PoW header, or the PoN header
    /// without its signature.
    pub fn hashed_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.encoded_len());
        self.encode_prefix(&mut out);
        match &self.proof {
            HeaderProof::Pow { nonce, solution } => {
                out.extend_from_slice(nonce);
                write_var_bytes(&mut out, solution);
            }
            HeaderProof::Pon { collateral, .. } => collateral.encode(&mut out),
        }
        out
    }

    /// The block hash (`GetHash`).
    pub fn hash(&self) -> BlockHash {
        let mut h = Sha256dWriter::new();
        h.write(&self.hashed_bytes());
        BlockHash::from_bytes(h.finish())
    }
}

impl Encode for BlockHeader {
    fn encode(&self, out: &mut Vec<u8>) {
        self.encode_prefix(out);
        match &self.proof {
            HeaderProof::Pow { nonce, solution } => {
                out.extend_from_slice(nonce);
                write_var_bytes(out, solution);
            }
            HeaderProof::Pon {
                collateral,
                signature,
            } => {
                collateral.encode(out);
                write_var_bytes(out, signature);
            }
        }
    }

    fn encoded_len(&self) -> usize {
        HEADER_PREFIX_LEN
            + match &self.proof {
                HeaderProof::Pow { solution, .. } => {
                    32 + compact_size_len(solution.len() as u64) + solution.len()
                }
                HeaderProof::Pon { signature, .. } => {
                    36 + compact_size_len(signature.len() as u64) + signature.len()
                }
            }
    }
}

impl Decode for BlockHeader {
    type Error = flux_primitives::Error;

    fn decode(r: &mut Reader<'_>) -> Result<Self, flux_primitives::Error> {
        let version = r.read_i32()?;
        let prev_block = BlockHash::decode(r)?;
        let merkle_root = MerkleRoot::decode(r)?;
        let final_sapling_root = Hash256::decode(r)?;
        let time = r.read_u32()?;
        let bits = CompactTarget::from_consensus(r.read_u32()?);
        let proof = if version >= PON_VERSION {
            let collateral = OutPoint::decode(r)?;
            let signature = r.read_var_bytes()?.to_vec();
            HeaderProof::Pon {
                collateral,
                signature,
            }
        } else {
            let nonce = r.read_array()?;
            let solution = r.read_var_bytes()?.to_vec();
            HeaderProof::Pow { nonce, solution }
        };
        Ok(BlockHeader {
            version,
            prev_block,
            merkle_root,
            final_sapling_root,
            time,
            bits,
            proof,
        })
    }
}
