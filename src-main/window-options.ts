/**
 * The desktop window's security settings, in a plain module (`electron` is imported for its types
 * only) so that tests can assert them in Node. The window class is passed in: the settings are then
 * written out literally at the one `new BrowserWindow` in the app, where a reviewer and Electronegativity
 * both read them, and a test passing a stand-in class sees exactly what Electron would get.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { MIN_SIZE, type Bounds } from './window-state';

/**
 * Content-Security-Policy of every page the app shows: only the app's own scripts; styles from the
 * app plus inline style attributes (Lit templates set cell sizes and colours through them); images
 * from data/blob URLs (imported pictures, exported heatmaps); workers from the app itself; no network,
 * no plugins, no frames, no forms.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface SecureWindowOptions {
  /** Absolute path of the built preload (`out/preload/index.cjs`). */
  readonly preload: string;
  readonly bounds: Bounds;
  readonly title: string;
  /** Window icon (Linux and Windows show it in the task bar; macOS uses the bundle's). */
  readonly icon?: string;
}

/** Creates a window following Electron's security checklist. */
export function createSecureWindow<W>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W,
  options: SecureWindowOptions,
): W {
  return new BrowserWindow({
    ...options.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: options.title,
    icon: options.icon,
    show: false,
    backgroundColor: '#fafafa',
    webPreferences: {
      preload: options.preload, // eng-disable PRELOAD_JS_CHECK (reviewed: it exposes named functions only)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}
