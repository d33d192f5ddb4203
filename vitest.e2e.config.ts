import { defineConfig } from 'vitest/config';

/**
 * End-to-end suites: the renderer in Debian's Chromium (and Electron where its binary exists),
 * through the browser host, on real services. Built once in globalSetup; one file at a time.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    globalSetup: ['test/e2e/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
