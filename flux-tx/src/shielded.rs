//! Sapling and Sprout parts of a transaction, kept as fixed-size byte arrays.
//!
//! Nothing here touches curve arithmetic: the SDK never verifies shielded proofs, and
//! parsing points on decode is what made other implementations slow. The only check is
//! the one fluxd's deserializer makes: the lead byte of each point of a Sprout PHGR13 proof.

use flux_primitives::codec::Reader;

use crate::Error;

/// Bytes of one Sapling spend description on the wire.
pub const SPEND_DESCRIPTION_LEN: usize = 384;
/// Bytes of one Sapling output description on the wire.
pub const OUTPUT_DESCRIPTION_LEN: usize = 948;
/// Bytes of a Sprout PHGR13 proof (v2 and non-Sapling transactions).
pub const PHGR_PROOF_LEN: usize = 296;
/// Bytes of a Groth16 proof (Sprout in v4, Sapling).
pub const GROTH_PROOF_LEN: usize = 192;
/// Bytes of one Sprout note ciphertext.
pub const SPROUT_CIPHERTEXT_LEN: usize = 601;
/// Bytes of a JoinSplit with a PHGR13 proof.
pub const JOINSPLIT_PHGR_LEN: usize = 8 + 8 + 32 * 8 + PHGR_PROOF_LEN + 2 * SPROUT_CIPHERTEXT_LEN;
/// Bytes of a JoinSplit with a Groth16 proof.
pub const JOINSPLIT_GROTH_LEN: usize = 8 + 8 + 32 * 8 + GROTH_PROOF_LEN + 2 * SPROUT_CIPHERTEXT_LEN;

/// A Sapling spend description (384 bytes).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SpendDescription {
    /// Value commitment.
    pub cv: [u8; 32],
    /// Note commitment tree root.
    pub anchor: [u8; 32],
    /// Nullifier of the spent note.
    pub nullifier: [u8; 32],
    /// Randomized spend authorization key.
    pub rk: [u8; 32],
    /// Groth16 proof.
    pub zkproof: [u8; GROTH_PROOF_LEN],
    /// RedJubjub spend authorization signature.
    pub spend_auth_sig: [u8; 64],
}

impl SpendDescription {
    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        Ok(SpendDescription {
            cv: r.read_array()?,
            anchor: r.read_array()?,
            nullifier: r.read_array()?,
            rk: r.read_array()?,
            zkproof: r.read_array()?,
            spend_auth_sig: r.read_array()?,
        })
    }

    /// Writes the part that ZIP-243's `hashShieldedSpends` commits to (all but the
    /// signature).
    pub(crate) fn write_without_sig(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.cv);
        out.extend_from_slice(&self.anchor);
        out.extend_from_slice(&self.nullifier);
        out.extend_from_slice(&self.rk);
        out.extend_from_slice(&self.zkproof);
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        self.write_without_sig(out);
        out.extend_from_slice(&self.spend_auth_sig);
    }
}

/// A Sapling output description (948 bytes).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct OutputDescription {
    /// Value commitment.
    pub cv: [u8; 32],
    /// Note commitment u-coordinate.
    pub cmu: [u8; 32],
    /// Ephemeral public key.
    pub ephemeral_key: [u8; 32],
    /// Note ciphertext.
    pub enc_ciphertext: [u8; 580],
    /// Outgoing ciphertext.
    pub out_ciphertext: [u8; 80],
    /// Groth16 proof.
    pub zkproof: [u8; GROTH_PROOF_LEN],
}

impl OutputDescription {
    pub(crate) fn read(r: &mut Reader<'_>) -> Result<Self, Error> {
        Ok(OutputDescription {
            cv: r.read_array()?,
            cmu: r.read_array()?,
            ephemeral_key: r.read_array()?,
            enc_ciphertext: r.read_array()?,
            out_ciphertext: r.read_array()?,
            zkproof: r.read_array()?,
        })
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.cv);
        out.extend_from_slice(&self.cmu);
        out.extend_from_slice(&self.ephemeral_key);
        out.extend_from_slice(&self.enc_ciphertext);
        out.extend_from_slice(&self.out_ciphertext);
        out.extend_from_slice(&self.zkproof);
    }
}

