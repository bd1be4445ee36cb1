/**
 * The application menu as data, with each platform's usual shortcuts (Redo is Shift+Cmd+Z on macOS,
 * Ctrl+Y on Windows, Ctrl+Shift+Z on Linux). Plain (electron's types only) so that tests can check
 * every item and shortcut; menu.ts hands it to Electron. Cut, Copy and Paste are Electron's own roles:
 * they raise the page's copy/cut/paste events, which the sheet handles as in a browser.
 */
import type { BaseWindow, MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, RecentFile, ViewToggles } from './ipc';

/** Commands main carries out itself. */
export type MainCommand = 'new' | 'open' | 'clear-recent';

export type MenuAction =
  | { readonly kind: 'page'; readonly command: MenuCommand; readonly checked?: boolean }
  | { readonly kind: 'main'; readonly command: MainCommand }
  | { readonly kind: 'open-recent'; readonly path: string };

export interface MenuContext {
  readonly platform: NodeJS.Platform;
  readonly appName: string;
  /** Whether a workbook window is open (on macOS the app runs on without one). */
  readonly hasWindow: boolean;
  readonly recent: readonly RecentFile[];
  /** The View check boxes of the focused window. */
  readonly toggles: ViewToggles;
  /** Developer tools are offered only in development builds. */
  readonly development: boolean;
}

type Run = (action: MenuAction, window: BaseWindow | undefined) => void;
type Item = MenuItemConstructorOptions;

const separator: Item = { type: 'separator' };

export function menuTemplate(context: MenuContext, run: Run): Item[] {
  const mac = context.platform === 'darwin';
  const page = (id: MenuCommand, label: string, accelerator?: string, extra: Partial<Item> = {}): Item => ({
    id,
    label,
    accelerator,
    enabled: context.hasWindow,
    click: (_item, window) => run({ kind: 'page', command: id }, window),
    ...extra,
  });
  const toggle = (
    id: 'toggle-colours' | 'toggle-numbers',
    label: string,
    checked: boolean,
    accelerator: string,
  ): Item =>
    page(id, label, accelerator, {
      type: 'checkbox',
      checked,
      // Electron has already flipped the box when click runs: `checked` is the new state.
      click: (item, window) => run({ kind: 'page', command: id, checked: item.checked }, window),
    });

  const recentItems: Item[] =
    context.recent.length === 0
      ? [{ label: 'No Recent Workbooks', enabled: false }]
      : context.recent.map((file) => ({
          label: file.name,
          toolTip: file.path,
          click: (_item, window) => run({ kind: 'open-recent', path: file.path }, window),
        }));

  const file: Item = {
    label: mac ? 'File' : '&File',
    submenu: [
      {
        id: 'new',
        label: 'New',
        accelerator: 'CmdOrCtrl+N',
        click: (_i, w) => run({ kind: 'main', command: 'new' }, w),
      },
      {
        id: 'open',
        label: 'Open…',
        accelerator: 'CmdOrCtrl+O',
        click: (_i, w) => run({ kind: 'main', command: 'open' }, w),
      },
      {
        id: 'open-recent',
        label: 'Open Recent',
        submenu: [
          ...recentItems,
          separator,
          {
            id: 'clear-recent',
            label: 'Clear Menu',
            enabled: context.recent.length > 0,
            click: (_i, w) => run({ kind: 'main', command: 'clear-recent' }, w),
          },
        ],
      },
      separator,
      page('save', 'Save', 'CmdOrCtrl+S'),
      page('save-as', 'Save As…', 'Shift+CmdOrCtrl+S'),
      separator,
      page('import-input', 'Import Input…', 'CmdOrCtrl+I'),
      page('export', 'Export…', 'CmdOrCtrl+E'),
      separator,
      { id: 'close', label: 'Close', role: 'close', accelerator: 'CmdOrCtrl+W', enabled: context.hasWindow },
      ...(mac
        ? []
        : [
            separator,
            {
              id: 'quit',
              role: 'quit' as const,
              label: 'E&xit',
              accelerator: quitAccelerator(context.platform),
            },
          ]),
    ],
  };

  const edit: Item = {
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      page('undo', 'Undo', 'CmdOrCtrl+Z'),
      page('redo', 'Redo', redoAccelerator(context.platform)),
      separator,
      { id: 'cut', role: 'cut' },
      { id: 'copy', role: 'copy' },
      { id: 'paste', role: 'paste' },
      separator,
      page('select-all', 'Select All', 'CmdOrCtrl+A'),
    ],
  };

  const view: Item = {
    label: mac ? 'View' : '&View',
    submenu: [
      page('zoom-in', 'Zoom In', 'CmdOrCtrl+='),
      // Same command under the key that shows "+" without Shift on many layouts and on the keypad.
      page('zoom-in', 'Zoom In', 'CmdOrCtrl+Plus', {
        id: 'zoom-in-plus',
        visible: false,
        acceleratorWorksWhenHidden: true,
      }),
      page('zoom-out', 'Zoom Out', 'CmdOrCtrl+-'),
      page('zoom-reset', 'Actual Size', 'CmdOrCtrl+0'),
      separator,
      toggle('toggle-colours', 'Show Colours', context.toggles.colours, 'CmdOrCtrl+Shift+C'),
      toggle('toggle-numbers', 'Show Numbers', context.toggles.numbers, 'CmdOrCtrl+Shift+N'),
      separator,
      { id: 'fullscreen', role: 'togglefullscreen' },
      ...(context.development ? [{ role: 'toggleDevTools' as const }] : []),
    ],
  };

  const help: Item = {
    label: mac ? 'Help' : '&Help',
    role: 'help',
    submenu: [
      page('user-guide', 'User Guide', mac ? undefined : 'F1'),
      ...(mac ? [] : [separator, { id: 'about', role: 'about' as const, label: `About ${context.appName}` }]),
    ],
  };

  const appMenu: Item = {
    label: context.appName,
    submenu: [
      { id: 'about', role: 'about' },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { id: 'quit', role: 'quit' },
    ],
  };

  return mac ? [appMenu, file, edit, view, { role: 'windowMenu' }, help] : [file, edit, view, help];
}

function redoAccelerator(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'Shift+Cmd+Z';
  if (platform === 'win32') return 'Ctrl+Y';
  return 'Ctrl+Shift+Z';
}

/** Windows closes with Alt+F4, which needs no menu shortcut; Linux desktops use Ctrl+Q. */
function quitAccelerator(platform: NodeJS.Platform): string | undefined {
  return platform === 'linux' ? 'Ctrl+Q' : undefined;
}
