import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { desktopApiKey, ipcChannels, type ConvSheetDesktopApi, type MainEvent } from './ipc';

// The only bridge between the page and the main process: named functions, each sending one request
// on its own channel, never ipcRenderer itself. Main checks every argument again; nothing here is trusted.
const api: ConvSheetDesktopApi = {
  appInfo: () => ipcRenderer.invoke(ipcChannels.appInfo),
  openedDocument: () => ipcRenderer.invoke(ipcChannels.openedDocument),
  documentEdited: (revision) => ipcRenderer.invoke(ipcChannels.documentEdited, revision),
  save: (request) => ipcRenderer.invoke(ipcChannels.save, request),
  autosave: (request) => ipcRenderer.invoke(ipcChannels.autosave, request),
  showOpenDialog: () => ipcRenderer.invoke(ipcChannels.showOpenDialog),
  openPath: (path) => ipcRenderer.invoke(ipcChannels.openPath, path),
  openDroppedFile: (file) => {
    // The page never sees paths of dropped files; only this preload can ask Electron for one.
    const path = webUtils.getPathForFile(file);
    return path === '' ? Promise.resolve(false) : ipcRenderer.invoke(ipcChannels.openPath, path);
  },
  newWindow: () => ipcRenderer.invoke(ipcChannels.newWindow),
  recentFiles: () => ipcRenderer.invoke(ipcChannels.recentFiles),
  importInput: () => ipcRenderer.invoke(ipcChannels.importInput),
  exportFile: (request) => ipcRenderer.invoke(ipcChannels.exportFile, request),
  setZoom: (change) => ipcRenderer.invoke(ipcChannels.setZoom, change),
  setViewToggles: (toggles) => ipcRenderer.invoke(ipcChannels.setViewToggles, toggles),
  onEvent: (listener) => {
    // The page's listener gets the event's data only, never the IpcRendererEvent (it holds the sender).
    const forward = (_event: IpcRendererEvent, data: MainEvent): void => listener(data);
    ipcRenderer.on(ipcChannels.event, forward);
    return () => {
      ipcRenderer.removeListener(ipcChannels.event, forward);
    };
  },
};

contextBridge.exposeInMainWorld(desktopApiKey, api);
