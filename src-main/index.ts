// Electron lifecycle only: open the store, build the service, bind it, show the window.
import { app, BrowserWindow, dialog } from 'electron';
import { registerAppScheme, serveRendererOverAppScheme } from './app-protocol';
import { ensureDataFolder, localStoreFile } from './data-folder';
import { developmentOverrides } from './development-overrides';
import { chooseExportPathWithDialog } from './export-dialog';
import { bindServiceToIpc } from './ipc';
import { openLocalStore } from './local-store';
import { subscriberSettingsFromEnv } from './ping/demo-ping';
import { createSafeStorageSealer } from './safe-storage-sealer';
import { createService } from './service';
import { createMainWindow, rendererFolder } from './window';

app.enableSandbox();
registerAppScheme();

async function start(): Promise<void> {
  const overrides = developmentOverrides(process.env, app.isPackaged);
  const dataFolder = ensureDataFolder(app.getPath('userData'));
  const store = openLocalStore(localStoreFile(dataFolder), createSafeStorageSealer(), {
    nativeBinding: overrides.sqliteBinding,
  });
  const service = createService({
    store,
    chooseExportPath: chooseExportPathWithDialog,
    subscribers: subscriberSettingsFromEnv(process.env),
  });
  serveRendererOverAppScheme(rendererFolder);
  bindServiceToIpc(service, overrides.rendererSource);
  await service.resume();
  createMainWindow(overrides.rendererSource);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(overrides.rendererSource);
  });
  app.on('window-all-closed', () => app.quit());
  let quitting = false;
  app.on('will-quit', (event) => {
    if (quitting) return;
    // Disconnects already sent are answered and audited before the store closes.
    quitting = true;
    event.preventDefault();
    void service.close().finally(() => {
      store.close();
      app.exit(0);
    });
  });
}

app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    // Typically: no keyring to seal passwords with. Say so instead of vanishing.
    dialog.showErrorBox(
      'Session Desk cannot start',
      error instanceof Error ? error.message : String(error),
    );
    app.quit();
  });
