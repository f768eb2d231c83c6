// Writes a feed dump of at least BYTES to stdout, generated on the fly from the UTF-8 article
// fixtures (each copy with its own ID), for the streaming check: `ingest -` must parse it with
// bounded memory whatever its size.
//   node bench/gen-dump.mjs BYTES | ingest - > /dev/null
import { makeDump } from "./corpus.mjs";

const total = Number(process.argv[2] ?? 2 ** 31);
// One block of about 8 MB, varied again for each copy by renumbering its articles.
const block = makeDump(8 * 1024 * 1024).toString("utf8");
const ID = /(MENAFN\d{20}ID)(\d{10})/g;
let written = 0;
let copy = 0;

function more() {
  while (written < total) {
    const n = copy++;
    const text = block.replace(ID, (_, head, num) => head + String((Number(num) + n * 1_000_003) % 1e10).padStart(10, "0"));
    const bytes = Buffer.from(text);
    written += bytes.length;
    if (!process.stdout.write(bytes)) return void process.stdout.once("drain", more);
  }
}
process.stdout.on("error", () => process.exit(0));
more();
