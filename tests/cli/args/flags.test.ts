/**
 * The flag table (src/cli/args/flags.ts) is the one place a flag is declared: commander's options,
 * the config file's keys, the completion kinds and the docs' tables all come from it.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { mkdtempSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { PassThrough } from "node:stream";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../../src/cli/args/config.js";
import { flagTable, markers, withFlagTable } from "../../../src/cli/args/flag-docs.js";
import { addFlags, FLAGS, flagsOf, type CommandName } from "../../../src/cli/args/flags.js";
import { completionScript } from "../../../src/cli/args/completion.js";
import { main } from "../../../src/cli/main.js";
import { fixture, ROOT } from "../../helpers.js";

const COMMANDS: CommandName[] = ["convert", "watch", "validate", "search"];
const docs = (): Array<[string, string]> =>
  [
    "README.md",
    ...(existsSync(join(ROOT, "docs"))
      ? readdirSync(join(ROOT, "docs"))
          .filter((n) => n.endsWith(".md"))
          .map((n) => `docs/${n}`)
      : []),
  ].map((f) => [f, readFileSync(join(ROOT, f), "utf8")]);

describe("the flag table", () => {
  it("gives commander every flag of each command, and no other", () => {
    for (const command of COMMANDS) {
      const longs = addFlags(new Command(), command).options.map((o) => o.long);
      const expected = flagsOf(command).flatMap(([, f]) => [f.long, ...(f.negation ? [`--no-${f.long.slice(2)}`] : []), ...(f.oldName ? [f.oldName] : [])]);
      expect(longs).toEqual(expected);
    }
  });

  it("gives no flag two meanings: --max-bytes streams a batch's large inputs, watch refuses them by --max-input-bytes", () => {
    expect(FLAGS.maxBytes.commands).not.toContain("watch");
    expect(FLAGS.maxInputBytes.commands).toEqual(["watch"]);
    const names = Object.values(FLAGS).flatMap((f) => [f.long, ...("short" in f ? [f.short] : [])]);
    expect(new Set(names).size).toBe(names.length);
  });

  it("makes the config file's keys from the flags that have a config kind", () => {
    const keys = Object.keys((configSchema as unknown as { def: { shape: object } }).def.shape);
    const configurable = Object.entries(FLAGS).flatMap(([k, f]) => ("config" in f ? [k] : []));
    expect(keys).toEqual(["$schema", ...configurable, "codes"]);
    expect(configurable).toContain("maxBytes");
    expect(configurable).not.toContain("output");
  });

  it("completes a value as the table says: directories for --out-dir and --archive, files for --errors", () => {
    const program = addFlags(new Command("ingest"), "convert");
    addFlags(program.command("watch"), "watch");
    const bash = completionScript("bash", program);
    expect(bash).toContain('--out-dir) COMPREPLY=($(compgen -d -- "$cur"))');
    expect(bash).toContain('--archive) COMPREPLY=($(compgen -d -- "$cur"))');
    expect(bash).toContain('--errors) COMPREPLY=($(compgen -f -- "$cur"))');
    expect(bash).toContain("--jobs) return ;;");
  });

  it("has each command's table in the docs once, between its markers, and up to date (npm run docs:flags writes them)", () => {
    for (const command of ["convert", "watch", "search"] as const) {
      const holding = docs().filter(([, text]) => text.includes(markers(command)[0]));
      expect(holding.map(([f]) => f)).toHaveLength(1);
      const [file, text] = holding[0]!;
      expect([file, withFlagTable(text, command)]).toEqual([file, text]);
    }
  });

  it("writes a row per flag, with its value's name or choices", () => {
    const table = flagTable("watch").split("\n");
    expect(table).toHaveLength(2 + flagsOf("watch").length);
    expect(table).toContain("| `--settle MS` | how long a file's size and mtime must stay the same before it is taken (default 2000; 0: at once) |");
    expect(flagTable("convert")).toContain("| `-f, --format json\\|summary\\|ninjs\\|text` |");
  });

  it("takes --max-input-bytes in a watch, where --max-bytes is no option", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ingest-flags-"));
    copyFileSync(fixture("000_ee22b7415f82c1d2.txt"), join(dir, "a.txt"));
    const run = async (...args: string[]) => {
      let err = "";
      const stderr = new PassThrough().on("data", (c: Buffer) => (err += c.toString()));
      const io = { stdin: new PassThrough(), stdout: new PassThrough().resume(), stderr, env: {}, cwd: ROOT };
      return { code: await main(["watch", dir, "--once", "--settle", "0", ...args], io), err };
    };
    expect(await run("--max-bytes", "100")).toMatchObject({ code: 2, err: expect.stringContaining("unknown option '--max-bytes'") });
    const refused = await run("--max-input-bytes", "100");
    expect(refused.err).toContain("INPUT_TOO_LARGE the input is 2327 bytes, over the limit of 100 bytes (--max-input-bytes)");
  });
});
