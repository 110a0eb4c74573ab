import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { startLoopbackServer, type LoopbackServer } from '../../src-main/loopback/loopback-server';
import { openServiceHarness, type ServiceHarness } from './service-harness';

const rendererDir = resolve(import.meta.dirname, '../../out/renderer');

/** The whole app as browser mode runs it: real service, real store, built renderer. */
export interface AppServer {
  harness: ServiceHarness;
  server: LoopbackServer;
  close(): Promise<void>;
}

export async function startAppServer(): Promise<AppServer> {
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` (npm test does it first).');
  }
  const harness = openServiceHarness();
  const server = await startLoopbackServer({ service: harness.service, rendererDir });
  return {
    harness,
    server,
    close: async () => {
      await server.close();
      await harness.close();
    },
  };
}
