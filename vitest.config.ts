import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Rebuilds dist/ when it is older than src/: the CLI tests run the built bundle.
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 20_000,
    // One module cache per worker, not per file: most of a file's time was importing (transforming) the sources again.
    isolate: false,
  },
});
