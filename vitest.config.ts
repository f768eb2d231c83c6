import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";
import { SYSTEM_SUITES } from "./vitest.system.config.js";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // The kill trials and real-time waits of `npm run test:system` (CI runs it after npm test).
    exclude: ["**/node_modules/**", ...SYSTEM_SUITES],
    // Rebuilds dist/ when it is older than src/: the CLI tests run the built bundle.
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 20_000,
    // Three files at a time even on two cores (vitest's default there is one): much of the suite
    // waits on processes it started and on watch timers, and other files run meanwhile (on two
    // quiet cores, npm test took 36 s with two at a time and 29-32 s with three).
    maxWorkers: Math.max(3, availableParallelism()),
    // One module cache per worker, not per file: most of a file's time was importing (transforming) the sources again.
    isolate: false,
  },
});
