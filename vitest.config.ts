import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/build.ts'],
          // Many tests run the CLI as processes, each unlocking a vault: on a loaded 2-core machine
          // a file of them can pass 30 s without anything being wrong.
          testTimeout: 120_000,
        },
      },
      {
        test: {
          // The reliability proof: the short profile here, the long one with `npm run soak`.
          name: 'soak',
          include: ['tests/soak/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/build.ts'],
          testTimeout: 600_000,
          // Kills, load and fuzzing each want the machine to themselves.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One browser and one web host at a time: the machine has two cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
