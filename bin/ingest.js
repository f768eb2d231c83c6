#!/usr/bin/env node
// CommonJS (bin/package.json): an ES module entry point costs Node ~4 ms more at every start.
"use strict";
// The signal handlers come first, before the CLI is loaded: a SIGTERM during start-up is heard too.
// The first SIGINT, SIGTERM or SIGHUP asks for a clean stop (flush, summary, exit 128 + signal);
// a second signal of any of them ends the process at once.
const interrupt = new AbortController();
const codes = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 };
for (const [name, code] of Object.entries(codes)) {
  process.on(name, () => {
    if (interrupt.signal.aborted) process.exit(code);
    interrupt.abort(name);
  });
}

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
