import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fixture } from "./helpers.js";

const seed = readFileSync(fixture("000_ee22b7415f82c1d2.txt"), "utf8");

/** A good one-article input with its own ID and headline. */
export function article(n: number): string {
  return seed
    .replace("Putin proposes arming CSTO forces", `Story ${n} proposes arming CSTO forces`)
    .replace("ID1110406018", `ID${String(n).padStart(10, "0")}`);
}

/** A fresh temporary directory. */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), "ingest-batch-"));

/** Write files (relative path → content) under `root`, creating directories. */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [rel, content] of Object.entries(files)) {
    const path = join(root, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
}

/**
 * The mixed tree most batch tests run on: good files (one with two articles),
 * a repeated ID, and one bad file of each kind that can be made as root.
 */
export function mixedTree(): string {
  const root = tempDir();
  writeTree(root, {
    "feeds/2025/11/a.txt": article(1),
    "feeds/2025/11/b.txt": article(2),
    "feeds/2025/12/multi.txt": `${article(3)}\n\n${article(4)}`,
    "feeds/dup.txt": article(1),
    "feeds/empty.txt": "",
    "feeds/binary.txt": new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 0]),
    "feeds/notes.md": article(5),
    "feeds/x.txt/inner.txt": article(6),
    "feeds/.hidden/h.txt": article(7),
    "other/one.txt": article(8),
  });
  symlinkSync("2025/11/b.txt", join(root, "feeds/link.txt"));
  symlinkSync("nowhere.txt", join(root, "feeds/dangling.txt"));
  symlinkSync(".", join(root, "feeds/loop"));
  return root;
}

/** Every file under `dir`, relative, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const visit = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) visit(p);
      else out.push(relative(dir, p));
    }
  };
  visit(dir);
  return out.sort();
}

/** The summary line: the last line of stderr. */
export const summaryLine = (stderr: string): string => [...stderr.split("\n")].reverse().find((l) => /^(?:interrupted after )?\d+ files? \(/.test(l)) ?? "";

/** mulberry32: a small seeded generator of numbers in [0, 1), so a failing randomised run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
