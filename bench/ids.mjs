// Bytes per ID of the DUPLICATE_ID set at N IDs (in-process), and the most bytes per ID it held at
// any count from 10,000 (or N, when smaller) up to N: prints one JSON line.
//   node bench/ids.mjs [N]
import { DuplicateIds } from "../dist/cli/convert/duplicate-ids.js";

const n = Number(process.argv[2] ?? 1_000_000);
const from = Math.min(10_000, n);
const ids = new DuplicateIds();
let worst = 0;
let worstAt = 0;
const start = performance.now();
for (let i = 0; i < n; i++) {
  ids.firstSeen(
    `MENAFN${String((i % 28) + 1).padStart(2, "0")}112025${String(i).padStart(12, "0")}ID${String((i * 7919) % 1e10).padStart(10, "0")}`,
    `f${i >> 4}.txt`,
    18,
  );
  // The table grows only on an insert: its bytes per ID are highest just after one.
  if (i + 1 >= from && ids.bytes / (i + 1) > worst) {
    worst = ids.bytes / (i + 1);
    worstAt = i + 1;
  }
}
const ms = performance.now() - start;
console.log(
  JSON.stringify({ ids: n, bytes: ids.bytes, perId: ids.bytes / n, worstPerId: worst, worstAt, inputBytes: ids.inputBytes, nsPerId: (ms * 1e6) / n }),
);
