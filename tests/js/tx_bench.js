#!/usr/bin/env node
'use strict';
// Anchor for flux-tx's benchmark (flux-tx/benches/tx.rs): @runonflux/utxo-lib 1.0.2 builds
// and signs the same synthetic v4 transaction (N P2PKH inputs of one key, 2 outputs), then
// decodes the signed bytes and computes the ZIP-243 sighash of every input.
// Usage: node tx_bench.js [inputs=1000] [rounds=5]
// Prints one JSON object: milliseconds per operation (the median of the rounds, after one
// untimed warm-up run that lets V8 compile the hot paths) and the txid.
const utxolib = require('@runonflux/utxo-lib');
const { medianMsPerCall } = require('./lib/timing');

const network = utxolib.networks.flux;
const n = Number(process.argv[2] || 1000);
const rounds = Math.max(1, Number(process.argv[3] || 5));

// The same inputs as the Rust bench: key 0x01..01, txid byte (i % 255) + 1 repeated, vout i,
// value 100000 + i.
const key = utxolib.ECPair.fromWIF('KwFfNUhSDaASSAwtG7ssQM1uVX8RgX5GHWnnLfhfiQDigjioWXHH', network);
const prevOut = utxolib.script.pubKeyHash.output.encode(utxolib.crypto.hash160(key.getPublicKeyBuffer()));

function txidOf(i) {
  return Buffer.alloc(32, (i % 255) + 1).toString('hex');
}

function sign() {
  const txb = new utxolib.TransactionBuilder(network, Number.MAX_SAFE_INTEGER);
  txb.setVersion(4, true);
  txb.setVersionGroupId(0x892f2085);
  txb.setExpiryHeight(3000000);
  let total = 0;
  for (let i = 0; i < n; i++) {
    txb.addInput(txidOf(i), i, 0xffffffff, prevOut);
    total += 100000 + i;
  }
  txb.addOutput(prevOut, Math.floor(total / 2));
  txb.addOutput(utxolib.script.scriptHash.output.encode(Buffer.alloc(20, 7)), Math.floor(total / 2) - 10000);
  for (let i = 0; i < n; i++) txb.sign(i, key, undefined, utxolib.Transaction.SIGHASH_ALL, 100000 + i);
  return txb.build();
}

const time = (f) => medianMsPerCall(f, 1, rounds);

const signed = time(sign);
const hex = signed.out.toHex();
const decoded = time(() => utxolib.Transaction.fromHex(hex, network));
const tx = decoded.out;
const sighash = time(() => {
  for (let i = 0; i < n; i++) tx.hashForZcashSignature(i, prevOut, 100000 + i, utxolib.Transaction.SIGHASH_ALL);
});
process.stdout.write(JSON.stringify({
  library: '@runonflux/utxo-lib 1.0.2',
  inputs: n,
  rounds,
  statistic: 'median',
  sign_ms: signed.ms,
  decode_ms: decoded.ms,
  sighash_all_inputs_ms: sighash.ms,
  txid: signed.out.getId(),
}) + '\n');
