/**
 * The fault suite's ledger: every scenario appends one JSON line (name, held, records lost,
 * inputs changed) to a file named in FAULTS_LEDGER; at the end the totals are printed as a table
 * and kept in faults-report.json (for the CI log and the closing note).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface LedgerLine {
  file: string;
  name: string;
  held: boolean;
  recordsLost: number;
  inputsChanged: number;
}

let dir = "";
let started = 0;

export function setup(): void {
  dir = mkdtempSync(join(tmpdir(), "ingest-faults-ledger-"));
  process.env.FAULTS_LEDGER = join(dir, "ledger.jsonl");
  // Every scenario's directories go under this one, removed at the end (hundreds of MB a run).
  process.env.FAULTS_TMP = dir;
  writeFileSync(process.env.FAULTS_LEDGER, "");
  started = Date.now();
}

export function teardown(): void {
  const path = process.env.FAULTS_LEDGER;
  if (!path) return;
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as LedgerLine);
  const byFile = new Map<string, LedgerLine[]>();
  for (const l of lines) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l]);
  const row = (name: string, ls: LedgerLine[]): string =>
    `| ${name.padEnd(22)} | ${String(ls.length).padStart(5)} | ${String(ls.filter((l) => l.held).length).padStart(4)} | ${String(ls.reduce((n, l) => n + l.recordsLost, 0)).padStart(12)} | ${String(ls.reduce((n, l) => n + l.inputsChanged, 0)).padStart(14)} |`;
  const table = [
    "| fault suite            | tried | held | records lost | inputs changed |",
    "|------------------------|------:|-----:|-------------:|---------------:|",
    ...[...byFile].map(([file, ls]) => row(file, ls)),
    row("total", lines),
  ].join("\n");
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  process.stdout.write(`\n${table}\n(fault suite: ${seconds} s)\n`);
  writeFileSync(join(process.cwd(), "faults-report.json"), `${JSON.stringify({ seconds: Number(seconds), scenarios: lines }, null, 1)}\n`);
  rmSync(dir, { recursive: true, force: true });
}
