/**
 * Which paths under the watched directory are inputs of `ingest watch`, and
 * the sweep of temporary files a killed watch left.
 */
import { type Dirent, readdirSync, type Stats, unlinkSync } from "node:fs";
import { extname, join } from "node:path";
import { globMatchers } from "../inputs/globs.js";
import { inside } from "../paths.js";
import { relSlash } from "./durable.js";

/** Names writers use while a file is not finished: never inputs. */
const TEMP_NAME = /(^\.|\.tmp$|\.part$|~$)/;

/** Whether any segment of a relative path is a temporary (or hidden) name. */
export const isTemp = (rel: string): boolean => rel.split("/").some((segment) => TEMP_NAME.test(segment));

/** What is an input: for the catch-up walk and chokidar's events (`candidate`), and what chokidar need not watch (`ignored`). */
export interface InputFilter {
  candidate: (rel: string) => boolean;
  /** A file that would be a candidate but for --glob: watch notes it once (a name only, no read). */
  passed: (rel: string) => boolean;
  /** The --glob patterns, as the note shows them. */
  shown: string;
  ignored: (path: string, stats?: Stats) => boolean;
}

/** The filter for `inbox`: --glob and --exclude as a batch reads them, temporary names, and the watch's own directories (`own`) never inputs. */
export async function inputFilter(inbox: string, glob: string[], excludes: string[], own: string[]): Promise<InputFilter> {
  const { include, exclude, shown } = await globMatchers({ glob, exclude: excludes });
  const mine = (path: string): boolean => own.some((d) => inside(path, d));
  const open = (rel: string): boolean => rel !== "" && !rel.startsWith("..") && !isTemp(rel) && !exclude(rel) && !mine(join(inbox, rel));
  return {
    candidate: (rel) => open(rel) && include(rel),
    passed: (rel) => open(rel) && !include(rel),
    shown,
    // Files outside --glob are still watched, so that one dropped into the inbox is noted.
    ignored: (path) => {
      const rel = relSlash(inbox, path);
      if (rel === "" || rel.startsWith("..")) return false;
      return isTemp(rel) || exclude(rel) || mine(path);
    },
  };
}

/** What a name's extension says a file is, for the kinds the sniffer (sniff.ts) refuses by their bytes. */
const KINDS: Record<string, string> = {
  ".pdf": "a PDF document",
  ".html": "an HTML page",
  ".htm": "an HTML page",
  ".docx": "an Office document",
  ".doc": "an Office document",
  ".xlsx": "an Office document",
  ".odt": "an Office document",
  ".epub": "an EPUB book",
  ".zip": "a ZIP archive",
  ".gz": "a gzip file",
  ".bz2": "a bzip2 file",
  ".png": "an image",
  ".jpg": "an image",
  ".jpeg": "an image",
  ".gif": "an image",
  ".webp": "an image",
};

/** The one-line note for a file --glob passes over: its name, the patterns, and what its name says it is. */
export function passedOverNote(display: string, shown: string): string {
  const kind = KINDS[extname(display).toLowerCase()];
  const what = kind === undefined ? "" : ` (by its name, ${kind})`;
  return `ingest: note: passed over ${display}${what}: it does not match --glob '${shown}' (to ingest such files, name a pattern with --glob)\n`;
}

/** Temporary files writeAtomic leaves beside a target (the --quarantine's .errors.json) when killed: `.<name>.ingest-<pid>-<n>.tmp`. */
const OUR_TEMP = /^\..+\.ingest-(\d+)-\d+\.tmp$/;

function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Remove the temporary files of processes that are gone (a killed watch) under `dir`. */
export function sweepTemps(dir: string): void {
  let names: Dirent[];
  try {
    names = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of names) {
    if (e.isDirectory()) sweepTemps(join(dir, e.name));
    else {
      const m = OUR_TEMP.exec(e.name);
      if (m && !alive(Number(m[1]))) unlinkSync(join(dir, e.name));
    }
  }
}
