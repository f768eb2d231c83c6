import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:system`: the suites that start real processes and wait on real time, which `npm
 * test` leaves out so that it stays quick: the store's kill trials (SIGKILL at random moments, two
 * writers on one file, shards into one store) and watch's paused writer (each case waits out one
 * or two --settle periods). CI runs them on every Node it tests, after `npm test`.
 */
export const SYSTEM_SUITES = ["tests/store-trust.test.ts", "tests/watch-paused.test.ts"];

export default defineConfig({
  test: {
    include: SYSTEM_SUITES,
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 60_000,
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
