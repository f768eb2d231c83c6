import { defineConfig } from "vitest/config";

/**
 * The fault suite (`npm run test:faults`): ingest under kills, full disks, hostile names and
 * paths, huge inputs. Its own files (tests/faults/*.fault.ts), so `npm test` stays quick; one
 * file at a time, since each spawns many processes on a small machine. The ledger of scenarios
 * (tried, held, records lost, inputs changed) is printed at the end.
 */
export default defineConfig({
  test: {
    include: ["tests/faults/**/*.fault.ts"],
    globalSetup: ["tests/global-setup.ts", "tests/faults/ledger-setup.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
