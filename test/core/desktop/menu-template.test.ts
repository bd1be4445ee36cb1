import type { MenuItem, MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate, type MenuAction, type MenuContext } from '../../../src-main/menu-template';

type Item = MenuItemConstructorOptions;

const base: MenuContext = {
  platform: 'linux',
  appName: 'ConvSheet',
  hasWindow: true,
  recent: [{ path: '/w/digit.convsheet.json', name: 'digit.convsheet.json' }],
  toggles: { colours: true, numbers: false },
  development: false,
};

function build(context: Partial<MenuContext> = {}) {
  const actions: MenuAction[] = [];
  const template = menuTemplate({ ...base, ...context }, (action) => actions.push(action));
  return { template, actions };
}

function items(template: Item[]): Item[] {
  return template.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
}

function byId(template: Item[], id: string): Item {
  const found = items(template).find((i) => i.id === id);
  if (found === undefined) throw new Error(`no menu item ${id}`);
  return found;
}

/** Clicks an item as Electron would (checkboxes flip before the handler runs). */
function click(item: Item): void {
  if (item.type === 'checkbox') item.checked = !item.checked;
  item.click?.(item as unknown as MenuItem, undefined, {});
}

const labels = (menu: Item | undefined): (string | undefined)[] =>
  (menu?.submenu as Item[])
    .filter((i) => i.type !== 'separator' && i.visible !== false)
    .map((i) => i.label ?? i.role);

describe('application menu', () => {
  it('has File, Edit, View and Help with the items the issue lists (Windows and Linux)', () => {
    const { template } = build();
    expect(template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(labels(template[0])).toEqual([
      'New',
      'Open…',
      'Open Recent',
      'Save',
      'Save As…',
      'Import Input…',
      'Export…',
      'Close',
      'E&xit',
    ]);
    expect(labels(template[1])).toEqual(['Undo', 'Redo', 'cut', 'copy', 'paste', 'Select All']);
    expect(labels(template[2])).toEqual([
      'Zoom In',
      'Zoom Out',
      'Actual Size',
      'Show Colours',
      'Show Numbers',
      'togglefullscreen',
    ]);
    expect(labels(template[3])).toEqual(['User Guide', 'About ConvSheet']);
  });

  it('uses the usual shortcuts', () => {
    const { template } = build();
    const shortcut = (id: string) => byId(template, id).accelerator;
    expect(['new', 'open', 'save', 'save-as', 'close', 'undo', 'select-all'].map(shortcut)).toEqual([
      'CmdOrCtrl+N',
      'CmdOrCtrl+O',
      'CmdOrCtrl+S',
      'Shift+CmdOrCtrl+S',
      'CmdOrCtrl+W',
      'CmdOrCtrl+Z',
      'CmdOrCtrl+A',
    ]);
    expect(['zoom-in', 'zoom-in-plus', 'zoom-out', 'zoom-reset', 'user-guide'].map(shortcut)).toEqual([
      'CmdOrCtrl+=',
      'CmdOrCtrl+Plus',
      'CmdOrCtrl+-',
      'CmdOrCtrl+0',
      'F1',
    ]);
  });

  it('follows each platform for Redo and Quit', () => {
    expect(byId(build({ platform: 'darwin' }).template, 'redo').accelerator).toBe('Shift+Cmd+Z');
    expect(byId(build({ platform: 'win32' }).template, 'redo').accelerator).toBe('Ctrl+Y');
    expect(byId(build({ platform: 'linux' }).template, 'redo').accelerator).toBe('Ctrl+Shift+Z');
    expect(byId(build({ platform: 'linux' }).template, 'quit').accelerator).toBe('Ctrl+Q');
    expect(byId(build({ platform: 'win32' }).template, 'quit').accelerator).toBeUndefined();
  });

  it('on macOS starts with the app menu (About, Hide, Quit) and adds the Window menu', () => {
    const { template } = build({ platform: 'darwin' });
    expect(template.map((m) => m.label ?? m.role)).toEqual([
      'ConvSheet',
      'File',
      'Edit',
      'View',
      'windowMenu',
      'Help',
    ]);
    expect(labels(template[0])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(labels(template[1])).not.toContain('E&xit');
    expect(byId(template, 'user-guide').accelerator).toBeUndefined();
  });

  it('sends page commands, and the new state of a View check box, to the window', () => {
    const { template, actions } = build();
    click(byId(template, 'save'));
    click(byId(template, 'zoom-in-plus'));
    click(byId(template, 'toggle-colours'));
    click(byId(template, 'toggle-numbers'));
    expect(actions).toEqual([
      { kind: 'page', command: 'save' },
      { kind: 'page', command: 'zoom-in' },
      { kind: 'page', command: 'toggle-colours', checked: false },
      { kind: 'page', command: 'toggle-numbers', checked: true },
    ]);
  });

  it('lists recent files, opens one when chosen, and can clear the list', () => {
    const { template, actions } = build();
    const recent = byId(template, 'open-recent').submenu as Item[];
    expect(recent[0]).toMatchObject({ label: 'digit.convsheet.json', toolTip: '/w/digit.convsheet.json' });
    click(recent[0]!);
    click(byId(template, 'clear-recent'));
    click(byId(template, 'new'));
    click(byId(template, 'open'));
    expect(actions).toEqual([
      { kind: 'open-recent', path: '/w/digit.convsheet.json' },
      { kind: 'main', command: 'clear-recent' },
      { kind: 'main', command: 'new' },
      { kind: 'main', command: 'open' },
    ]);
    const empty = byId(build({ recent: [] }).template, 'open-recent').submenu as Item[];
    expect(empty[0]).toMatchObject({ label: 'No Recent Workbooks', enabled: false });
    expect(byId(build({ recent: [] }).template, 'clear-recent').enabled).toBe(false);
  });

  it('greys out window commands when no window is open, keeping New and Open', () => {
    const { template } = build({ hasWindow: false, platform: 'darwin' });
    for (const id of ['save', 'save-as', 'export', 'undo', 'zoom-in', 'toggle-colours', 'close'])
      expect(byId(template, id).enabled, id).toBe(false);
    expect(byId(template, 'new').enabled).not.toBe(false);
    expect(byId(template, 'open').enabled).not.toBe(false);
  });

  it('shows the check boxes as the focused window has them, and developer tools only in development', () => {
    const { template } = build();
    expect(byId(template, 'toggle-colours').checked).toBe(true);
    expect(byId(template, 'toggle-numbers').checked).toBe(false);
    expect(items(template).some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(items(build({ development: true }).template).some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});
