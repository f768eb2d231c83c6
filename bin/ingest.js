#!/usr/bin/env node
import { main } from "../dist/cli-bundle/main.js";

// The first Ctrl-C asks for a clean stop (summary, exit 130); a second one kills at once.
const interrupt = new AbortController();
process.once("SIGINT", () => interrupt.abort());

process.exitCode = await main(process.argv.slice(2), {
  // A getter: process.stdin creates its stream on first use, and most runs never read it.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  signal: interrupt.signal,
});
