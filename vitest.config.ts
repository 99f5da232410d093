import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two test files at a time, not vitest's default of one on two cores (cores − 1): a file spends
    // most of its time waiting on Postgres, a server or a browser in other processes, and each file
    // has its own database, folder and port. The e2e files still run one at a time (below). `npm
    // test` (scripts/run-tests.mjs) runs the e2e files and the rest as two runs side by side, one
    // file at a time each: here vitest would keep the e2e files for the end, alone.
    maxWorkers: 2,
    projects: [
      { test: { name: 'domain', include: ['packages/shared/test/**/*.test.ts'] } },
      { test: { name: 'web', include: ['apps/web/src/**/*.test.ts'] } },
      {
        test: {
          name: 'api',
          include: ['apps/api/test/**/*.test.ts'],
          globalSetup: ['apps/api/test/support/templates.ts'],
          // argon2 at its least cost for the accounts the tests make (auth/passwords.ts)
          env: { TUOWEI_TEST_PASSWORD_COST: 'low' },
          // Limits against a hung test, not a speed bound (the bench measures speed): at load 20 on
          // two cores the role matrix and the audit-verify test took longer than 60 s and failed.
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/**/*.test.ts'],
          globalSetup: ['tests/support/build-api.ts'],
          testTimeout: 180_000,
          hookTimeout: 300_000,
          // one browser and one product at a time, their waits sized for that
          fileParallelism: false,
        },
      },
    ],
  },
});
