// A preload (`node --require`) for the fault suite's "done marks" table: it changes one input at
// an exact moment of a run, so that a test can tell whether a marker or journal entry vouches for
// bytes that were not read. No hook in ingest itself: it wraps node:fs, which the bundle calls
// through the module object at each call, so the same test runs against any build (INGEST_BIN).
//
//   MUTATE_TARGET   absolute path of the input to change
//   MUTATE_KIND     append | replace | truncate | rewrite | unreadable
//   MUTATE_WHEN     read     after the input's file descriptor is closed (it has been read)
//                   mark     before the first rename onto a path containing MUTATE_MARK (a
//                            marker), or the first write of an entry to a file opened by such a
//                            path (a journal)
//   MUTATE_MARK     for `mark`: a part of the marker's or journal's path (".ingest/", "journal")
//   MUTATE_PAYLOAD  a file holding the text to append, or to put in place of the input
//   MUTATE_FLAG     a path created when the change is made: once per run, whatever the thread
//
// `unreadable` makes every open of the target fail with EACCES while MUTATE_FLAG does not exist
// (the suite runs as root, for which a file's mode never stops a read).
"use strict";
const fs = require("node:fs");

const target = process.env.MUTATE_TARGET;
if (target) {
  const kind = process.env.MUTATE_KIND;
  const when = process.env.MUTATE_WHEN ?? "read";
  const mark = process.env.MUTATE_MARK ?? "\0";
  const flag = process.env.MUTATE_FLAG;
  const payload = () => fs.readFileSync(process.env.MUTATE_PAYLOAD ?? "/dev/null");
  const original = { ...fs };
  const inputFds = new Set();
  const markFds = new Set();
  const text = (p) => (Buffer.isBuffer(p) ? p.toString("latin1") : String(p));

  const change = () => {
    try {
      original.writeFileSync(flag, "", { flag: "wx" });
    } catch {
      return; // done already (another thread, or earlier)
    }
    const size = original.statSync(target).size;
    if (kind === "append") original.appendFileSync(target, Buffer.concat([Buffer.from("\n\n"), payload()]));
    else if (kind === "replace") {
      const temp = `${target}.mutate-new`;
      original.writeFileSync(temp, payload());
      original.renameSync(temp, target);
    } else if (kind === "truncate") original.truncateSync(target, Math.floor(size / 3));
    else if (kind === "rewrite") {
      // The same size, other bytes, in place (the inode stays): digits in the ID changed.
      const bytes = original.readFileSync(target);
      const s = bytes.toString("latin1").replace(/ID(\d{10})/g, (_m, d) => `ID${String((Number(d) + 5) % 1e10).padStart(10, "0")}`);
      original.writeFileSync(target, Buffer.from(s, "latin1"), { flag: "r+" });
    }
  };

  fs.openSync = (path, flags, ...rest) => {
    const p = text(path);
    if (p === target && kind === "unreadable" && !fs.existsSync(flag)) {
      throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: "EACCES", errno: -13, syscall: "open", path: p });
    }
    const fd = original.openSync(path, flags, ...rest);
    if (p === target) inputFds.add(fd);
    if (when === "mark" && p.includes(mark)) markFds.add(fd);
    return fd;
  };
  fs.open = (path, ...args) => {
    const p = text(path);
    const cb = args.pop();
    if (p === target && kind === "unreadable" && !fs.existsSync(flag)) {
      process.nextTick(cb, Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: "EACCES", errno: -13, syscall: "open", path: p }));
      return;
    }
    original.open(path, ...args, (err, fd) => {
      if (!err && p === target) inputFds.add(fd);
      cb(err, fd);
    });
  };
  const afterClose = (fd) => {
    if (!inputFds.delete(fd)) return;
    if (when === "read" && kind !== "unreadable") change();
  };
  fs.closeSync = (fd) => {
    original.closeSync(fd);
    afterClose(fd);
  };
  fs.close = (fd, cb) => {
    original.close(fd, (err) => {
      afterClose(fd);
      cb?.(err);
    });
  };
  if (when === "mark") {
    fs.renameSync = (from, to) => {
      if (text(to).includes(mark)) change();
      return original.renameSync(from, to);
    };
    fs.writeSync = (fd, ...args) => {
      // A journal entry (not a header line written when the journal is made).
      if (markFds.has(fd) && String(args[0]).includes('"event"')) change();
      return original.writeSync(fd, ...args);
    };
  }
}
