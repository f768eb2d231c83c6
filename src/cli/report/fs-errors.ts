/** Short, stable reasons for failed file-system calls, shared by the walker, the reader and the writer. */

/** The reason a symbolic link cannot be followed. */
export const brokenLink = (err: unknown): string =>
  (err as NodeJS.ErrnoException).code === "ENOENT" ? "a symbolic link to nothing (its target does not exist)" : describeError(err);

/** A short reason for a failed file-system call. */
export function describeError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    ENOENT: "no such file",
    EACCES: "permission denied",
    EPERM: "permission denied",
    EISDIR: "it is a directory",
    ELOOP: "too many symbolic links (a loop?)",
    ENOSPC: "no space left on device",
    EDQUOT: "disk quota exceeded",
    EFBIG: "file too large",
    EIO: "input/output error",
    EROFS: "read-only file system",
    ENOTDIR: "a part of the path is not a directory",
  };
  return (e.code && known[e.code]) ?? e.message ?? String(err);
}
