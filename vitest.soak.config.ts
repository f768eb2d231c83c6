import { defineConfig } from "vitest/config";

/**
 * The soak test of `ingest watch` (`npm run test:soak`): about a minute and a half of real
 * processes (a writer, a watcher killed five times), so it has its own files
 * (tests/soak/*.soak.ts) and `npm test` stays quick.
 */
export default defineConfig({
  test: {
    include: ["tests/soak/**/*.soak.ts"],
    globalSetup: ["tests/global-setup.ts"],
    fileParallelism: false,
    testTimeout: 300_000,
  },
});
