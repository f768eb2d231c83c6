/**
 * ingest as a library, the way a user gets it: `npm pack`, install the tarball into a
 * clean temporary project, import it from an .mjs, type-check a .ts consumer with the
 * project's tsc, and parse the sample, getting what the library here gets.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "../src/index.js";
import { fixture, ROOT } from "./helpers.js";

const run = promisify(execFile);
const TSC = join(ROOT, "node_modules/typescript/bin/tsc");
const SAMPLE = fixture("000_ee22b7415f82c1d2.txt");
const tmp = mkdtempSync(join(tmpdir(), "ingest-package-"));
const app = join(tmp, "app");

// npm as a child of `npm test` must not think it is still running our package's script.
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_(package|lifecycle)_|^npm_config_local_prefix$/i.test(k)));
const npm = (args: string[], cwd: string): Promise<{ stdout: string; stderr: string }> => run("npm", args, { cwd, env, maxBuffer: 16 * 1024 * 1024 });

const CONSUMER_MJS = `
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse, articleSchema, toNinjs } from "menafn-ingest";
import { renderSummary } from "menafn-ingest/summary";
const require = createRequire(import.meta.url);
const pkg = require("menafn-ingest/package.json");
const schemaFile = require.resolve("menafn-ingest/schema/article.schema.json");
const result = parse(readFileSync("sample.txt"), { file: "sample.txt" });
const record = result.records[0];
console.log(JSON.stringify({
  name: pkg.name,
  schemaFile: schemaFile.endsWith("article.schema.json"),
  records: result.records,
  codes: result.diagnostics.map((d) => d.code),
  valid: articleSchema.safeParse(record).success,
  uri: toNinjs(record, "3.1").uri,
  summary: renderSummary(record, { color: false }).split("\\n")[0],
}));
`;

const CONSUMER_TS = `
import { parse, articleSchema, type Article, type ParseResult, type Diagnostic, type PartLines, type ArgsOf } from "menafn-ingest";
import { renderSummary, type SummaryOptions } from "menafn-ingest/summary";
const bytes: Uint8Array = new TextEncoder().encode("Headline\\n\\n(MENAFN) Body.\\n");
const result: ParseResult = parse(bytes, { file: "x.txt", strict: false });
const first: Article | undefined = result.records[0];
const headline: string = first?.headline ?? "";
const codes: Diagnostic["code"][] = result.diagnostics.map((d) => d.code);
const parsed = articleSchema.parse(first);
const words: number = parsed.wordCount;
// @ts-expect-error the options are typed: strict is a boolean
parse("text", { strict: "yes" });
// @ts-expect-error the input is text or bytes, nothing else
parse(42);
const idLines: number[] | undefined = result.articles[0]?.lines.id;
const lines: PartLines | undefined = result.articles[0]?.lines;
const firstSeen: ArgsOf<"DUPLICATE_ID">["first"] = "a.txt:3";
const options: SummaryOptions = { color: false };
const summary: string = first ? renderSummary(first, options) : "";
export { headline, codes, words, idLines, lines, firstSeen, summary };
`;

// No @types/node in the clean project: DOM's lib supplies URL and TextEncoder (zod's types need URL).
// skipLibCheck is off so that the shipped declarations themselves are checked too.
const TSCONFIG = {
  compilerOptions: {
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2022", "DOM"],
    types: [],
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: false,
  },
  files: ["consumer.ts"],
};

beforeAll(async () => {
  // dist is already built (npm test builds first); rebuilding it here would race the CLI tests.
  const packed = await npm(["pack", "--ignore-scripts", "--json", "--pack-destination", tmp], ROOT);
  const [info] = JSON.parse(packed.stdout) as Array<{ filename: string }>;
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
  await npm(["install", "--prefer-offline", "--no-audit", "--no-fund", join(tmp, info!.filename)], app);
  copyFileSync(SAMPLE, join(app, "sample.txt"));
  writeFileSync(join(app, "use.mjs"), CONSUMER_MJS);
  writeFileSync(join(app, "consumer.ts"), CONSUMER_TS);
  writeFileSync(join(app, "tsconfig.json"), JSON.stringify(TSCONFIG));
}, 60_000);

describe("the packed package in a clean project", () => {
  it("imports from an .mjs and parses the sample exactly as the library does here", async () => {
    const { stdout } = await run(process.execPath, ["use.mjs"], { cwd: app });
    const here = parse(readFileSync(SAMPLE), { file: "sample.txt" });
    expect(JSON.parse(stdout)).toEqual({
      name: "menafn-ingest",
      schemaFile: true,
      records: JSON.parse(JSON.stringify(here.records)),
      codes: ["TIMESTAMP_ID_DATE_MISMATCH"],
      valid: true,
      uri: "https://menafn.com/1110406018",
      summary: "Putin proposes arming CSTO forces with Russian weapons",
    });
  });

  it("type-checks a TypeScript consumer against the shipped declarations", async () => {
    const r = await run(process.execPath, [TSC, "-p", "tsconfig.json"], { cwd: app }).catch((e: { stdout: string }) => e);
    expect(r.stdout).toBe("");
  }, 30_000);

  it("puts ingest on the PATH of npm scripts and npx, as `ingest`", async () => {
    const { stdout } = await run("sh", ["-c", "ingest --version"], { cwd: app, env: { ...env, PATH: `${join(app, "node_modules/.bin")}:${env.PATH ?? ""}` } });
    expect(stdout).toBe("ingest 0.1.0\n");
  });

  it("installs the ingest bin, which runs", async () => {
    const { stdout } = await run(join(app, "node_modules/.bin/ingest"), ["sample.txt"], { cwd: app });
    expect(JSON.parse(stdout)).toMatchObject({ headline: "Putin proposes arming CSTO forces with Russian weapons" });
  });

  it("ships only what users need", async () => {
    const pkg = JSON.parse(readFileSync(join(app, "node_modules/menafn-ingest/package.json"), "utf8")) as { files: string[] };
    expect(pkg.files).toEqual(["dist", "bin", "schema", "man", "docs", "README.md", "LICENSE"]);
    const { stdout } = await npm(["pack", "--dry-run", "--ignore-scripts", "--json"], ROOT);
    const [dry] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
    const paths = (dry?.files ?? []).map((f) => f.path);
    expect(paths).toContain("schema/ninjs/LICENSE-code-MIT.txt");
    expect(paths).toContain("dist/index.d.ts");
    expect(paths).toContain("LICENSE");
    // The man page (npm links it into man1 on a global install) and the config file's JSON Schema.
    expect(paths).toContain("man/ingest.1");
    expect(paths).toContain("schema/ingest.config.schema.json");
    // The manual the README links to (docs/usage.md and the rest), so the links work from the tarball.
    expect(paths).toContain("docs/README.md");
    expect(paths).toContain("docs/usage.md");
    expect(paths.filter((p) => /^(src|tests|fixtures)\//.test(p))).toEqual([]);
  });
});
