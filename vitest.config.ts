import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@contract': resolve(__dirname, 'src-preload/contract') } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A machine-readable report beside the console one: .ci/run totals it.
    reporters: ['default', ['json', { outputFile: 'test-results/vitest.json' }]],
    projects: [
      {
        extends: true,
        test: {
          name: 'app',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
        },
      },
      {
        // The renderer's state classes, tested beside them with runes (DESIGN.md §8).
        extends: true,
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'renderer-state',
          include: ['src-renderer/**/*.svelte.test.ts'],
          environment: './test/support/svelte-client-environment.ts',
        },
      },
    ],
  },
});
