// The demo page: loads the web build of flux-wasm, runs a self-check on embedded real
// mainnet data, then wires the forms. Serve flux-wasm/ over http (see the README); the
// package is expected at ../pkg/web (./scripts/wasm.sh builds it there).
import init, {
  txDecode, blockDecode, headerDecode, chainUpgrade, chainSubsidy,
  keyNew, keyInspect, keyDerive, messageSign, messageVerify, zelidHeaderBuild, zelidHeaderVerify,
  blockVerify, equihashVerify, appFormat, appValidate, appPrice, txBuild,
} from "../pkg/web/index.js";
import { DATA } from "./data.js";

const $ = (id) => document.getElementById(id);
const show = (id, value) => { $(id).textContent = JSON.stringify(value, null, 2); };
/** Runs fn and shows its result, or the error's kind and message: the page never breaks. */
function run(id, fn) {
  try { show(id, fn()); } catch (e) { show(id, { error: { kind: e.kind, message: e.message } }); }
}

// BIP39's "abandon … about" phrase, and the v8 spec of FluxOS's own end-to-end test app
// (test-infra/runner/test-register-app.js), whose FluxOS answers flux-client's tests hold.
const ABANDON = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
const E2E_APP = {"version":8,"name":"e2eTestApp","description":"E2E test application for lifecycle testing","owner":"1L2cmJ69frZTg83izRNJsYwDWh5ZmdoUSx","compose":[{"name":"e2eTestApp","description":"nginx test container","repotag":"nginx:alpine","ports":[31111],"domains":[""],"environmentParameters":[],"commands":[],"containerPorts":[80],"containerData":"/tmp","cpu":0.1,"ram":100,"hdd":1,"repoauth":""}],"instances":3,"contacts":[],"geolocation":[],"expire":22000,"nodes":[],"staticip":false,"enterprise":""};

// `flux tx build --help`'s example (flux_tx::spec::TX_BUILD_EXAMPLE): the Trust Wallet
// mainnet transaction, one P2PKH coin signed with its WIF, one output; and the txid it builds.
const TX_SPEC = {
  network: "main",
  inputs: [{ txid: "15881187a82a966ce6cc08d91617bce279d476b850d8c689f02b4a1fab982d5e", vout: 0,
    amount: 144997740, wif: "L5BdCEV3YkcUdCeDLkV95tkuEANez1GU3BY8J2yqSLLfhyFGtRoh" }],
  outputs: [{ address: "t1UPSwfMYLe18ezbCqnR5QgdJGznzCUYHkj", amount: 144995480 }],
};
const TX_SPEC_TXID = "ac5e4683ca4859daea1e91302f43e76a12d60c3e5fa955a55ee8629260655ddf";

const CHECKS = [
  ["txBuild: flux tx build's example signs to its txid, and decodes back",
    () => {
      const built = txBuild(TX_SPEC);
      return built.complete && built.txid === TX_SPEC_TXID && txDecode({ hex: built.hex }).txid === TX_SPEC_TXID;
    }],
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
  ["keyDerive: BIP39 \"abandon … about\" at m/44'/19167'/0'/0/0",
    () => keyDerive({ mnemonic: ABANDON, path: "m/44'/19167'/0'/0/0" }).address
      === "t1LBwoQo5zp2NvwA2vm1Cgygnzgzra61jeo"],
  ["zelidHeaderBuild → zelidHeaderVerify: a fresh zelidauth header is valid now",
    () => {
      const k = keyNew({});
      const h = zelidHeaderBuild({ wif: k.wif });
      return h.zelid === k.zelid && zelidHeaderVerify({ header: h.header }).valid === true;
    }],
  ["equihashVerify: the solution of block 2,019,999",
    () => equihashVerify({ header: DATA.header.hex }).valid === true],
  ["blockVerify: the genesis block passes fluxd's checks",
    () => blockVerify({ hex: DATA.genesis.hex, height: 0 }).valid === true],
  ["appValidate / appPrice: FluxOS's e2e test app is valid and costs 0.06 FLUX a month",
    () => appValidate({ spec: E2E_APP, height: 2200000 }).valid === true
      && appPrice({ spec: E2E_APP, height: 2200000 }).per_month === "0.06"
      && appFormat({ spec: E2E_APP }).startsWith('{"version":8,"name":"e2eTestApp"')],
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
  $("key-derive").onclick = () => run("key-out",
    () => keyDerive({ mnemonic: $("key-mnemonic").value, path: $("key-path").value }));
  $("verify-block").onclick = () => run("decode-out", () => blockVerify({ hex: $("decode-hex").value }));
  $("zelid-header").onclick = () => run("zelid-out", () => zelidHeaderBuild({ wif: $("zelid-wif").value }));
  $("app-spec").value = JSON.stringify(E2E_APP, null, 2);
  const app = () => ({ spec: $("app-spec").value, height: Number($("app-height").value) });
  $("app-format").onclick = () => run("app-out", () => appFormat({ spec: $("app-spec").value }));
  $("app-validate").onclick = () => run("app-out", () => appValidate(app()));
  $("app-price").onclick = () => run("app-out", () => appPrice(app()));
  $("tx-spec").value = JSON.stringify(TX_SPEC, null, 2);
  // The pasted text goes to txBuild as JSON text, which it reads like `flux tx build`.
  $("tx-build").onclick = () => run("tx-out", () => {
    const built = txBuild(JSON.parse($("tx-spec").value));
    return { ...built, decoded: txDecode({ hex: built.hex }) };
  });
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
