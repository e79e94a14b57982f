#!/usr/bin/env node
// flux-wasm against the pure-JavaScript libraries Flux users run today, in one Node process:
// @runonflux/utxo-lib 1.0.2 and @runonflux/bitcoinjs-message 2.3.0 (tests/js, pinned), the
// latter once over secp256k1's pure-JS backend (elliptic: what browsers always get) and once
// over its native addon (libsecp256k1 in C, when it built).
//
// Each row: the same work on the same inputs; the time is the median over R rounds of the
// per-operation time of a round of N operations (after a warm-up round).
//
//   ./scripts/wasm.sh && (cd tests/js && npm ci) && node flux-wasm/bench/node_bench.cjs [R]
"use strict";
const path = require("node:path");
const fs = require("node:fs");

const ROOT = path.resolve(__dirname, "../..");
const flux = require(path.join(ROOT, "flux-wasm/pkg/node/index.js"));
const js = (m) => require(require.resolve(m, { paths: [path.join(ROOT, "tests/js")] }));
// utxo-lib's fastcurve uses `require("secp256k1")` when it loads, and in Node that is the
// native addon; a browser bundle maps it to secp256k1's elliptic backend (its package.json
// "browser" field). Load utxo-lib over that pure-JS backend, as browsers get it, so its rows
// compare like with like.
const utxolib = (() => {
  const secpIndex = require.resolve("secp256k1", { paths: [path.join(ROOT, "tests/js")] });
  const elliptic = require(path.join(path.dirname(secpIndex), "elliptic"));
  require.cache[secpIndex] = { id: secpIndex, filename: secpIndex, loaded: true, exports: elliptic };
  const lib = js("@runonflux/utxo-lib");
  delete require.cache[secpIndex];
  return lib;
})();

const ROUNDS = Number(process.argv[2] || 15);

/** Median ns per operation of `f` over ROUNDS rounds of n calls. */
function bench(n, f) {
  for (let i = 0; i < n; i++) f(); // warm-up (JIT, wasm tier-up)
  const per = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) f();
    per.push(Number(process.hrtime.bigint() - t) / n);
  }
  per.sort((a, b) => a - b);
  return per[Math.floor(per.length / 2)];
}

/** bitcoinjs-message loaded fresh over the chosen secp256k1 backend (see tests/js/message_bench.js). */
function messageLib(backend) {
  const secpIndex = require.resolve("secp256k1", { paths: [path.join(ROOT, "tests/js")] });
  const libIndex = require.resolve("@runonflux/bitcoinjs-message", { paths: [path.join(ROOT, "tests/js")] });
  delete require.cache[libIndex];
  delete require.cache[secpIndex];
  let impl;
  try {
    impl = require(path.join(path.dirname(secpIndex), backend === "native" ? "bindings" : "elliptic"));
  } catch (e) {
    return null; // the native addon did not build
  }
  require.cache[secpIndex] = { id: secpIndex, filename: secpIndex, loaded: true, exports: impl };
  return require(libIndex);
}

const network = utxolib.networks.flux;
const seedHex = "000102030405060708090a0b0c0d0e0f";
const path44 = "m/44'/19167'/0'/0/0";
const wif = "L1XjcSo9LtgfY1rdnGeQSvG61iKgmCrTnPvvMQuVsQyJWpzeLjHW";
const key = utxolib.ECPair.fromWIF(wif, network);
const phrase = "16125160820394ddsh5skgwv0ipodku92y0jbwvpyj17bh68lzrjlxq9";
const txs = JSON.parse(fs.readFileSync(path.join(ROOT, "flux-tx/tests/data/transactions_transparent.json"), "utf8"))
  .vectors.filter((v) => v.hex);
const tx = txs.reduce((a, b) => (b.hex.length > a.hex.length ? b : a));

const signed = flux.messageSign({ wif, message: phrase });
const rows = [];
function row(what, n, ours, theirs) {
  const wasm = bench(n, ours);
  for (const [name, f, m] of theirs) {
    if (!f) continue;
    const other = bench(m || n, f);
    rows.push({ what, library: name, wasm_us: wasm / 1e3, js_us: other / 1e3, ratio: other / wasm });
  }
}

