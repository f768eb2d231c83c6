// Under an address-space limit (`ulimit -v`), ingest runs in a child process started with
// MALLOC_ARENA_MAX=2, and this process only relays signals and the exit code.
//
// Why: glibc gives each thread that allocates its own 64 MiB malloc arena, reserved up front.
// Node's V8 and libuv threads take several, and under a limit of 1 GiB (where Node itself reserves
// ~700 MiB, most of it V8's code range) they can leave V8 no room to grow its heap: V8 then aborts
// the process (exit 133/134), taking the records not yet written with it. An 8.8 MB feed dump
// aborted in most trials; with two arenas it peaked at ~760 MiB and never did (BENCHMARKS.md,
// "Address-space limits"). The arena count can only be set before a process starts, hence the child.
//
// Signals: the child ignores SIGINT, SIGTERM and SIGHUP sent to it directly (Ctrl-C reaches the
// whole process group, so it would get each one twice) and takes them from this process, through
// a pipe on its fd 3, one line per signal; a second one still ends it at once. If this process is
// killed outright, the pipe closes and the child ends at once too.
"use strict";
const { spawn } = require("node:child_process");
const { constants } = require("node:os");

/** Run `script` with this process's arguments in a child with few malloc arenas; never returns. */
module.exports = function relay(script) {
  const child = spawn(process.execPath, [...process.execArgv, script, ...process.argv.slice(2)], {
    stdio: ["inherit", "inherit", "inherit", "pipe"],
    env: { ...process.env, MALLOC_ARENA_MAX: "2", INGEST_RELAYED: "1" },
  });
  const signals = child.stdio[3];
  signals.on("error", () => {});
  // Every signal goes to the child, which decides (the first a clean stop, a second the end at once).
  for (const name of ["SIGINT", "SIGTERM", "SIGHUP"]) {
    process.removeAllListeners(name);
    process.on(name, () => signals.write(`${name}\n`));
  }
  child.on("error", (e) => {
    process.stderr.write(`ingest: error: cannot start the process under the address-space limit: ${e.message}\n`);
    process.exit(2);
  });
  child.on("exit", (code, signal) => {
    // Ended by a signal: the shell's convention, 128 + its number.
    process.exit(code ?? 128 + (constants.signals[signal] ?? 0));
  });
};
