import { defineConfig } from '@playwright/test';

/** The real Electron app (`npm run test:electron`); skipped with a reason where Electron cannot run. */
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/electron',
  globalSetup: './global-setup.ts',
  // One app at a time: the shell takes a single-instance lock.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  reporter: [['list']],
});
