#!/usr/bin/env node
'use strict';
// Differential driver for flux-primitives keys and BIP32 (tests/differential_keys.rs).
// stdin: JSON array of cases; stdout: JSON array of results, one per case, same order.
//   {kind: "wif",   network, privateKeyHex, compressed} -> wif, publicKey, hash160, address, reparsed
//   {kind: "bip32", network, seedHex, path}            -> xprv, xpub, wif, publicKey, hash160, address
//   {kind: "xpub",  network, xpub, path}               -> xpub, publicKey, hash160, address
// network is a utxo-lib network name (flux, fluxtestnet). A failing case answers {error}.
const utxolib = require('@runonflux/utxo-lib');
const bigi = require('bigi');

function keyFields(pair, network) {
  const pub = pair.getPublicKeyBuffer();
  const h = utxolib.crypto.hash160(pub);
  return {
    publicKey: pub.toString('hex'),
    hash160: h.toString('hex'),
    address: utxolib.address.toBase58Check(h, network.pubKeyHash),
  };
}

function one(c) {
  const network = utxolib.networks[c.network];
  if (!network) throw new Error('no utxo-lib network ' + c.network);
  if (c.kind === 'wif') {
    const d = bigi.fromBuffer(Buffer.from(c.privateKeyHex, 'hex'));
    const pair = new utxolib.ECPair(d, null, { network, compressed: c.compressed });
    const wif = pair.toWIF();
    const back = utxolib.ECPair.fromWIF(wif, network);
    return {
      wif,
      ...keyFields(pair, network),
      reparsedCompressed: back.compressed,
      reparsedPrivateKeyHex: back.d.toBuffer(32).toString('hex'),
    };
  }
  if (c.kind === 'bip32') {
    const master = utxolib.HDNode.fromSeedHex(c.seedHex, network);
    // utxo-lib refuses the bare path "m" (the master itself)
    const node = c.path === 'm' ? master : master.derivePath(c.path);
    return {
      xprv: node.toBase58(),
      xpub: node.neutered().toBase58(),
      wif: node.keyPair.toWIF(),
      ...keyFields(node.keyPair, network),
    };
  }
  if (c.kind === 'xpub') {
    const node = utxolib.HDNode.fromBase58(c.xpub, network).derivePath(c.path);
    return { xpub: node.toBase58(), ...keyFields(node.keyPair, network) };
  }
  throw new Error('unknown kind ' + c.kind);
}

require('./lib/batch').runBatch(one);
