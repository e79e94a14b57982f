// The demo page (flux-wasm/www) in headless Chromium (Debian's /usr/bin/chromium driven by
// puppeteer-core from flux-wasm/tools): the self-check passes on the embedded real data, and
// one interaction (decode the pasted transaction) shows fluxd's JSON.
//
// Run by scripts/wasm-test.sh after scripts/wasm.sh built flux-wasm/pkg.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const http = require("node:http");
const os = require("node:os");
const path = require("node:path");

const DIR = path.resolve(__dirname, "../.."); // flux-wasm/: serves www/ and pkg/
const puppeteer = require(path.join(DIR, "tools/node_modules/puppeteer-core"));
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".json": "application/json" };

/** A static file server for flux-wasm/ on a free loopback port. */
function serve() {
  const server = http.createServer((req, res) => {
    const rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const file = path.join(DIR, path.normalize(rel));
    if (!file.startsWith(DIR) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[path.extname(file)] || "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

test("the demo page's self-check passes and decoding a pasted transaction works", async () => {
  const server = await serve();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "flux-wasm-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    userDataDir: profile,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const { port } = server.address();
    await page.goto(`http://127.0.0.1:${port}/www/index.html`, { waitUntil: "load" });
    await page.waitForFunction(
      () => /checks passed$|did not load/.test(document.getElementById("selfcheck").textContent),
      { timeout: 30000 });
    const text = await page.$eval("#selfcheck", (el) => el.textContent);
    const m = text.match(/(\d+)\/(\d+) checks passed$/);
    assert.ok(m, text);
    assert.equal(m[1], m[2], text);
    assert.ok(Number(m[2]) >= 15, text);

    await page.click("#decode-tx");
    const out = JSON.parse(await page.$eval("#decode-out", (el) => el.textContent));
    assert.equal(out.txid, "625c91358d9add9cbdaf2e8df9633e31d6dec0095121e4483b7d783fb0d8d828");

    // Bad input in the same form: an error with a kind is shown, and the next call works.
    await page.$eval("#decode-hex", (el) => { el.value = "zz"; });
    await page.click("#decode-tx");
    const bad = JSON.parse(await page.$eval("#decode-out", (el) => el.textContent));
    assert.equal(bad.error.kind, "invalid_input");
    await page.click("#key-new");
    const key = JSON.parse(await page.$eval("#key-out", (el) => el.textContent));
    assert.match(key.address, /^t1/);
    // Restore a wallet from its mnemonic (the wasm NFKD-normalizes through the browser).
    await page.$eval("#key-mnemonic", (el) => {
      el.value = "abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon abandon about";
    });
    await page.click("#key-derive");
    const derived = JSON.parse(await page.$eval("#key-out", (el) => el.textContent));
    assert.equal(derived.address, "t1LBwoQo5zp2NvwA2vm1Cgygnzgzra61jeo");
    await page.click("#app-price");
    const price = JSON.parse(await page.$eval("#app-out", (el) => el.textContent));
    assert.equal(price.per_month, "0.06");
    // Build and sign from the prefilled UTXO, then from an edited one (a fee that does not
    // balance: the builder's error is shown, and the page keeps working).
    await page.click("#tx-build");
    const built = JSON.parse(await page.$eval("#tx-out", (el) => el.textContent));
    assert.equal(built.txid, "ac5e4683ca4859daea1e91302f43e76a12d60c3e5fa955a55ee8629260655ddf");
    assert.equal(built.complete, true);
    assert.equal(built.decoded.txid, built.txid);
    await page.$eval("#tx-spec", (el) => { el.value = el.value.replace("144995480", "144999999"); });
    await page.click("#tx-build");
    const refused = JSON.parse(await page.$eval("#tx-out", (el) => el.textContent));
    assert.equal(typeof refused.error.kind, "string");
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});
