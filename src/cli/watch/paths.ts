/**
 * Which paths under the watched directory are inputs of `ingest watch`, and
 * the sweep of temporary files a killed watch left.
 */
import { type Dirent, readdirSync, type Stats, unlinkSync } from "node:fs";
import { join } from "node:path";
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
  ignored: (path: string, stats?: Stats) => boolean;
}

/** The filter for `inbox`: --glob and --exclude as a batch reads them, temporary names, and the watch's own directories (`own`) never inputs. */
export async function inputFilter(inbox: string, glob: string[], excludes: string[], own: string[]): Promise<InputFilter> {
  const { include, exclude } = await globMatchers({ glob, exclude: excludes });
  const mine = (path: string): boolean => own.some((d) => inside(path, d));
  return {
    candidate: (rel) => rel !== "" && !rel.startsWith("..") && !isTemp(rel) && include(rel) && !exclude(rel) && !mine(join(inbox, rel)),
    // Files outside --glob are left alone when chokidar knows they are files: it holds a watch per file.
    ignored: (path, stats) => {
      const rel = relSlash(inbox, path);
      if (rel === "" || rel.startsWith("..")) return false;
      return isTemp(rel) || exclude(rel) || mine(path) || (stats?.isFile() === true && !include(rel));
    },
  };
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
