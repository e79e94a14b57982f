//! The proof a header carries: an Equihash solution and a hash under `nBits` (PoW), or a
//! PoN hash under `nBits` and the producer's signature (PoN). fluxd `CheckBlockHeader`,
//! `CheckEquihashSolution`, `CheckProofOfWork`, `CheckProofOfNode` and
//! `ContextualCheckPONBlockHeader`.

use flux_primitives::Network;

use super::context::CheckContext;
use super::report::{Checks, Rule};
use crate::equihash::{EquihashParams, Verifier};
use crate::header::{BlockHeader, HeaderProof};
use crate::params::consensus_params;
use crate::pon;
use crate::rules::{allowed_equihash, any_equihash_size_allowed};
use crate::target::U256;

/// The proof checks of `header`: `equihash` and `proof_of_work` for PoW headers,
/// `pon_eligibility` and `block_signature` for PoN headers.
pub(crate) fn check_proof(c: &mut Checks, header: &BlockHeader, ctx: &CheckContext) {
    match &header.proof {
        HeaderProof::Pow { nonce, solution } => {
            check_equihash(c, header, nonce, solution, ctx);
            check_pow_target(c, header, ctx.network);
        }
        HeaderProof::Pon {
            collateral,
            signature,
        } => check_pon(c, header, collateral, signature, ctx),
    }
}

fn check_equihash(
    c: &mut Checks,
    header: &BlockHeader,
    nonce: &[u8; 32],
    solution: &[u8],
    ctx: &CheckContext,
) {
    let net = ctx.network;
    // fluxd ContextualCheckBlockHeader: "Equihash solution size %d for block %d does not
    // match a valid length" -> "bad-equihash-solution-size" (the sizes of
    // validEHparameterList at the height; testnet accepts any size up to height 320).
    // Without a height, any set fluxd knows is tried, as CheckEquihashSolution does.
    let (params, reject) = match ctx.height {
        Some(h) if !any_equihash_size_allowed(net, h) => (
            allowed_equihash(net, h)
                .into_iter()
                .find(|e| e.solution_len() == solution.len()),
            "bad-equihash-solution-size",
        ),
        _ => (
            EquihashParams::for_solution_len(solution.len()),
            "invalid-solution",
        ),
    };
    let Some(e) = params else {
        c.fail(
            Rule::Equihash,
            reject,
            format!("{} bytes not allowed here", solution.len()),
        );
        return;
    };
    // fluxd CheckBlockHeader: "if (fCheckPOW && !CheckEquihashSolution(&block, ...))
    // return state.DoS(100, ..., "invalid-solution")".
    match Verifier::new(e, &header.prefix_bytes(), nonce).and_then(|v| v.check(solution)) {
        Ok(Ok(())) => c.pass(Rule::Equihash, format!("valid ({e})")),
        Ok(Err(why)) => c.fail(Rule::Equihash, "invalid-solution", format!("({e}): {why}")),
        Err(err) => c.fail(Rule::Equihash, "invalid-solution", err.to_string()),
    }
}

fn check_pow_target(c: &mut Checks, header: &BlockHeader, net: Network) {
    // fluxd CheckProofOfWork: regtest accepts any hash ("if (Params().NetworkID() ==
    // CBaseChainParams::REGTEST) return true").
    if net == Network::Regtest {
        c.pass(Rule::ProofOfWork, "regtest does not enforce the target");
        return;
    }
    // fluxd CheckProofOfWork: "if (fNegative || bnTarget == 0 || fOverflow || bnTarget >
    // UintToArith256(params.powLimit)) return error(...)" then "if (UintToArith256(hash) >
    // bnTarget) return error(...)"; CheckBlockHeader rejects with "high-hash".
    let limit = consensus_params(net)
        .pow_limit_bits
        .target()
        .unwrap_or(U256::MAX);
    match header.bits.target() {
        Err(e) => c.fail(Rule::ProofOfWork, "high-hash", e.to_string()),
        Ok(t) if t > limit => c.fail(Rule::ProofOfWork, "high-hash", "target above powLimit"),
        Ok(t) => c.rule(
            Rule::ProofOfWork,
            U256::from_le_bytes(header.hash().to_bytes()) <= t,
            "hash below target",
            "high-hash",
            "hash above target",
        ),
    }
}

