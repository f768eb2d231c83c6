// Bytes per ID of the DUPLICATE_ID set at N IDs (in-process): prints one JSON line.
//   node bench/ids.mjs [N]
import { DuplicateIds } from "../dist/cli/duplicate-ids.js";

const n = Number(process.argv[2] ?? 1_000_000);
const ids = new DuplicateIds();
const start = performance.now();
for (let i = 0; i < n; i++)
  ids.firstSeen(
    `MENAFN${String((i % 28) + 1).padStart(2, "0")}112025${String(i).padStart(12, "0")}ID${String((i * 7919) % 1e10).padStart(10, "0")}`,
    `f${i >> 4}.txt`,
    18,
  );
const ms = performance.now() - start;
console.log(JSON.stringify({ ids: n, bytes: ids.bytes, perId: ids.bytes / n, nsPerId: (ms * 1e6) / n }));
