'use strict';
// The protocol every differential driver speaks: a JSON array of cases on stdin, a JSON array
// of results on stdout, one per case and in the same order. A case that throws answers
// {error: message} so that one bad case does not hide the others.
const fs = require('fs');

function runBatch(one) {
  const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
  const results = cases.map((c) => {
    try {
      return one(c);
    } catch (e) {
      return { error: String(e && e.message ? e.message : e) };
    }
  });
  process.stdout.write(JSON.stringify(results));
}

module.exports = { runBatch };
