// The packed npm package against the JavaScript libraries Flux users run today, in the same
// Node process (tests/js, pinned: @runonflux/utxo-lib 1.0.2, @runonflux/bitcoinjs-message
// 2.3.0): random keys, derivations, messages and real transactions give the same addresses,
// signatures and txids. Needs tests/js/node_modules (scripts/setup.sh); without it the tests
// skip with a note, unless FLUX_DIFFERENTIAL=1 (scripts/test.sh, CI), where that is a failure.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const crypto = require("node:crypto");
const { createRequire } = require("node:module");

const ROOT = path.resolve(__dirname, "../../..");
const PROJECT = process.env.FLUX_WASM_PROJECT;
if (!PROJECT) throw new Error("set FLUX_WASM_PROJECT to a project with flux-wasm installed");
const flux = createRequire(path.join(PROJECT, "package.json"))("flux-wasm");

const JS = path.join(ROOT, "tests/js");
const present = fs.existsSync(path.join(JS, "node_modules/@runonflux/utxo-lib"));
if (!present && process.env.FLUX_DIFFERENTIAL === "1") {
  throw new Error("FLUX_DIFFERENTIAL=1 but tests/js/node_modules is missing: run scripts/setup.sh");
}
const skip = present ? false : "tests/js/node_modules missing (scripts/setup.sh installs it)";
const jsRequire = createRequire(path.join(JS, "package.json"));
const utxolib = present ? jsRequire("@runonflux/utxo-lib") : null;
const message = present ? jsRequire("@runonflux/bitcoinjs-message") : null;
const BITCOIN = "\u0018Bitcoin Signed Message:\n";

test("random keys: the same address, public key and WIF as utxo-lib", { skip }, () => {
  for (let i = 0; i < 50; i++) {
    const network = i % 2 ? "test" : "main";
    const k = flux.keyNew({ network, uncompressed: i % 5 === 0 });
    const pair = utxolib.ECPair.fromWIF(k.wif, utxolib.networks[network === "main" ? "flux" : "fluxtestnet"]);
    assert.equal(pair.getAddress(), k.address, k.address);
    assert.equal(pair.getPublicKeyBuffer().toString("hex"), k.public_key);
    assert.equal(pair.toWIF(), k.wif);
  }
});

test("random seeds and paths: the same BIP32 keys as utxo-lib's HDNode", { skip }, () => {
  for (let i = 0; i < 12; i++) {
    const seed = crypto.randomBytes(16 + (i % 3) * 16).toString("hex");
    const p = `m/44'/19167'/${i % 3}'/${i % 2}/${i * 7}`;
    const ours = flux.keyDerive({ seed, path: p });
    const theirs = utxolib.HDNode.fromSeedHex(seed, utxolib.networks.flux).derivePath(p);
    assert.equal(ours.address, theirs.getAddress(), `${seed} ${p}`);
    assert.equal(ours.wif, theirs.keyPair.toWIF());
    assert.equal(ours.xpub, theirs.neutered().toBase58());
  }
});

test("random messages: bitcoinjs-message verifies our signatures and makes the same ones", { skip }, () => {
  for (let i = 0; i < 40; i++) {
    const k = flux.keyNew({ uncompressed: i % 4 === 0 });
    const text = crypto.randomBytes(1 + (i % 40)).toString("base64") + (i % 3 ? " é ✓" : "");
    const ours = flux.messageSign({ wif: k.wif, message: text });
    const pair = utxolib.ECPair.fromWIF(k.wif, utxolib.networks.flux);
    assert.ok(message.verify(text, k.zelid, ours.signature, BITCOIN), text);
    // RFC 6979 on both sides: the very same signature.
    const theirs = message.sign(text, pair.d.toBuffer(32), pair.compressed, BITCOIN).toString("base64");
    assert.equal(ours.signature, theirs);
    assert.equal(flux.messageVerify({ address: k.zelid, signature: theirs, message: text }).valid, true);
    // Flipped: neither accepts another message.
    assert.equal(message.verify(text + "x", k.zelid, ours.signature, BITCOIN), false);
    assert.equal(flux.messageVerify({ address: k.zelid, signature: ours.signature, message: text + "x" }).valid, false);
  }
});

test("real transactions: the same txid and outputs as utxo-lib", { skip }, () => {
  const txs = JSON.parse(fs.readFileSync(path.join(ROOT, "flux-tx/tests/data/transactions_transparent.json"), "utf8"))
    .vectors.filter((v) => v.hex);
  for (const v of txs) {
    const ours = flux.txDecode({ hex: v.hex });
    const theirs = utxolib.Transaction.fromHex(v.hex, utxolib.networks.flux);
    assert.equal(ours.txid, theirs.getId(), v.id);
    assert.deepEqual(ours.vout.map((o) => o.valueZat), theirs.outs.map((o) => o.value));
    assert.deepEqual(ours.vout.map((o) => o.scriptPubKey.hex), theirs.outs.map((o) => o.script.toString("hex")));
  }
});
