#!/usr/bin/env node
'use strict';
// Anchor for flux-zelid's criterion bench: @runonflux/bitcoinjs-message signing and
// verifying the same login phrase with the same key, N iterations each, once per
// secp256k1 backend:
//   native   - what `require('secp256k1')` resolves to under node when the addon built
//              (secp256k1/bindings -> build/Release/secp256k1.node, libsecp256k1 in C);
//   elliptic - the pure-JavaScript fallback (secp256k1/elliptic), which is what browsers
//              always get (package.json "browser": {"./index.js": "./elliptic.js"}) and
//              what node gets when the addon failed to build.
// Usage: node tests/js/message_bench.js [N] [N_ELLIPTIC]
//   -> one JSON line per backend {backend, resolved, n, sign_per_s, verify_per_s}
const path = require('path');
const createHash = require('create-hash');
const bs58check = require('bs58check');
const { medianMsPerCall } = require('./lib/timing');

const N = Number(process.argv[2] || 2000);
const N_ELLIPTIC = Number(process.argv[3] || Math.max(1, Math.floor(N / 10)));
const key = Buffer.alloc(32, 0x11);
const msg = '1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b';

const secpIndex = require.resolve('secp256k1');
const messageIndex = require.resolve('@runonflux/bitcoinjs-message');

// bitcoinjs-message does `require('secp256k1')`; load it fresh with the chosen backend
// standing in the module cache for secp256k1/index.js.
function load(backend) {
  delete require.cache[messageIndex];
  delete require.cache[secpIndex];
  const impl = require(backend === 'native' ? 'secp256k1/bindings' : 'secp256k1/elliptic');
  require.cache[secpIndex] = { id: secpIndex, filename: secpIndex, loaded: true, exports: impl };
  const lib = require('@runonflux/bitcoinjs-message');
  if (require.cache[secpIndex].exports !== impl) throw new Error('backend not in place');
  return { lib, impl };
}

// Which file plain `require('secp256k1')` ends up in, in a clean cache.
function plainResolution() {
  delete require.cache[secpIndex];
  require('secp256k1');
  const hits = Object.keys(require.cache).filter((k) => k.includes(`${path.sep}secp256k1${path.sep}`));
  const addon = hits.find((k) => k.endsWith('.node'));
  return addon ? `native addon ${path.relative(process.cwd(), addon)}` : 'pure-JS elliptic fallback';
}

function run(backend, n) {
  const { lib, impl } = load(backend);
  const sig = lib.sign(msg, key, true);
  const pub = Buffer.from(impl.publicKeyCreate(key, true));
  const h160 = createHash('ripemd160').update(createHash('sha256').update(pub).digest()).digest();
  const zelid = bs58check.encode(Buffer.concat([Buffer.from([0]), h160]));
  const sigB64 = sig.toString('base64');
  if (!lib.verify(msg, zelid, sigB64)) throw new Error(`${backend}: self-check failed`);
  // n calls of each, in 7 batches of n/7 (lib/timing.js): the median batch's rate.
  const perBatch = Math.max(1, Math.round(n / 7));
  const signS = medianMsPerCall(() => lib.sign(msg, key, true), perBatch).ms / 1e3;
  const verifyS = medianMsPerCall(() => lib.verify(msg, zelid, sigB64), perBatch).ms / 1e3;
  return { backend, n, sign_per_s: Math.round(1 / signS), verify_per_s: Math.round(1 / verifyS) };
}

const resolved = plainResolution();
for (const [backend, n] of [['native', N], ['elliptic', N_ELLIPTIC]]) {
  process.stdout.write(JSON.stringify({ ...run(backend, n), plain_require_secp256k1: resolved }) + '\n');
}
