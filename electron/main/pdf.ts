import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserWindow, Dialog, WebContents } from 'electron';
import type { ShellHandler } from './ipc';

export interface PdfExportOptions {
  dialog: Pick<Dialog, 'showSaveDialog'>;
  windowOf(contents: WebContents): BrowserWindow | undefined;
  /** Where the save dialog starts (the user's documents folder). */
  documentsDir(): string;
  now?: () => Date;
}

/**
 * `briefing:exportPdf`: the briefing window printed to an A4-landscape PDF through its print
 * stylesheet, saved where the user chooses. `{ file: null }` when the dialog is cancelled.
 */
export function exportPdfHandler(options: PdfExportOptions): ShellHandler {
  return async (_arg, { sender }) => {
    const date = (options.now?.() ?? new Date()).toISOString().slice(0, 10);
    const dialogOptions = {
      title: 'Сохранить брифинг в PDF',
      defaultPath: join(options.documentsDir(), `Брифинг ЦУР ${date}.pdf`),
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    };
    const parent = options.windowOf(sender);
    const choice = parent
      ? await options.dialog.showSaveDialog(parent, dialogOptions)
      : await options.dialog.showSaveDialog(dialogOptions);
    if (choice.canceled || !choice.filePath) return { file: null };
    const pdf = await sender.printToPDF({
      landscape: true,
      pageSize: 'A4',
      printBackground: true,
      preferCSSPageSize: true,
    });
    await writeFile(choice.filePath, pdf);
    return { file: choice.filePath };
  };
}
