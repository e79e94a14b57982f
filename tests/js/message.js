#!/usr/bin/env node
'use strict';
// Differential driver for flux-zelid message signatures: @runonflux/bitcoinjs-message.
// stdin: JSON array of cases; stdout: JSON array of results, one per case.
//   {op:"sign", privateKeyHex, compressed, magic:"bitcoin"|"zelcash", message | messageHex}
//     -> {signature (base64), digest (hex)}
//   {op:"verify", address, pubKeyHash (hex version prefix, "00" or "1cb8"...), signature (base64),
//    magic, message | messageHex} -> {valid: bool}   (a thrown error counts as not valid)
const bitcoinMessage = require('@runonflux/bitcoinjs-message');

const MAGIC = {
  bitcoin: '\u0018Bitcoin Signed Message:\n',
  zelcash: '\u0018Zelcash Signed Message:\n',
};

function messageOf(c) {
  return c.messageHex !== undefined ? Buffer.from(c.messageHex, 'hex') : c.message;
}

function one(c) {
  const magic = MAGIC[c.magic];
  if (!magic) throw new Error(`unknown magic ${c.magic}`);
  const message = messageOf(c);
  if (c.op === 'sign') {
    const key = Buffer.from(c.privateKeyHex, 'hex');
    const sig = bitcoinMessage.sign(message, key, !!c.compressed, magic);
    return {
      signature: sig.toString('base64'),
      digest: bitcoinMessage.magicHash(message, magic).toString('hex'),
    };
  }
  if (c.op === 'verify') {
    let valid;
    try {
      valid = bitcoinMessage.verify(message, c.address, c.signature, magic, false, c.pubKeyHash || '00');
    } catch (e) {
      valid = false;
    }
    return { valid: !!valid };
  }
  throw new Error(`unknown op ${c.op}`);
}

require('./lib/batch').runBatch(one);
