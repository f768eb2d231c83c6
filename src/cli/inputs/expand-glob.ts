// A glob argument (feeds/**/*.txt): fast-glob's matches, sorted, with the output directory left out.
import { realpathSync } from "node:fs";
import { dirname, relative, resolve, sep } from "node:path";
import { error } from "../../diagnostics.js";
import { inside } from "../paths.js";
import { reportsDirectory } from "./globs.js";
import type { ExpandOptions, InputEntry } from "./types.js";
import { type FileType, followLink, kindOf, loadFastGlob, problem, type Walk } from "./walk.js";

/** Real paths of the directories of glob matches, one look-up per directory and run. */
const realDirsOf = new WeakMap<ExpandOptions, Map<string, string | null>>();

/** Whether a glob match lies in the output directory, by its spelling or its real path. */
function inOutDir(path: string, o: ExpandOptions): boolean {
  if (o.outDir != null && inside(path, o.outDir)) return true;
  if (o.realOutDir == null) return false;
  const dir = dirname(path);
  let realDirs = realDirsOf.get(o);
  if (realDirs === undefined) realDirsOf.set(o, (realDirs = new Map()));
  let real = realDirs.get(dir);
  if (real === undefined) {
    try {
      real = realpathSync(dir);
    } catch {
      real = null;
    }
    realDirs.set(dir, real);
  }
  return real !== null && inside(real, o.realOutDir);
}

/** A glob argument: fast-glob lists its matches, which are sorted and then streamed. */
export async function* expandGlob(pattern: string, w: Walk): AsyncGenerator<InputEntry> {
  const [fg, picomatch, reportDir] = await Promise.all([loadFastGlob(), import("picomatch").then((m) => m.default), reportsDirectory(pattern)]);
  const base = resolve(w.o.cwd, picomatch.scan(pattern).base);
  const found = await fg(pattern, {
    cwd: w.o.cwd,
    dot: w.o.hidden,
    onlyFiles: false,
    followSymbolicLinks: false,
    objectMode: true,
    suppressErrors: true,
  });
  const paths = found.map((e) => e.path).sort();
  const types = new Map(found.map((e) => [e.path, e.dirent]));
  let matched = 0;
  for (const display of paths) {
    const path = resolve(w.o.cwd, display);
    const rel = relative(base, path).split(sep).join("/");
    if (inOutDir(path, w.o) || w.exclude(rel)) continue;
    let info: FileType | undefined = types.get(display);
    if (info?.isSymbolicLink()) {
      const target = await followLink(path, w);
      if (target === null) continue;
      if ("diagnostic" in target) {
        matched++;
        yield problem(display, target.diagnostic, false, rel);
        continue;
      }
      info = target;
    }
    // A directory the pattern picks for what is inside it (feeds/**) is no input.
    if (info?.isDirectory() && !reportDir(display)) continue;
    matched++;
    if (info === undefined || info.isFile()) yield { kind: "file", path, display, root: base, named: false };
    else yield problem(display, error("NOT_A_FILE", null, { kind: kindOf(info) }), false, rel);
  }
  if (matched === 0) yield problem(pattern, error("NO_MATCH", null, { pattern }), true);
}
