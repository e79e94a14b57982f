#!/usr/bin/env node
'use strict';
// Differential driver for flux-tx fluxnode START transactions
// (flux-tx/tests/differential_fluxnode.rs), with @runonflux/flux-sdk.
// stdin: JSON array of cases; stdout: JSON array of results, one per case, same order.
//   case: {variant: "v5" | "v6" | "v6-p2sh" | "v6-add-delegates" | "v6-as-delegate",
//          collateralTxid, collateralVout, collateralWif, fluxnodeWif, timestamp,
//          compressedCollateral, compressedFluxnode,
//          redeemScript?       (v6-p2sh, and optionally the delegate variants),
//          delegatePublicKeys? (v6-add-delegates: 1..4 compressed keys, hex),
//          delegateWif?        (v6-as-delegate: the signing delegate key)}
//   result: {hex, sdkTxidStart}  (sdkTxidStart: flux-sdk's own txidStart helper)
// A failing case answers {error}.
const fluxsdk = require('@runonflux/flux-sdk');

const fn = fluxsdk.fluxnode;

function one(c) {
  const cc = c.compressedCollateral;
  const cf = c.compressedFluxnode;
  const rs = c.redeemScript || null;
  let hex;
  switch (c.variant) {
    case 'v5':
      hex = fn.startFluxNode(c.collateralTxid, c.collateralVout, c.collateralWif, c.fluxnodeWif, c.timestamp, cc, cf);
      break;
    case 'v6':
      hex = fn.startFluxNodev6(c.collateralTxid, c.collateralVout, c.collateralWif, c.fluxnodeWif, c.timestamp, cc, cf);
      break;
    case 'v6-p2sh':
      hex = fn.startFluxNodev6(c.collateralTxid, c.collateralVout, c.collateralWif, c.fluxnodeWif, c.timestamp, cc, cf, rs);
      break;
    case 'v6-add-delegates':
      hex = fn.startFluxNodeAddDelegate(c.collateralTxid, c.collateralVout, c.collateralWif, c.fluxnodeWif, c.timestamp,
        c.delegatePublicKeys, cc, cf, rs);
      break;
    case 'v6-as-delegate':
      hex = fn.startFluxNodeAsDelegate(c.collateralTxid, c.collateralVout, c.delegateWif, c.fluxnodeWif, c.timestamp,
        cc, cf, rs);
      break;
    default:
      throw new Error(`unknown variant ${c.variant}`);
  }
  return { hex, sdkTxidStart: fn.txidStart(hex) };
}

require('./lib/batch').runBatch(one);
