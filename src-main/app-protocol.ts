import { protocol } from 'electron';
import { appProtocolFile, appScheme } from './renderer-origin';

/**
 * app:// as a standard, secure scheme: the page gets a real origin (app://session-desk), so
 * the IPC sender check and navigation guard compare whole origins, and file:// is never
 * used. Must run before the app is ready.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Serves app://session-desk/… from the built renderer folder only; anything else is 404. */
export function serveRendererOverAppScheme(rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const file = await appProtocolFile(rendererDir, request.url);
    if (!file) return new Response('Not found', { status: 404 });
    return new Response(new Uint8Array(file.body), {
      headers: { 'Content-Type': file.contentType, 'X-Content-Type-Options': 'nosniff' },
    });
  });
}