// Sanity: both sides compute the same thing before they are timed.
const derived = flux.keyDerive({ seed: seedHex, path: path44 });
const hd = utxolib.HDNode.fromSeedHex(seedHex, network).derivePath(path44);
if (hd.getAddress() !== derived.address) throw new Error(`keyDerive ${derived.address} != ${hd.getAddress()}`);
if (utxolib.Transaction.fromHex(tx.hex, network).getId() !== flux.txDecode({ hex: tx.hex }).txid) {
  throw new Error("txid differs");
}

row("key derivation: seed → m/44'/19167'/0'/0/0 address", 20,
  () => flux.keyDerive({ seed: seedHex, path: path44 }).address,
  [["utxo-lib HDNode (pure JS)", () => utxolib.HDNode.fromSeedHex(seedHex, network).derivePath(path44).getAddress(), 5]]);

for (const backend of ["elliptic", "native"]) {
  const lib = messageLib(backend);
  if (!lib) continue;
  const prefix = "\u0018Bitcoin Signed Message:\n";
  if (!lib.verify(phrase, signed.address, signed.signature, prefix)) throw new Error("verify disagrees");
  row("message verify (ZelID login)", 200,
    () => flux.messageVerify({ address: signed.address, signature: signed.signature, message: phrase }).valid,
    [[`bitcoinjs-message (${backend})`, () => lib.verify(phrase, signed.address, signed.signature, prefix),
      backend === "elliptic" ? 20 : 200]]);
  row("message sign", 200,
    () => flux.messageSign({ wif, message: phrase }).signature,
    [[`bitcoinjs-message (${backend})`, () => lib.sign(phrase, key.d.toBuffer(32), true, prefix),
      backend === "elliptic" ? 20 : 200]]);
}

// Build and sign: two P2PKH inputs of one key, two outputs, Sapling branch id (utxo-lib's
// for Flux), no expiry; both sides must give the same txid (RFC 6979 signatures).
{
  const wif2 = "L5BdCEV3YkcUdCeDLkV95tkuEANez1GU3BY8J2yqSLLfhyFGtRoh";
  const key2 = utxolib.ECPair.fromWIF(wif2, network);
  const prevOut = utxolib.script.pubKeyHash.output.encode(utxolib.crypto.hash160(key2.getPublicKeyBuffer()));
  const coins = [["15881187a82a966ce6cc08d91617bce279d476b850d8c689f02b4a1fab982d5e", 0, 144997740],
    ["a9d0ce05".repeat(8), 3, 5000000]];
  const to = [["t1UPSwfMYLe18ezbCqnR5QgdJGznzCUYHkj", 100000000], ["t3ba4XTTQR8UbkY53KFQ9zZnx6sMXsnU9ZV", 49995480]];
  const spec = { network: "main", branch_id: 0x76b809bb, expiry_height: 0,
    inputs: coins.map(([txid, vout, amount]) => ({ txid, vout, amount, wif: wif2 })),
    outputs: to.map(([address, amount]) => ({ address, amount })) };
  const theirs = () => {
    const txb = new utxolib.TransactionBuilder(network);
    txb.setVersion(4, true);
    txb.setVersionGroupId(0x892f2085);
    for (const [txid, vout] of coins) txb.addInput(txid, vout, 0xffffffff, prevOut);
    for (const [address, amount] of to) txb.addOutput(address, amount);
    coins.forEach(([, , amount], i) => txb.sign(i, key2, undefined, utxolib.Transaction.SIGHASH_ALL, amount));
    return txb.build().getId();
  };
  const same = theirs() === flux.txBuild(spec).txid;
  row(`transaction build+sign (2 P2PKH inputs, 2 outputs; same txid: ${same ? "yes" : "no"})`, 100,
    () => flux.txBuild(spec).txid, [["utxo-lib TransactionBuilder (pure JS)", theirs, 20]]);
}

row(`transaction decode (${tx.hex.length / 2} bytes, ${tx.id})`, 500,
  () => flux.txDecode({ hex: tx.hex }).txid,
  [["utxo-lib Transaction.fromHex + getId", () => utxolib.Transaction.fromHex(tx.hex, network).getId()]]);

console.log(`flux-wasm vs pure-JS libraries, Node ${process.version}, median of ${ROUNDS} rounds`);
console.log("| work | library | flux-wasm µs | library µs | library / flux-wasm |");
console.log("| --- | --- | ---: | ---: | ---: |");
for (const r of rows) {
  console.log(`| ${r.what} | ${r.library} | ${r.wasm_us.toFixed(1)} | ${r.js_us.toFixed(1)} | ${r.ratio.toFixed(1)}x |`);
}
