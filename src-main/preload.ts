import { contextBridge, ipcRenderer } from 'electron';
import { desktopApiKey, ipcChannels, type ConvSheetDesktopApi } from './ipc';

// The only bridge between the page and the main process: named functions, never ipcRenderer itself.
const api: ConvSheetDesktopApi = {
  appInfo: () => ipcRenderer.invoke(ipcChannels.appInfo),
};

contextBridge.exposeInMainWorld(desktopApiKey, api);
