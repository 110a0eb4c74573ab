import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const contract = resolve(__dirname, 'src-preload/contract');

export default defineConfig({
  main: {
    resolve: { alias: { '@contract': contract } },
    build: {
      outDir: 'out/main',
      rollupOptions: {
        // index: the Electron app; browser: the same service on the loopback transport,
        // for machines without the Electron binary or without a display; demo: a whole ISP
        // on this machine (embedded PostgreSQL, simulated NAS), then the app opened on it.
        input: {
          index: resolve(__dirname, 'src-main/index.ts'),
          browser: resolve(__dirname, 'src-main/browser.ts'),
          demo: resolve(__dirname, 'src-main/demo/main.ts'),
        },
      },
    },
  },
  preload: {
    resolve: { alias: { '@contract': contract } },
    build: {
      outDir: 'out/preload',
      // A sandboxed preload must be one CommonJS file: bundle the contract into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src-preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src-renderer'),
    resolve: { alias: { '@contract': contract } },
    plugins: [svelte()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'src-renderer/index.html') },
    },
  },
});
