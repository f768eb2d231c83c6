// Writes the docs' flag tables from the flag table (src/cli/args/flags.ts): each between its
// `<!-- flags:COMMAND -->` markers in README.md or docs/*.md. Run after `npm run build`.
import { readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { withFlagTable } from "../dist/cli/args/flag-docs.js";

const root = new URL("../", import.meta.url);
const files = [
  "README.md",
  ...(existsSync(new URL("docs/", root))
    ? readdirSync(new URL("docs/", root))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `docs/${f}`)
    : []),
];
for (const file of files) {
  let text = readFileSync(new URL(file, root), "utf8");
  const before = text;
  for (const command of ["convert", "watch", "validate", "search"]) text = withFlagTable(text, command) ?? text;
  if (text !== before) {
    writeFileSync(new URL(file, root), text);
    console.log(`${file}: flag tables written`);
  }
}
