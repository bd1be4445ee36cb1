/**
 * The application menu, rebuilt whenever what it shows changes (the recent list, the focused
 * window's check boxes, whether any window is open), and the actions behind its items.
 */
import { app, Menu, type BaseWindow } from 'electron';
import type { Documents } from './documents';
import { menuTemplate, type MenuAction } from './menu-template';
import type { RecentFiles } from './recent-files';
import type { WorkbookWindows } from './windows';

export class AppMenu {
  constructor(
    private readonly windows: WorkbookWindows,
    private readonly documents: Documents,
    private readonly recent: RecentFiles,
  ) {}

  rebuild = (): void => {
    const focused = this.windows.focused() ?? this.windows.all()[0];
    const template = menuTemplate(
      {
        platform: process.platform,
        appName: app.getName(),
        hasWindow: focused !== undefined,
        recent: this.recent.list(),
        toggles: focused?.toggles ?? { colours: true, numbers: true },
        development: !app.isPackaged,
      },
      this.run,
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  private run = (action: MenuAction, window: BaseWindow | undefined): void => {
    const target = this.windows.fromWindow(window) ?? this.windows.focused();
    const documents = this.documents;
    switch (action.kind) {
      case 'open-recent':
        void documents.openPaths([action.path], target);
        return;
      case 'main':
        if (action.command === 'new') documents.newWindow();
        else if (action.command === 'open') void documents.showOpenDialog(target);
        else void documents.clearRecent();
        return;
      case 'page':
        if (target === undefined) return;
        if (action.command === 'toggle-colours' && action.checked !== undefined)
          target.toggles = { ...target.toggles, colours: action.checked };
        if (action.command === 'toggle-numbers' && action.checked !== undefined)
          target.toggles = { ...target.toggles, numbers: action.checked };
        this.windows.send(target, { type: 'menu', command: action.command, checked: action.checked });
    }
  };
}
