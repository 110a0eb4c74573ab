import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exportsFolder } from '../../src-main/data-folder';
import { graphqlEndpoint } from '../../src-main/automation-api/graphql/graphql-endpoint';
import { startLoopbackServer, type LoopbackServer } from '../../src-main/loopback/loopback-server';
import type { ServiceOptions } from '../../src-main/service';
import { exportFolderTarget } from '../../src-main/service/export-destination';
import { openServiceHarness, type ServiceHarness } from './service-harness';

const rendererDir = resolve(import.meta.dirname, '../../out/renderer');

/** The whole app as browser mode runs it: real service, real store, built renderer, the API. */
export interface AppServer {
  harness: ServiceHarness;
  server: LoopbackServer;
  close(): Promise<void>;
}

export async function startAppServer(
  options: Omit<ServiceOptions, 'store' | 'chooseExportPath'> = {},
): Promise<AppServer> {
  if (!existsSync(resolve(rendererDir, 'index.html'))) {
    throw new Error('out/renderer is missing: run `npm run build` (npm test does it first).');
  }
  // Exports as browser mode does them: into the data folder, downloaded from the server.
  const dataFolder = mkdtempSync(join(tmpdir(), 'sd-data-'));
  const exportsDir = exportsFolder(dataFolder);
  const harness = openServiceHarness(dataFolder, {
    ...options,
    chooseExportPath: exportFolderTarget(exportsDir),
  });
  const server = await startLoopbackServer({
    service: harness.service,
    rendererDir,
    exportsDir,
    endpoints: [graphqlEndpoint(harness.service.automation, { error: () => undefined })],
  });
  return {
    harness,
    server,
    close: async () => {
      await server.close();
      await harness.close();
    },
  };
}
