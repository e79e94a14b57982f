#!/usr/bin/env node
'use strict';
// Differential driver for flux-tx v4 building, signing and ZIP-243 sighashes
// (flux-tx/tests/differential_tx_v4.rs), with @runonflux/utxo-lib's TransactionBuilder.
// stdin: JSON array of cases; stdout: JSON array of results, one per case, same order.
//   case: {expiryHeight, locktime,
//          inputs: [{txid, vout, sequence, value, hashType,
//                    wif | (redeemScript + wifs)}],
//          outputs: [{script (hex) | data (hex), value}]}
//   or, sighashes only: {hex, inputs: [{scriptCode, value}]} (an existing v4 transaction)
//   result: {hex, complete, sighashes: [[hash of hashTypes[k] for input i]...]}
//           (sighashes: the digest of every input for ALL, NONE, SINGLE and their
//           ANYONECANPAY forms, computed on the built transaction, internal byte order)
// Values are integers below 2^53. A failing case answers {error}.
const utxolib = require('@runonflux/utxo-lib');

const network = utxolib.networks.flux;
const SAPLING_VERSION_GROUP_ID = 0x892f2085;
const HASH_TYPES = [0x01, 0x02, 0x03, 0x81, 0x82, 0x83];

function outputScript(o) {
  if (o.script !== undefined) return Buffer.from(o.script, 'hex');
  return utxolib.script.nullData.output.encode(Buffer.from(o.data, 'hex'));
}

function sighashesOnly(c) {
  const tx = utxolib.Transaction.fromHex(c.hex, network);
  const sighashes = c.inputs.map((inp, vin) => HASH_TYPES.map((ht) =>
    tx.hashForZcashSignature(vin, Buffer.from(inp.scriptCode, 'hex'), inp.value, ht).toString('hex')));
  return { hex: tx.toHex(), sighashes };
}

function one(c) {
  if (c.hex !== undefined) return sighashesOnly(c);
  const txb = new utxolib.TransactionBuilder(network, Number.MAX_SAFE_INTEGER);
  txb.setVersion(4, true);
  txb.setVersionGroupId(SAPLING_VERSION_GROUP_ID);
  txb.setExpiryHeight(c.expiryHeight);
  txb.setLockTime(c.locktime);
  const plans = c.inputs.map((inp) => {
    const keys = (inp.wifs || [inp.wif]).map((w) => utxolib.ECPair.fromWIF(w, network));
    const redeem = inp.redeemScript ? Buffer.from(inp.redeemScript, 'hex') : undefined;
    const prevOut = redeem
      ? utxolib.script.scriptHash.output.encode(utxolib.crypto.hash160(redeem))
      : utxolib.script.pubKeyHash.output.encode(utxolib.crypto.hash160(keys[0].getPublicKeyBuffer()));
    txb.addInput(inp.txid, inp.vout, inp.sequence, prevOut);
    return { keys, redeem, prevOut, value: inp.value, hashType: inp.hashType };
  });
  for (const o of c.outputs) txb.addOutput(outputScript(o), o.value);
  plans.forEach((p, vin) => {
    for (const k of p.keys) txb.sign(vin, k, p.redeem, p.hashType, p.value);
  });
  let tx;
  let complete = true;
  try {
    tx = txb.build();
  } catch (e) {
    complete = false;
    tx = txb.buildIncomplete();
  }
  const sighashes = plans.map((p, vin) => HASH_TYPES.map((ht) =>
    tx.hashForZcashSignature(vin, p.redeem || p.prevOut, p.value, ht).toString('hex')));
  return { hex: tx.toHex(), complete, sighashes };
}

require('./lib/batch').runBatch(one);
