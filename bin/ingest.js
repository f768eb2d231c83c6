#!/usr/bin/env node
// CommonJS (bin/package.json): an ES module entry point costs Node ~4 ms more at every start.
"use strict";
// The signal handlers come first, before the CLI is loaded: a SIGTERM during start-up is heard too.
// The first SIGINT, SIGTERM or SIGHUP asks for a clean stop (flush, summary, exit 128 + signal);
// a second signal of any of them ends the process at once.
const interrupt = new AbortController();
const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
const stop = (name) => {
  if (interrupt.signal.aborted) process.exit(codes[name]);
  interrupt.abort(name);
};
// Run by bin/relay.cjs (below): signals come from the relaying process through fd 3, never twice for one Ctrl-C.
const relayed = process.env.INGEST_RELAYED === "1" && relayPipe();
for (const name of Object.keys(codes)) process.on(name, relayed ? () => {} : () => stop(name));

/** Under bin/relay.cjs: take stop requests from the relaying process, one signal name a line; false when fd 3 is no such pipe. */
function relayPipe() {
  let pipe;
  try {
    if (!require("node:fs").fstatSync(3).isSocket()) return false;
    pipe = new (require("node:net").Socket)({ fd: 3, readable: true, writable: false });
  } catch {
    return false;
  }
  pipe.setEncoding("utf8");
  pipe.on("data", (text) => {
    for (const name of text.split("\n")) if (Object.hasOwn(codes, name)) stop(name);
  });
  // The relaying process is gone (killed outright): so is this one.
  pipe.on("end", () => process.exit(137));
  pipe.on("error", () => process.exit(137));
  pipe.unref();
  return true;
}
// Under `ulimit -v`: run in a child with few malloc arenas (bin/relay.cjs says why).
if (!relayed && process.platform === "linux" && process.env.MALLOC_ARENA_MAX === undefined && addressLimited()) require("./relay.cjs")(__filename);
else start();

/** Whether this process runs under an address-space limit (`ulimit -v`): /proc/self/limits, ~50 µs. */
function addressLimited() {
  try {
    const fs = require("node:fs");
    const fd = fs.openSync("/proc/self/limits", "r");
    const buf = Buffer.allocUnsafe(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, null);
    fs.closeSync(fd);
    const m = /^Max address space +(\S+)/m.exec(buf.toString("latin1", 0, n));
    return m !== null && m[1] !== "unlimited";
  } catch {
    return false;
  }
}

/** Load the CLI and run it. */
function start() {
  let cli;
  try {
    cli = require("../dist/cli-bundle/load.cjs");
  } catch (error) {
    // A checkout linked before it was built (`npm link` in a fresh clone): say what to run, not a stack.
    if (error?.code !== "MODULE_NOT_FOUND" || !String(error.message).includes("load.cjs")) throw error;
    process.stderr.write(`ingest: error: ingest is not built: run \`npm install\` in ${require("node:path").join(__dirname, "..")} (it builds)\n`);
    process.exit(2);
  }
  const { fileOutput, formatInternalError, main } = cli;

  // A bug that escapes main (an error thrown in a callback) is reported like one main catches: a
  // readable stack and exit 70, never Node's dump of the minified bundle.
  const crash = (error) => {
    process.stderr.write(formatInternalError(error));
    process.exit(70);
  };
  process.on("uncaughtException", crash);
  process.on("unhandledRejection", crash);

  let finished = false;
  // Nothing left to wait for, and main never finished: a bug (an ES module's top-level await would exit 13).
  process.once("beforeExit", () => {
    if (!finished) crash(new Error("main returned no exit code: the event loop emptied before it finished"));
  });
  main(process.argv.slice(2), {
    // A getter: process.stdin creates its stream on first use, and most runs never read it.
    get stdin() {
      return process.stdin;
    },
    // A plain file or /dev/null is written without Node's stream for it (src/cli/output/file-output.ts).
    stdout: fileOutput(1) ?? process.stdout,
    stderr: fileOutput(2) ?? process.stderr,
    env: process.env,
    cwd: process.cwd(),
    signal: interrupt.signal,
  }).then((code) => {
    finished = true;
    process.exitCode = code;
  }, crash);
}