/// The proof of a Sprout JoinSplit: PHGR13 before Sapling, Groth16 in v4 transactions.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SproutProof {
    /// PHGR13 (BCTV14) proof, 296 bytes: eight compressed points.
    Phgr(Box<[u8; PHGR_PROOF_LEN]>),
    /// Groth16 proof, 192 bytes.
    Groth(Box<[u8; GROTH_PROOF_LEN]>),
}

impl SproutProof {
    /// The proof bytes.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            SproutProof::Phgr(b) => &b[..],
            SproutProof::Groth(b) => &b[..],
        }
    }
}

/// Offsets of the compressed points in a PHGR13 proof and the lead byte each must carry
/// (ignoring the parity bit): g_A, g_A', g_B (a G2 point, 65 bytes), g_B', g_C, g_C', g_K, g_H.
const PHGR_POINTS: [(usize, u8); 8] = [
    (0, 0x02),
    (33, 0x02),
    (66, 0x0a),
    (131, 0x02),
    (164, 0x02),
    (197, 0x02),
    (230, 0x02),
    (263, 0x02),
];

/// A Sprout JoinSplit description.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct JoinSplit {
    /// Value leaving the transparent pool.
    pub vpub_old: i64,
    /// Value entering the transparent pool.
    pub vpub_new: i64,
    /// Sprout note commitment tree root.
    pub anchor: [u8; 32],
    /// Nullifiers of the two input notes.
    pub nullifiers: [[u8; 32]; 2],
    /// Commitments of the two output notes.
    pub commitments: [[u8; 32]; 2],
    /// Ephemeral key.
    pub ephemeral_key: [u8; 32],
    /// Random seed.
    pub random_seed: [u8; 32],
    /// Message authentication codes.
    pub macs: [[u8; 32]; 2],
    /// The zero-knowledge proof.
    pub proof: SproutProof,
    /// The two note ciphertexts.
    pub ciphertexts: [Box<[u8; SPROUT_CIPHERTEXT_LEN]>; 2],
}

impl JoinSplit {
    /// Reads one JoinSplit; `groth` says which proof format the transaction uses.
    pub(crate) fn read(r: &mut Reader<'_>, groth: bool) -> Result<Self, Error> {
        let vpub_old = r.read_i64()?;
        let vpub_new = r.read_i64()?;
        let anchor = r.read_array()?;
        let nullifiers = [r.read_array()?, r.read_array()?];
        let commitments = [r.read_array()?, r.read_array()?];
        let ephemeral_key = r.read_array()?;
        let random_seed = r.read_array()?;
        let macs = [r.read_array()?, r.read_array()?];
        let proof = if groth {
            SproutProof::Groth(Box::new(r.read_array()?))
        } else {
            let start = r.position();
            let bytes: [u8; PHGR_PROOF_LEN] = r.read_array()?;
            for (offset, prefix) in PHGR_POINTS {
                let byte = bytes.get(offset).copied().unwrap_or_default();
                if byte & !1 != prefix {
                    return Err(Error::BadProofPoint {
                        byte,
                        offset: start + offset,
                    });
                }
            }
            SproutProof::Phgr(Box::new(bytes))
        };
        let ciphertexts = [Box::new(r.read_array()?), Box::new(r.read_array()?)];
        Ok(JoinSplit {
            vpub_old,
            vpub_new,
            anchor,
            nullifiers,
            commitments,
            ephemeral_key,
            random_seed,
            macs,
            proof,
            ciphertexts,
        })
    }

    /// Writes the JoinSplit with its own proof.
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.vpub_old.to_le_bytes());
        out.extend_from_slice(&self.vpub_new.to_le_bytes());
        out.extend_from_slice(&self.anchor);
        for n in &self.nullifiers {
            out.extend_from_slice(n);
        }
        for c in &self.commitments {
            out.extend_from_slice(c);
        }
        out.extend_from_slice(&self.ephemeral_key);
        out.extend_from_slice(&self.random_seed);
        for m in &self.macs {
            out.extend_from_slice(m);
        }
        out.extend_from_slice(self.proof.as_bytes());
        for c in &self.ciphertexts {
            out.extend_from_slice(&c[..]);
        }
    }

    /// Encoded length.
    pub(crate) fn encoded_len(&self) -> usize {
        match self.proof {
            SproutProof::Phgr(_) => JOINSPLIT_PHGR_LEN,
            SproutProof::Groth(_) => JOINSPLIT_GROTH_LEN,
        }
    }
}
