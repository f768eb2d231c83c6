import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Rebuilds dist/ when it is older than src/: the CLI tests run the built bundle.
    globalSetup: ["tests/global-setup.ts"],
    testTimeout: 20_000,
  },
});
