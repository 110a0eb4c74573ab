import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@contract': resolve(__dirname, 'src-preload/contract') } },
  test: {
    testTimeout: 30_000,
    // Test files spend most of their time waiting on sockets, PostgreSQL, FreeRADIUS and
    // Chromium, not on the CPU: vitest's default of one worker per core but one left (a
    // single worker on a 2-core CI machine) ran them one by one, 7.4 min per pass; three
    // at once take 2.6 min there, every file still in its own process.
    maxWorkers: Math.max(3, availableParallelism() - 1),
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
