import { graphqlPath, type MethodOutput } from '@contract';
import { graphqlEndpoint } from './automation-api/graphql/graphql-endpoint';
import { ensureDataFolder, exportsFolder, localStoreFile } from './data-folder';
import { openLocalStore } from './local-store';
import { consoleLog, startLoopbackServer } from './loopback/loopback-server';
import { createKeyFileSealer } from './secrets/key-file-sealer';
import { createService } from './service';
import type { SubscriberSettings } from './service/subscriber-handlers';
import { exportFolderTarget } from './service/export-destination';
import { chooseStartupProfile, type ProfileChoice } from './startup-profile';

export interface BrowserMode {
  /** The address to open, token included. */
  url: string;
  /** The Automation API's address (POST, bearer token). */
  apiUrl: string;
  /** The profile it opened and whether its database answered, as the page would show it. */
  connection: MethodOutput<'connection.status'>;
  /** Stops serving, lets disconnects in flight finish, closes the store. */
  close(): Promise<void>;
}

/**
 * The service and the built renderer on loopback, with the data folder's store and its key
 * file: what `npm run browser` and `npm run demo -- --browser` serve.
 */
export async function serveBrowserMode(options: {
  dataFolder: string;
  port: number;
  /** 127.0.0.1 unless the operator named another address with --host. */
  host?: string;
  /** out/renderer: known to the entry file, which sits beside it in out/. */
  rendererDir: string;
  /** The demo's: Ping goes to loopback. */
  subscribers?: SubscriberSettings;
  /** Open this profile (saving a database URL as one first) instead of the one used last. */
  profile?: ProfileChoice;
}): Promise<BrowserMode> {
  ensureDataFolder(options.dataFolder);
  const store = openLocalStore(
    localStoreFile(options.dataFolder),
    createKeyFileSealer(options.dataFolder),
  );
  try {
    if (options.profile) chooseStartupProfile(store, options.profile);
  } catch (error) {
    store.close();
    throw error;
  }
  const exportsDir = exportsFolder(options.dataFolder);
  const service = createService({
    store,
    chooseExportPath: exportFolderTarget(exportsDir),
    subscribers: options.subscribers,
  });
  try {
    await service.resume();
    const server = await startLoopbackServer({
      service,
      rendererDir: options.rendererDir,
      exportsDir,
      port: options.port,
      host: options.host,
      // Only --host ever sets a host here: the operator named it, and is warned.
      allowRemote: options.host !== undefined,
      endpoints: [graphqlEndpoint(service.automation, consoleLog)],
    });
    const status = await service.call('connection.status', {});
    return {
      url: server.url,
      apiUrl: `${new URL(server.url).origin}${graphqlPath}`,
      // connection.status never fails: it reports the state main holds.
      connection: status.ok ? (status.data as MethodOutput<'connection.status'>) : { kind: 'none' },
      close: async () => {
        await server.close();
        await service.close();
        store.close();
      },
    };
  } catch (error) {
    await service.close();
    store.close();
    throw error;
  }
}
