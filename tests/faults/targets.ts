/**
 * The fault suite's tables of what the CLI writes (issue #24). Every writing flag of every
 * command is one row of WRITTEN; the fault files drive every row through every way to alias an
 * input (aliasing.fault.ts), every way a write can fail (write-failures.fault.ts) and every kind
 * of special file (special-files.fault.ts). A new flag that writes a path is covered by adding
 * its row here (and its row in src/cli/output/targets.ts, which the write guard checks).
 */

import { spawnSync } from "node:child_process";
import { BIN } from "./harness.js";

/** One path the CLI writes, as a flag of one command. */
export interface Written {
  /** `batch -o`, `watch --log` ... */
  name: string;
  command: "batch" | "watch";
  kind: "file" | "dir";
  /** The flag's arguments naming `path`. */
  flag: (path: string) => string[];
  /** How it is written: replaced by a rename, appended to, or a directory of outputs or moves. */
  mode: "replace" | "append" | "tree" | "moves" | "store";
  /** What its message calls it (`cannot write the output file ...`). */
  what: string;
  /** A flag still being added on another branch: the row runs once the build under test offers it. */
  needs?: string;
}

const help = new Map<string, string>();

/** Whether the build under test offers `flag` to `command` (its --help lists it). */
function offers(command: Written["command"], flag: string): boolean {
  let text = help.get(command);
  if (text === undefined) {
    const r = spawnSync(process.execPath, [BIN, ...(command === "watch" ? ["watch"] : []), "--help"], { encoding: "utf8" });
    text = `${r.stdout}${r.stderr}`;
    help.set(command, text);
  }
  return text.includes(`${flag} `);
}

export const WRITTEN: readonly Written[] = (
  [
    { name: "batch -o", command: "batch", kind: "file", flag: (p) => ["-o", p], mode: "replace", what: "the output file" },
    { name: "batch --errors", command: "batch", kind: "file", flag: (p) => ["--errors", p], mode: "append", what: "the --errors file" },
    { name: "batch --out-dir", command: "batch", kind: "dir", flag: (p) => ["--out-dir", p], mode: "tree", what: "the output directory" },
    { name: "watch --journal", command: "watch", kind: "file", flag: (p) => ["--journal", p], mode: "append", what: "the journal" },
    { name: "watch --errors", command: "watch", kind: "file", flag: (p) => ["--errors", p], mode: "append", what: "the --errors file" },
    { name: "watch --log", command: "watch", kind: "file", flag: (p) => ["--log", p], mode: "append", what: "the --log file" },
    { name: "watch --out-dir", command: "watch", kind: "dir", flag: (p) => ["--out-dir", p], mode: "tree", what: "the output directory" },
    { name: "watch --archive", command: "watch", kind: "dir", flag: (p) => ["--archive", p], mode: "moves", what: "the --archive directory" },
    { name: "watch --quarantine", command: "watch", kind: "dir", flag: (p) => ["--quarantine", p], mode: "moves", what: "the --quarantine directory" },
    { name: "batch --db", command: "batch", kind: "file", flag: (p) => ["--db", p], mode: "store", what: "the store", needs: "--db" },
    { name: "watch --db", command: "watch", kind: "file", flag: (p) => ["--db", p], mode: "store", what: "the store", needs: "--db" },
  ] as Written[]
).filter((w) => w.needs === undefined || offers(w.command, w.needs));

/** The rows of one command and kind. */
export const rows = (command: Written["command"], kind?: Written["kind"]): Written[] =>
  WRITTEN.filter((w) => w.command === command && (kind === undefined || w.kind === kind));

/** The arguments that start a watch that ends by itself: what is there, taken at once. */
export const WATCH = (inbox = "inbox"): string[] => ["watch", inbox, "--once", "--settle", "0"];

/** The streams a run writes besides its flags' files. */
export interface Stream {
  name: string;
  command: Written["command"];
  fd: 1 | 2;
}

export const STREAMS: readonly Stream[] = [
  { name: "batch standard output", command: "batch", fd: 1 },
  { name: "batch standard error", command: "batch", fd: 2 },
  { name: "watch standard output", command: "watch", fd: 1 },
  { name: "watch standard error", command: "watch", fd: 2 },
];
