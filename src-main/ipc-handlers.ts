/**
 * The main process's side of the IPC contract (ipc.ts). Every handler first checks who is asking (the
 * top frame of one of the app's windows, showing the app's own page) and then checks its arguments at
 * run time before anything is done with them.
 */
import { app, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Documents } from './documents';
import { ipcChannels, type AppInfo } from './ipc';
import {
  autosaveRequestOf,
  exportRequestOf,
  isTrustedSender,
  noArguments,
  oneArgument,
  revisionOf,
  saveRequestOf,
  viewTogglesOf,
  workbookPathOf,
  zoomChangeOf,
} from './validate';
import type { WorkbookWindow, WorkbookWindows } from './windows';

type Handler = (entry: WorkbookWindow, args: readonly unknown[]) => unknown;

export function registerIpcHandlers(
  windows: WorkbookWindows,
  documents: Documents,
  trustedOrigins: readonly string[],
  onTogglesChange: () => void,
): void {
  const handle = (channel: string, handler: Handler): void => {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const entry = windows.fromContents(event.sender);
      const frame = event.senderFrame;
      const sender = {
        url: frame?.url ?? '',
        isMainFrame: frame?.parent === null,
        isAppWindow: entry !== undefined,
      };
      if (entry === undefined || !isTrustedSender(sender, trustedOrigins))
        throw new Error(`refused ${channel}: the request does not come from a ConvSheet window`);
      return handler(entry, args);
    });
  };

  handle(ipcChannels.appInfo, (_entry, args): AppInfo => {
    noArguments(args);
    return { version: app.getVersion(), platform: process.platform };
  });
  handle(ipcChannels.openedDocument, (entry, args) => {
    noArguments(args);
    return entry.session.opened();
  });
  handle(ipcChannels.documentEdited, (entry, args) => {
    documents.edited(entry, revisionOf(oneArgument(args)));
  });
  handle(ipcChannels.save, (entry, args) => documents.save(entry, saveRequestOf(oneArgument(args))));
  handle(ipcChannels.autosave, (entry, args) => documents.keep(entry, autosaveRequestOf(oneArgument(args))));
  handle(ipcChannels.showOpenDialog, (entry, args) => {
    noArguments(args);
    return documents.showOpenDialog(entry);
  });
  handle(ipcChannels.openPath, async (entry, args) => {
    const [opened] = await documents.openPaths([workbookPathOf(oneArgument(args))], entry);
    return opened === true;
  });
  handle(ipcChannels.newWindow, (_entry, args) => {
    noArguments(args);
    documents.newWindow();
  });
  handle(ipcChannels.recentFiles, (_entry, args) => {
    noArguments(args);
    return documents.recentFiles();
  });
  handle(ipcChannels.importInput, (entry, args) => {
    noArguments(args);
    return documents.importInput(entry);
  });
  handle(ipcChannels.exportFile, (entry, args) =>
    documents.exportFile(entry, exportRequestOf(oneArgument(args))),
  );
  handle(ipcChannels.setZoom, (_entry, args) => windows.setZoom(zoomChangeOf(oneArgument(args))));
  handle(ipcChannels.setViewToggles, (entry, args) => {
    entry.toggles = viewTogglesOf(oneArgument(args));
    onTogglesChange();
  });
}