fn check_pon(
    c: &mut Checks,
    header: &BlockHeader,
    collateral: &flux_tx::OutPoint,
    signature: &[u8],
    ctx: &CheckContext,
) {
    let net = ctx.network;
    let hash = header.hash();
    // fluxd ContextualCheckPONBlockHeader: "if (IsEmergencyBlock(block)) { if
    // (!ValidateEmergencyBlockSignatures(block)) ... }"; CheckBlockHeader skips the PoN
    // hash for emergency blocks.
    if pon::is_emergency_collateral(collateral) {
        c.pass(Rule::PonEligibility, "emergency block: no PoN hash check");
        match pon::verify_emergency_signatures(net, &hash, signature) {
            Ok(()) => c.pass(Rule::BlockSignature, "emergency signatures valid"),
            Err(e) => c.fail(
                Rule::BlockSignature,
                "bad-pon-block",
                format!("emergency signatures: {e}"),
            ),
        }
        return;
    }
    // fluxd CheckProofOfNode: regtest accepts any hash; otherwise "if (fNegative || target
    // == 0 || fOverflow || target > maximumTargetAllowed) return error(...)" (the larger of
    // ponLimit and ponStartLimit when no height is given) and "return hashValue <= target";
    // CheckBlockHeader rejects with "high-hash".
    if net == Network::Regtest {
        c.pass(
            Rule::PonEligibility,
            "regtest does not enforce the PoN target",
        );
    } else {
        let p = consensus_params(net);
        let max = p
            .pon_limit_bits
            .target()
            .unwrap_or(U256::MAX)
            .max(p.pon_start_limit_bits.target().unwrap_or(U256::MAX));
        match header.bits.target() {
            Err(e) => c.fail(Rule::PonEligibility, "high-hash", e.to_string()),
            Ok(t) if t > max => c.fail(
                Rule::PonEligibility,
                "high-hash",
                "target above the PoN limit",
            ),
            Ok(_) => {
                let ph = pon::header_pon_hash(net, header).unwrap_or_default();
                c.rule(
                    Rule::PonEligibility,
                    pon::meets_target(&ph, header.bits),
                    format!("PoN hash {ph} meets the target"),
                    "high-hash",
                    format!("PoN hash {ph} above the target"),
                );
            }
        }
    }
    // fluxd CheckBlockHeader: "if (block.vchBlockSig.size() > maxSigSize) return
    // state.DoS(100, ..., "bad-pon-sig-size")".
    if signature.len() > pon::MAX_BLOCK_SIG_SIZE {
        c.fail(
            Rule::BlockSignature,
            "bad-pon-sig-size",
            format!("{} bytes", signature.len()),
        );
        return;
    }
    // fluxd ContextualCheckPONBlockHeader: the testnet/regtest bypass collateral "Skip[s]
    // signature verification"; otherwise "if (!data.pubKey.Verify(hashToSign,
    // block.vchBlockSig))" fails the block ("bad-pon-block" in ContextualCheckBlock).
    if pon::is_bypass_collateral(net, collateral) {
        c.pass(Rule::BlockSignature, "test-network bypass collateral");
        return;
    }
    match &ctx.node_public_key {
        None => c.skip(Rule::BlockSignature, "node public key not given"),
        Some(k) => match pon::verify_block_signature(&hash, signature, k) {
            Ok(()) => c.pass(Rule::BlockSignature, "signed by the node key"),
            Err(fault) => c.fail(Rule::BlockSignature, "bad-pon-block", fault.to_string()),
        },
    }
}
