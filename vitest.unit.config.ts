import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:unit`: the suites that run in this process, from the sources, in seconds, with no
 * build. The CLI's behaviour suites run through `main(argv, io)`; what needs the built bin in a
 * process of its own (signals, terminals, pipes, the bundle, the packed package) is left to
 * `npm test`, by file here and by `skipIf(UNIT)` inside a file.
 */
export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: [
      "tests/package.test.ts",
      "tests/bundle.test.ts",
      "tests/cli/convert/heap.test.ts",
      "tests/cli/output/file-output.test.ts",
      "tests/global-setup.test.ts",
      "tests/cli/hosts.test.ts",
      // Files whose every test needs processes of its own: shell scripts, npm's prepare, processes sharing a store.
      "tests/docs-examples.test.ts",
      "tests/setup.test.ts",
      "tests/store-trust.test.ts",
      "tests/store-pg.test.ts",
      // Slow, kept for npm test: real-time waits for files to settle, and the regex check's search
      // over every regex in src/ (the other big cases are marked skipIf(QUICK) in their files).
      "tests/cli/watch/watch.test.ts",
      "tests/watch-paused.test.ts",
      "tests/regex-safety.test.ts",
    ],
    // FC_RUNS: a tenth of the property runs a plain npm test makes, a fortieth of CI's (tests/properties.test.ts).
    env: { INGEST_TEST_UNIT: "1", FC_RUNS: "150" },
    // One module cache per worker, not per file: most of a file's time was importing (transforming) the sources again.
    isolate: false,
    testTimeout: 20_000,
    // As in npm test: two files at a time even on two cores.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
