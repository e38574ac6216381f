import { defineConfig } from 'vitest/config';

/** Run before every test file of every project (their own hooks: see each file). */
const setupFiles = ['tests/setup/temp-dirs.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          // A few unit tests hash passwords (scrypt) several times or start ESLint: a hang guard, not a speed check.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          // tests/security: one test per finding of the security review, on real tools (SoftHSM2, qpdf, pdfsig, tmpfs).
          include: ['tests/integration/**/*.test.ts', 'tests/security/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          // Hang guards, not speed checks: these tests start real processes (the CLI signs in with a
          // slow hash each time), ptys and servers, and a loaded 2-core machine runs them several times slower.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          setupFiles,
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // One Chromium at a time: CI has 2 cores.
          fileParallelism: false,
        },
      },
    ],
  },
});
