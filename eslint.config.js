import js from '@eslint/js';
import globals from 'globals';
import svelte from 'eslint-plugin-svelte';
import tseslint from 'typescript-eslint';

// Only the shell files may touch Electron: everything else must run (and be tested) on plain Node.
const electronShell = [
  'src-main/index.ts',
  'src-main/window.ts',
  'src-main/ipc.ts',
  'src-main/safe-storage-sealer.ts',
  'src-main/export-dialog.ts',
  'src-main/app-protocol.ts',
  'src-preload/index.ts',
];

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', '.data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    files: ['**/*.ts', '**/*.svelte'],
    ignores: electronShell,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', message: 'Electron belongs in the shell files only.' }] },
      ],
    },
  },
);
