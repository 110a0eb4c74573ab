import type { RendererSource } from './renderer-origin';

/** What a developer may point the desktop app at through its environment. */
export interface DevelopmentOverrides {
  rendererSource: RendererSource;
  /** better-sqlite3 built for Electron's ABI (scripts/launch-electron.mjs); unset: the bundled one. */
  sqliteBinding: string | undefined;
}

/**
 * ELECTRON_RENDERER_URL (electron-vite's dev server) and SESSION_DESK_SQLITE_BINDING, honoured
 * only in development. A packaged app obeys neither: an environment variable must not be
 * able to load another page (which would hold the bridge) or another native library into
 * the operator's app.
 */
export function developmentOverrides(
  env: Record<string, string | undefined>,
  isPackaged: boolean,
): DevelopmentOverrides {
  if (isPackaged) return { rendererSource: { kind: 'app' }, sqliteBinding: undefined };
  const devServer = env.ELECTRON_RENDERER_URL;
  let rendererSource: RendererSource = { kind: 'app' };
  if (devServer) {
    try {
      const url = new URL(devServer);
      if (url.protocol === 'http:' || url.protocol === 'https:') {
        rendererSource = { kind: 'dev-server', url: url.href };
      }
    } catch {
      // Not a URL: the built renderer it is.
    }
  }
  return { rendererSource, sqliteBinding: env.SESSION_DESK_SQLITE_BINDING || undefined };
}
