import { BrowserWindow, ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelOf, eventChannelOf, methodNames, type Result } from '@contract';
import { isOwnRendererUrl, type RendererSource } from './renderer-origin';
import type { SessionDeskService } from './service';

const forbidden: Result<never> = {
  ok: false,
  error: { code: 'FORBIDDEN', message: 'This request did not come from the Session Desk window.' },
};

/** Only our window's main frame, showing our own page (its whole origin), may call the service. */
function trustedSender(event: IpcMainInvokeEvent, source: RendererSource): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame === event.sender.mainFrame && isOwnRendererUrl(frame.url, source);
}

/**
 * Binds every contract method to ipcMain (the service validates and never throws) and sends
 * the service's events to every window showing our own page.
 */
export function bindServiceToIpc(service: SessionDeskService, source: RendererSource): void {
  for (const method of methodNames) {
    ipcMain.handle(channelOf(method), (event, input: unknown) =>
      trustedSender(event, source) ? service.call(method, input) : forbidden,
    );
  }
  service.subscribe((event, payload) => {
    for (const window of BrowserWindow.getAllWindows()) {
      const contents = window.webContents;
      if (!contents.isDestroyed() && isOwnRendererUrl(contents.getURL(), source)) {
        contents.send(eventChannelOf(event), payload);
      }
    }
  });
}
