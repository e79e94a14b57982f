// The demo page: loads the web build of flux-wasm, runs a self-check on embedded real
// mainnet data, then wires the forms. Serve flux-wasm/ over http (see the README); the
// package is expected at ../pkg/web (./scripts/wasm.sh builds it there).
import init, {
  txDecode, blockDecode, headerDecode, chainUpgrade, chainSubsidy,
  keyNew, keyInspect, messageSign, messageVerify,
} from "../pkg/web/flux_wasm.js";
import { DATA } from "./data.js";

const $ = (id) => document.getElementById(id);
const show = (id, value) => { $(id).textContent = JSON.stringify(value, null, 2); };
/** Runs fn and shows its result, or the error's kind and message: the page never breaks. */
function run(id, fn) {
  try { show(id, fn()); } catch (e) { show(id, { error: { kind: e.kind, message: e.message } }); }
}

const CHECKS = [
  ["txDecode: the txid of mainnet transaction 625c9135…",
    () => txDecode({ hex: DATA.tx.hex }).txid === DATA.tx.txid],
  ["blockDecode: the hash of the genesis block",
    () => blockDecode({ hex: DATA.genesis.hex }).hash === DATA.genesis.hash],
  ["headerDecode: the hash of block 2,019,999 (the last PoW block)",
    () => headerDecode({ hex: DATA.header.hex }).hash === DATA.header.hash],
  ["chainUpgrade: Proof of Node from height 2,020,000",
    () => chainUpgrade({ height: 2020000 }).block_kind === "PON"
      && chainUpgrade({ height: 2019999 }).block_kind === "POW"],
  ["chainSubsidy: 14 FLUX per block at height 2,020,000",
    () => chainSubsidy({ height: 2020000 }).subsidy === 1400000000],
  ["messageVerify: a real ZelID login signature",
    () => messageVerify({ address: DATA.login.address, signature: DATA.login.signature,
      message: DATA.login.message }).valid === true],
  ["messageVerify: the same signature over another phrase is not valid",
    () => messageVerify({ address: DATA.login.address, signature: DATA.login.signature,
      message: DATA.login.message + "x" }).valid === false],
  ["keyNew → messageSign → messageVerify round trip (randomness from crypto.getRandomValues)",
    () => {
      const k = keyNew({});
      const s = messageSign({ wif: k.wif, message: "flux" });
      return keyInspect({ wif: k.wif }).zelid === k.zelid
        && messageVerify({ address: k.zelid, signature: s.signature, message: "flux" }).valid;
    }],
  ["bad input is an Error with a kind, and the next call still works",
    () => {
      try { txDecode({ hex: "00" }); return false; } catch (e) {
        return e instanceof Error && typeof e.kind === "string"
          && txDecode({ hex: DATA.tx.hex }).txid === DATA.tx.txid;
      }
    }],
];

async function main() {
  await init();
  let passed = 0;
  for (const [name, check] of CHECKS) {
    let ok = false;
    try { ok = check() === true; } catch (e) { ok = false; }
    if (ok) passed += 1;
    const li = document.createElement("li");
    li.textContent = `${ok ? "✓" : "✗"} ${name}`;
    $("checks").appendChild(li);
  }
  const el = $("selfcheck");
  el.className = passed === CHECKS.length ? "ok" : "fail";
  el.textContent = `Self-check on real mainnet data: ${passed}/${CHECKS.length} checks passed`;

  $("decode-hex").value = DATA.tx.hex;
  $("decode-tx").onclick = () => run("decode-out", () => txDecode({ hex: $("decode-hex").value }));
  $("decode-block").onclick = () =>
    run("decode-out", () => blockDecode({ hex: $("decode-hex").value, verbosity: 1 }));
  $("key-new").onclick = () => run("key-out", () => keyNew({}));
  $("key-inspect").onclick = () => run("key-out", () => keyInspect({ wif: $("key-wif").value }));
  $("msg-text").value = DATA.login.message;
  $("msg-address").value = DATA.login.address;
  $("msg-signature").value = DATA.login.signature;
  $("msg-sign").onclick = () =>
    run("msg-out", () => messageSign({ wif: $("msg-wif").value, message: $("msg-text").value }));
  $("msg-verify").onclick = () => run("msg-out", () => messageVerify({
    address: $("msg-address").value, signature: $("msg-signature").value, message: $("msg-text").value,
  }));
}

main().catch((e) => {
  $("selfcheck").className = "fail";
  $("selfcheck").textContent = `flux-wasm did not load: ${e.message}`;
});
