'use strict';
// How every JavaScript anchor of the Rust benchmarks is timed: one untimed warm-up batch (V8
// compiles the hot paths), then `batches` timed batches of `perBatch` calls, and the median
// batch's time per call. A median of several batches is what the criterion side reports too,
// and it is not moved by one batch that a garbage collection or another process slowed.

// Milliseconds per call of `f` (the median batch); `out` is the last call's result.
function medianMsPerCall(f, perBatch = 1, batches = 7) {
  let out;
  for (let i = 0; i < perBatch; i++) out = f();
  const ms = [];
  for (let b = 0; b < batches; b++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) out = f();
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6 / perBatch);
  }
  ms.sort((a, c) => a - c);
  const mid = ms.length >> 1;
  return { ms: ms.length % 2 ? ms[mid] : (ms[mid - 1] + ms[mid]) / 2, out };
}

module.exports = { medianMsPerCall };
