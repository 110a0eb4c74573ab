import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Main is an ES module: there is no __dirname, so derive the bundle's folder.
const bundleFolder = dirname(fileURLToPath(import.meta.url));

/** Where the renderer comes from: the dev server in development, the built file otherwise. */
export function rendererUrl(): string {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer) return devServer;
  return pathToFileURL(join(bundleFolder, '../renderer/index.html')).href;
}

/** True when a URL belongs to our own renderer (same origin, or our own index file). */
export function isOwnRendererUrl(url: string): boolean {
  const own = new URL(rendererUrl());
  try {
    const candidate = new URL(url);
    return own.protocol === 'file:'
      ? candidate.protocol === 'file:' && candidate.pathname === own.pathname
      : candidate.origin === own.origin;
  } catch {
    return false;
  }
}

/** The one way out to the web: https links only, opened in the operator's browser. */
export function openExternal(url: string): void {
  try {
    if (new URL(url).protocol === 'https:') void shell.openExternal(url);
  } catch {
    // Not a URL: nothing to open.
  }
}

function guard(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isOwnRendererUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}

export function createMainWindow(): BrowserWindow {
  // The renderer needs no camera, notifications or anything else a site may ask for.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, grant) =>
    grant(false),
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
  guard(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl());
  return window;
}
