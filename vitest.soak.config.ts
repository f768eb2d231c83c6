import { defineConfig } from "vitest/config";

// The soak tests (npm run test:watch): long-running, real processes, one at a time.
export default defineConfig({
  test: {
    include: ["tests/soak/**/*.soak.ts"],
    testTimeout: 300_000,
  },
});
