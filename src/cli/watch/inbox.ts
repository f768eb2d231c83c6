// The watched directory must stay the one watched: removed or renamed, the watch cannot go on (exit 2).
import { statSync } from "node:fs";

/** The directory's identity (device and inode), or "" when it is not a directory any more. */
function keyOf(inbox: string): string {
  try {
    const s = statSync(inbox);
    return s.isDirectory() ? `${s.dev}:${s.ino}` : "";
  } catch {
    return "";
  }
}

/** Look at `inbox` every half second and call `lost` once it is not the directory it was; returns the timer to clear. */
export function checkInbox(inbox: string, lost: () => void): NodeJS.Timeout {
  const key = keyOf(inbox);
  // Not unref'd: when chokidar loses its directory it closes its watches, and this timer is what
  // keeps the process alive until the loss is seen.
  return setInterval(() => {
    if (keyOf(inbox) !== key) lost();
  }, 500);
}
