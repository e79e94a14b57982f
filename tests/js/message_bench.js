#!/usr/bin/env node
'use strict';
// Anchor for flux-zelid's criterion bench: @runonflux/bitcoinjs-message signing and
// verifying the same login phrase with the same key, N iterations each.
// Usage: node tests/js/message_bench.js [N]   -> JSON {sign_per_s, verify_per_s}
const bitcoinMessage = require('@runonflux/bitcoinjs-message');
const N = Number(process.argv[2] || 2000);
const key = Buffer.alloc(32, 0x11);
const msg = '1644935889016mtmbo4uah32tvvwrmzg4j8qzv04ba8g8n56cevn6b';
const sig = bitcoinMessage.sign(msg, key, true);
// The ZelID of the key, found by verifying against candidate addresses is not needed:
// derive it the way bitcoinjs-message expects (base58check of 0x00 + hash160).
const secp256k1 = require('secp256k1');
const createHash = require('create-hash');
const bs58check = require('bs58check');
const pub = Buffer.from(secp256k1.publicKeyCreate(key, true));
const h160 = createHash('ripemd160').update(createHash('sha256').update(pub).digest()).digest();
const zelid = bs58check.encode(Buffer.concat([Buffer.from([0]), h160]));
const sigB64 = sig.toString('base64');
if (!bitcoinMessage.verify(msg, zelid, sigB64)) throw new Error('self-check failed');
let t = process.hrtime.bigint();
for (let i = 0; i < N; i++) bitcoinMessage.sign(msg, key, true);
const signS = Number(process.hrtime.bigint() - t) / 1e9;
t = process.hrtime.bigint();
for (let i = 0; i < N; i++) bitcoinMessage.verify(msg, zelid, sigB64);
const verifyS = Number(process.hrtime.bigint() - t) / 1e9;
process.stdout.write(JSON.stringify({ n: N, sign_per_s: Math.round(N / signS), verify_per_s: Math.round(N / verifyS) }) + '\n');
