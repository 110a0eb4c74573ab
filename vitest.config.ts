import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@contract': resolve(__dirname, 'src-preload/contract') } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A machine-readable report beside the console one: .ci/run totals it.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
  },
});
