import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  isOwnRendererUrl,
  permissionAllowed,
  rendererUrlOf,
  type RendererSource,
} from './renderer-origin';

// Main is an ES module: there is no __dirname, so derive the bundle's folder.
const bundleFolder = dirname(fileURLToPath(import.meta.url));

/** The built renderer (out/renderer), served over app://. */
export const rendererFolder = join(bundleFolder, '../renderer');

/** The one way out to the web: https links only, opened in the operator's browser. */
export function openExternal(url: string): void {
  try {
    if (new URL(url).protocol === 'https:') void shell.openExternal(url);
  } catch {
    // Not a URL: nothing to open.
  }
}

function guard(contents: WebContents, source: RendererSource): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnRendererUrl(url, source)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isOwnRendererUrl(url, source)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}

export function createMainWindow(source: RendererSource): BrowserWindow {
  // The renderer needs no camera, notifications or anything else a site may ask for.
  session.defaultSession.setPermissionRequestHandler((contents, permission, grant) =>
    grant(permissionAllowed(permission, contents.getURL(), source)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    permissionAllowed(permission, requestingOrigin, source),
  );
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    title: 'Session Desk',
    show: false,
    webPreferences: {
      preload: join(bundleFolder, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  guard(window.webContents, source);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrlOf(source));
  return window;
}
