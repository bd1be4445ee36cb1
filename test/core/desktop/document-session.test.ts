import { describe, expect, it } from 'vitest';
import {
  closeChoice,
  CLOSE_BUTTONS,
  closeQuestion,
  DocumentSession,
  windowTitle,
} from '../../../src-main/document-session';

const ID = '0f8b3c2e-1d2a-4c5b-9e7f-123456789abc';

describe("a window's document session", () => {
  it('has unsaved changes while the newest edit is newer than the newest save', () => {
    const s = new DocumentSession(ID, { path: '/w/digit.convsheet.json', text: '{}' });
    expect(s.dirty).toBe(false);
    s.edited(1);
    s.edited(2);
    expect(s.dirty).toBe(true);
    s.saved(2, '/w/digit.convsheet.json', '{"saved":2}');
    expect(s.dirty).toBe(false);
  });

  it('stays unsaved when an edit arrives while an older revision is being saved', () => {
    const s = new DocumentSession(ID, { path: '/w/a.convsheet.json', text: '{}' });
    s.edited(3);
    // The page sent revision 3 to be saved, then the user typed again (revision 4) before it finished.
    s.edited(4);
    s.saved(3, '/w/a.convsheet.json', '{"rev":3}');
    expect(s.dirty).toBe(true);
  });

  it('ignores an autosave that arrives after the save of the same or a later revision', () => {
    const s = new DocumentSession(ID, { path: null, text: null });
    s.edited(5);
    expect(s.wantsAutosave(5)).toBe(true);
    s.saved(5, '/w/new.convsheet.json', '{}');
    expect(s.wantsAutosave(5)).toBe(false);
    expect(s.wantsAutosave(6)).toBe(true);
  });

  it('names itself after its file, and is pristine only while new and untouched', () => {
    const fresh = new DocumentSession(ID, { path: null, text: null });
    expect(fresh.name).toBe('Untitled');
    expect(fresh.pristine).toBe(true);
    fresh.edited(1);
    expect(fresh.pristine).toBe(false);
    const opened = new DocumentSession(ID, { path: '/w/edges.convsheet.json', text: '{}' });
    expect(opened.name).toBe('edges.convsheet.json');
    expect(opened.pristine).toBe(false);
  });

  it('hands the page the saved text after a save, so a reloaded page shows what is on disk', () => {
    const s = new DocumentSession(ID, { path: null, text: null });
    s.saved(1, '/w/x.convsheet.json', 'TEXT');
    expect(s.opened()).toEqual({
      path: '/w/x.convsheet.json',
      name: 'x.convsheet.json',
      text: 'TEXT',
      recovered: null,
    });
  });

  it('counts edits from 0 again when the page reloads with no kept work, so it can become clean', () => {
    const s = new DocumentSession(ID, { path: '/w/x.convsheet.json', text: 'ON DISK' });
    s.edited(7);
    s.restart();
    expect(s.dirty).toBe(false);
    s.edited(1);
    s.saved(1, '/w/x.convsheet.json', 'NEW');
    expect(s.dirty).toBe(false);
  });

  it('puts recovered work in place after the page crashed', () => {
    const s = new DocumentSession(ID, { path: '/w/x.convsheet.json', text: 'OLD' });
    s.edited(7);
    s.recoverFrom({ id: ID, path: '/w/x.convsheet.json', savedAt: 42, text: 'KEPT' });
    expect(s.opened()).toEqual({
      path: '/w/x.convsheet.json',
      name: 'x.convsheet.json',
      text: 'KEPT',
      recovered: { savedAt: 42 },
    });
    expect(s.dirty).toBe(true);
  });
});

describe('title and close question', () => {
  it('shows unsaved changes in the title, except on macOS where the close button shows them', () => {
    expect(windowTitle('digit.convsheet.json', true, 'linux')).toBe('ConvSheet - digit.convsheet.json *');
    expect(windowTitle('digit.convsheet.json', false, 'win32')).toBe('ConvSheet - digit.convsheet.json');
    expect(windowTitle('digit.convsheet.json', true, 'darwin')).toBe('digit.convsheet.json');
  });

  it('maps the dialog buttons to choices, Escape (any other response) cancelling', () => {
    expect(CLOSE_BUTTONS).toEqual(['Save', "Don't Save", 'Cancel']);
    expect([0, 1, 2, -1].map(closeChoice)).toEqual(['save', 'discard', 'cancel', 'cancel']);
    expect(closeQuestion('a.convsheet.json').message).toBe(
      'Do you want to save the changes you made to a.convsheet.json?',
    );
  });
});
