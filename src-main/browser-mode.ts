import { ensureDataFolder, exportsFolder, localStoreFile } from './data-folder';
import { openLocalStore } from './local-store';
import { startLoopbackServer } from './loopback/loopback-server';
import { createKeyFileSealer } from './secrets/key-file-sealer';
import { createService } from './service';
import type { SubscriberSettings } from './service/subscriber-handlers';
import { exportFolderTarget } from './service/export-destination';

export interface BrowserMode {
  /** The address to open, token included. */
  url: string;
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
}): Promise<BrowserMode> {
  ensureDataFolder(options.dataFolder);
  const store = openLocalStore(
    localStoreFile(options.dataFolder),
    createKeyFileSealer(options.dataFolder),
  );
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
    });
    return {
      url: server.url,
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
