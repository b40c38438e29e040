import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    // One module graph per worker process instead of one per test file: every file imports the
    // same core (and most load the dataset), and re-importing it per file cost ~18 s of ~45 s. The
    // core holds no mutable module state that tests change; the CLI runs in-process with its own sinks.
    isolate: false,
    // vitest's default leaves one core idle (cores − 1 workers); on this 2-core machine that is one worker
    poolOptions: { forks: { minForks: 1, maxForks: Math.max(2, availableParallelism()) } },
  },
});
