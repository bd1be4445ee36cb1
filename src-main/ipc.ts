/**
 * The typed contract between the renderer and the main process. The renderer's typecheck reads this
 * file, so it imports nothing (least of all `electron`).
 */

/** Channel names, one per request the preload may send. */
export const ipcChannels = {
  appInfo: 'convsheet:app-info',
} as const;

/** What the main process tells the renderer about itself. */
export interface AppInfo {
  /** The application's version, from package.json. */
  readonly version: string;
  /** `process.platform` of the main process (e.g. "linux"). */
  readonly platform: string;
}

/** The whole API the preload exposes on `window.convsheet`: narrow and typed, never `ipcRenderer`. */
export interface ConvSheetDesktopApi {
  appInfo(): Promise<AppInfo>;
}

/** Name under which the preload exposes the API in the renderer's main world. */
export const desktopApiKey = 'convsheet';
