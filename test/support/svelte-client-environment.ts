// Plain Node globals, but modules transformed for the client: Svelte compiles runes in
// `*.svelte.ts` state classes as the renderer runs them (signals, effects, flushSync) and
// resolves its client runtime, where the default 'node' environment would give the
// server build (plain fields, no effects).
import type { Environment } from 'vitest/environments';

export default {
  name: 'svelte-client',
  viteEnvironment: 'client',
  setup: () => ({ teardown: () => {} }),
} satisfies Environment;
