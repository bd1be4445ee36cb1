import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, protocol, session, shell, type Session } from 'electron';
import { APP_ORIGIN, APP_ENTRY_URL, APP_SCHEME, appFileFor, responseHeaders } from './app-protocol';
import { AutosaveStore } from './autosave-store';
import { DocumentSession } from './document-session';
import { Documents } from './documents';
import { registerIpcHandlers } from './ipc-handlers';
import { filesFromArgv, filesFromSecondInstance, type SecondInstanceData } from './launch-args';
import { AppMenu } from './menu';
import { RecentFiles } from './recent-files';
import { isSafeExternalUrl } from './validate';
import { contentSecurityPolicy } from './window-options';
import { WindowStateStore } from './window-state';
import { WorkbookWindows } from './windows';
import { workbookProblems } from './workbook-file';

// The Electron wiring: app lifecycle, security handlers and the pieces built from plain modules.

const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const rendererRoot = join(__dirname, '../renderer');

// One data folder whatever the build calls itself; CONVSHEET_USER_DATA_DIR moves it (portable use, tests).
app.setName('ConvSheet');
app.setPath('userData', process.env.CONVSHEET_USER_DATA_DIR ?? join(app.getPath('appData'), 'ConvSheet'));

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

const launchFiles = filesFromArgv(process.argv, {
  cwd: process.cwd(),
  defaultApp: process.defaultApp === true,
});
const second: SecondInstanceData = { files: launchFiles };
if (!app.requestSingleInstanceLock(second)) app.quit();
else start();

function start(): void {
  // Files asked for before the app is ready (macOS sends open-file that early) wait here.
  const pending: string[] = [...launchFiles];
  let documents: Documents | undefined;
  let windows: WorkbookWindows | undefined;

  const openFiles = (paths: readonly string[]): void => {
    if (documents === undefined) pending.push(...paths);
    else if (paths.length > 0) void documents.openPaths(paths, windows?.focused());
  };

  app.on('open-file', (event, path) => {
    event.preventDefault();
    openFiles([path]);
  });
  app.on('second-instance', (_event, argv, workingDirectory, additionalData) => {
    const files =
      filesFromSecondInstance(additionalData) ??
      filesFromArgv(argv, { cwd: workingDirectory, defaultApp: false });
    if (files.length > 0) openFiles(files);
    else {
      const target = windows?.focused() ?? windows?.all()[0];
      if (target === undefined) documents?.newWindow();
      else {
        if (target.window.isMinimized()) target.window.restore();
        target.window.focus();
      }
    }
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links (to PyTorch's documentation, say) open in the system browser, never inside the app.
      if (isSafeExternalUrl(url)) void shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK (https only, see isSafeExternalUrl)
      return { action: 'deny' };
    });
  });
  app.on('before-quit', () => {
    if (windows !== undefined) windows.quitting = true;
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(async () => {
    secureSession(session.defaultSession);
    protocol.handle(APP_SCHEME, serveAppFile);

    const userData = app.getPath('userData');
    const autosave = new AutosaveStore(join(userData, 'autosave'));
    const recent = new RecentFiles(join(userData, 'recent-files.json'), { platform: process.platform });
    const windowState = new WindowStateStore(join(userData, 'window-state.json'));
    await Promise.all([recent.load(), windowState.load()]);

    // Called only once windows exist, by which time `menu` below is set.
    const rebuildMenu = (): void => menu.rebuild();
    windows = new WorkbookWindows({
      preload: join(__dirname, '../preload/index.cjs'),
      pageUrl: devServerUrl ?? APP_ENTRY_URL,
      icon: process.platform === 'darwin' ? undefined : join(app.getAppPath(), 'resources/icon.png'),
      autosave,
      windowState,
      onChange: rebuildMenu,
    });
    documents = new Documents(windows, recent, autosave, rebuildMenu);
    const menu = new AppMenu(windows, documents, recent);
    const trusted = devServerUrl === undefined ? [APP_ORIGIN] : [APP_ORIGIN, new URL(devServerUrl).origin];
    registerIpcHandlers(windows, documents, trusted, rebuildMenu);
    menu.rebuild();

    // Work left unsaved by a crash or a kill comes back first, each in its window, still unsaved.
    for (const entry of await autosave.list()) {
      if (workbookProblems(entry.text) === null) windows.open(DocumentSession.recovered(entry));
    }
    await documents.openPaths(pending.splice(0));
    if (windows.all().length === 0) documents.newWindow();

    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) documents?.newWindow();
    });
  });
}

/** Serves a file of the built renderer under convsheet://app/, with the security headers. */
async function serveAppFile(request: Request): Promise<Response> {
  const file = appFileFor(request.url, rendererRoot);
  if (file === null) return new Response('Not found', { status: 404 });
  try {
    return new Response(await readFile(file), { headers: responseHeaders(file) });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

function secureSession(target: Session): void {
  target.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  target.setPermissionCheckHandler(() => false);
  // The app's own pages carry the policy in their response (serveAppFile); the dev server's need it added.
  if (devServerUrl !== undefined) {
    target.webRequest.onHeadersReceived(
      { urls: [`${new URL(devServerUrl).origin}/*`] },
      (details, callback) => {
        const responseHeaders = {
          ...details.responseHeaders,
          'Content-Security-Policy': [contentSecurityPolicy],
        };
        callback({ responseHeaders });
      },
    );
  }
}
