#!/usr/bin/env node
'use strict';
// Anchor for flux-primitives/benches/keys.rs: the same work done by @runonflux/utxo-lib,
// each the median of 7 timed batches (lib/timing.js), printed as JSON {name: ns_per_op}.
// Usage: node tests/js/bench_keys.js [iterations-scale]
const utxolib = require('@runonflux/utxo-lib');
const bs58check = require('bs58check');
const { medianMsPerCall } = require('./lib/timing');

const scale = Number(process.argv[2] || 1);
const network = utxolib.networks.flux;
const payload = Buffer.concat([Buffer.from([0x1c, 0xb8]), Buffer.alloc(20, 0x42)]);
const encoded = bs58check.encode(payload);
const data = Buffer.alloc(64, 7);
const wif = 'Kz6UJmQACJmLtaQj5A3JAge4kVTNQ8gbvXuwbmCj7bsaabudb3RD';
const seed = Buffer.from('000102030405060708090a0b0c0d0e0f', 'hex');

// n calls in all, in 7 batches of n/7.
function time(name, n, f) {
  return [name, Math.round(medianMsPerCall(f, Math.max(1, Math.round(n / 7))).ms * 1e6)];
}

const results = [
  time('base58check_encode', 20000 * scale, () => bs58check.encode(payload)),
  time('base58check_decode', 20000 * scale, () => bs58check.decode(encoded)),
  time('hash160_33', 100000 * scale, () => utxolib.crypto.hash160(data.subarray(0, 33))),
  time('sha256d_64', 100000 * scale, () => utxolib.crypto.hash256(data)),
  time('wif_to_address', 300 * scale, () => utxolib.ECPair.fromWIF(wif, network).getAddress()),
  time('bip32_m_44h_19167h_0h_0_0', 50 * scale, () =>
    utxolib.HDNode.fromSeedBuffer(seed, network).derivePath("m/44'/19167'/0'/0/0").getAddress()),
];
process.stdout.write(JSON.stringify(Object.fromEntries(results), null, 1) + '\n');
