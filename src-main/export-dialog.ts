// Shell: the desktop's native save dialog, the one piece of exporting that needs Electron.
import { join } from 'node:path';
import { app, BrowserWindow, dialog, type SaveDialogOptions } from 'electron';
import type { ChooseExportPath } from './service/export-destination';

/** Asks where to save an export, in the Documents folder by default; null when cancelled. */
export const chooseExportPathWithDialog: ChooseExportPath = async (suggestedName) => {
  const options: SaveDialogOptions = {
    title: 'Export sessions as CSV',
    defaultPath: join(app.getPath('documents'), suggestedName),
    filters: [{ name: 'CSV files', extensions: ['csv'] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  const chosen = window
    ? await dialog.showSaveDialog(window, options)
    : await dialog.showSaveDialog(options);
  if (chosen.canceled || !chosen.filePath) return null;
  return { path: chosen.filePath, downloadUrl: null };
};
