/**
 * The window's size, position and zoom, remembered in `<userData>/window-state.json` from the last
 * window closed and given to the next one opened. A position is only reused where the window's title
 * bar would be on a screen now connected: a laptop unplugged from its projector must not open the app
 * off-screen.
 */
import type { ZoomChange } from './ipc';
import { readJsonFile, writeJsonFile, type SettingsFs } from './json-file';

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Bounds {
  readonly x?: number;
  readonly y?: number;
  readonly width: number;
  readonly height: number;
}

export interface WindowState {
  /** The window's normal (not maximised) bounds. */
  readonly bounds: Bounds;
  readonly maximized: boolean;
  /** Page zoom, 1 = 100 %. */
  readonly zoomFactor: number;
}

export const MIN_SIZE = { width: 640, height: 420 } as const;
export const DEFAULT_WINDOW_STATE: WindowState = {
  bounds: { width: 1400, height: 900 },
  maximized: false,
  zoomFactor: 1,
};
/** Chromium's own zoom steps, so the app zooms as a browser does. */
export const ZOOM_FACTORS = [0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3] as const;
/** Each further window opens this far right of and below the last, so none hides another exactly. */
export const CASCADE_STEP = 28;
/** The part of the title bar that must be on a screen for a saved position to be reused. */
const GRIP = { width: 120, height: 32 } as const;
const FORMAT = 'convsheet-window-state';

function finite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

/** A state from a settings file's JSON; each missing or nonsensical part falls back to its default. */
export function parseWindowState(json: unknown): WindowState {
  if (typeof json !== 'object' || json === null) return DEFAULT_WINDOW_STATE;
  const o = json as Record<string, unknown>;
  if (o.format !== FORMAT) return DEFAULT_WINDOW_STATE;
  const b = (typeof o.bounds === 'object' && o.bounds !== null ? o.bounds : {}) as Record<string, unknown>;
  const width = finite(b.width) ? Math.max(MIN_SIZE.width, Math.round(b.width)) : 0;
  const height = finite(b.height) ? Math.max(MIN_SIZE.height, Math.round(b.height)) : 0;
  const bounds: Bounds =
    width === 0 || height === 0
      ? DEFAULT_WINDOW_STATE.bounds
      : finite(b.x) && finite(b.y)
        ? { x: Math.round(b.x), y: Math.round(b.y), width, height }
        : { width, height };
  const zoomFactor =
    finite(o.zoomFactor) && o.zoomFactor >= ZOOM_FACTORS[0] && o.zoomFactor <= ZOOM_FACTORS[12]
      ? o.zoomFactor
      : 1;
  return { bounds, maximized: o.maximized === true, zoomFactor };
}

function overlaps(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * Where the next window goes: the remembered bounds, shifted `cascade` steps when other windows are
 * open, shrunk to fit its screen; without a position (Electron centres it) when the remembered place is
 * on no connected screen.
 */
export function placeWindow(state: WindowState, workAreas: readonly Rect[], cascade = 0): Bounds {
  const { x, y, width, height } = state.bounds;
  const primary = workAreas[0];
  if (x === undefined || y === undefined) return fitSize({ width, height }, primary);
  const shifted = { x: x + cascade * CASCADE_STEP, y: y + cascade * CASCADE_STEP };
  const grip = (p: { x: number; y: number }): Rect => ({ ...p, ...GRIP });
  const screen =
    workAreas.find((area) => overlaps(grip(shifted), area)) ??
    workAreas.find((area) => overlaps(grip({ x, y }), area));
  if (screen === undefined) return fitSize({ width, height }, primary);
  const position = overlaps(grip(shifted), screen) ? shifted : { x, y };
  return { ...position, ...fitSize({ width, height }, screen) };
}

function fitSize(size: { width: number; height: number }, area: Rect | undefined): Bounds {
  if (area === undefined) return size;
  return {
    width: Math.max(MIN_SIZE.width, Math.min(size.width, area.width)),
    height: Math.max(MIN_SIZE.height, Math.min(size.height, area.height)),
  };
}

/** The zoom factor one step in or out from `current`, or back to 100 %. */
export function zoomed(current: number, change: ZoomChange): number {
  if (change === 'reset') return 1;
  if (change === 'in') return ZOOM_FACTORS.find((z) => z > current + 1e-6) ?? ZOOM_FACTORS[12];
  return [...ZOOM_FACTORS].reverse().find((z) => z < current - 1e-6) ?? ZOOM_FACTORS[0];
}

export class WindowStateStore {
  private state: WindowState = DEFAULT_WINDOW_STATE;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    readonly file: string,
    private readonly fs?: SettingsFs,
  ) {}

  async load(): Promise<WindowState> {
    this.state = parseWindowState(await readJsonFile(this.file, this.fs));
    return this.state;
  }

  get(): WindowState {
    return this.state;
  }

  /** Remembers a change (a window closed, the zoom changed) and writes the file. */
  update(change: Partial<WindowState>): Promise<void> {
    this.state = { ...this.state, ...change };
    const write = (): Promise<void> => writeJsonFile(this.file, { format: FORMAT, ...this.state }, this.fs);
    this.writing = this.writing.then(write, write);
    return this.writing;
  }
}
