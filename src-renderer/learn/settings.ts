/**
 * The learn panel's settings: what the controls hold, the trainer options they make, and their form
 * inside the workbook's `learn` object (`learn.settings`), so a saved workbook reopens with the same
 * choices. Reading is forgiving: a missing or unreadable setting falls back to its default.
 */
import { INIT_SCHEMES, type InitScheme } from '../../src-core/learn/init';
import { LOSS_NAMES, type LossName } from '../../src-core/learn/losses';
import type { OptimizerSettings } from '../../src-core/learn/optimizer';
import type { TrainerOptions } from '../../src-core/learn/trainer';
import type { Pace } from './protocol';

export type Speed = 'slow' | 'normal' | 'fast';

export const SPEEDS: readonly Speed[] = ['slow', 'normal', 'fast'];

export interface LearnSettings {
  readonly loss: LossName;
  readonly optimizer: 'sgd' | 'adam';
  /** Learning rate (lr of torch.optim). */
  readonly lr: number;
  /** SGD momentum (0: plain SGD). */
  readonly momentum: number;
  readonly nesterov: boolean;
  /** L2 penalty added to the gradient (torch.optim's weight_decay). */
  readonly weightDecay: number;
  /** Examples per step; 'all' is full-batch gradient descent. */
  readonly batchSize: number | 'all';
  /** Seed shuffling the examples every epoch; null keeps the set's order. */
  readonly shuffleSeed: number | null;
  /** How long Learn runs: a number of steps (updates) or of epochs (passes over the training set). */
  readonly lengthUnit: 'steps' | 'epochs';
  readonly length: number;
  /** How the weights start when learning starts afresh (after opening, or after Reset). */
  readonly init: InitScheme;
  readonly initSeed: number;
  /** Share of the examples held out as a test set, and the seed choosing them. */
  readonly testFraction: number;
  readonly splitSeed: number;
  readonly speed: Speed;
  /** Layers (by name) left out of learning although the workbook marks them trainable. */
  readonly held: readonly string[];
}

export const DEFAULT_SETTINGS: LearnSettings = {
  loss: 'mse',
  optimizer: 'sgd',
  lr: 0.01,
  momentum: 0,
  nesterov: false,
  weightDecay: 0,
  batchSize: 'all',
  shuffleSeed: null,
  lengthUnit: 'steps',
  length: 100,
  init: 'keep',
  initSeed: 1,
  testFraction: 0,
  splitSeed: 1,
  speed: 'normal',
  held: [],
};

export function optimizerSettings(s: LearnSettings): OptimizerSettings {
  if (s.optimizer === 'adam') return { name: 'adam', lr: s.lr, weightDecay: s.weightDecay };
  return { name: 'sgd', lr: s.lr, momentum: s.momentum, nesterov: s.nesterov, weightDecay: s.weightDecay };
}

export function trainerOptions(s: LearnSettings): Omit<TrainerOptions, 'test'> {
  return {
    loss: s.loss,
    optimizer: optimizerSettings(s),
    batchSize: s.batchSize,
    shuffleSeed: s.shuffleSeed,
  };
}

/**
 * Slow and normal take a step or two at a time, so each can be followed. Fast learns in slices of
 * 25 ms with a rest of 5 ms after each: on a machine of two cores a worker busy without a break takes
 * the core the page's compositor and painting also need, and the page stutters.
 */
export function paceOf(speed: Speed): Pace {
  if (speed === 'slow') return { kind: 'steps', steps: 1, waitMs: 100 };
  if (speed === 'normal') return { kind: 'steps', steps: 2, waitMs: 30 };
  return { kind: 'fast', sliceMs: 25, restMs: 5 };
}

/**
 * The settings a trainer is made from: when one of these changes, the next Learn needs a new trainer
 * (the learning rate and the run's length and speed change a running one).
 */
export function trainerKey(s: LearnSettings): string {
  const {
    loss,
    optimizer,
    momentum,
    nesterov,
    weightDecay,
    batchSize,
    shuffleSeed,
    testFraction,
    splitSeed,
    held,
  } = s;
  return JSON.stringify({
    loss,
    optimizer,
    momentum,
    nesterov,
    weightDecay,
    batchSize,
    shuffleSeed,
    testFraction,
    splitSeed,
    held,
  });
}

type Reader = (key: keyof LearnSettings) => unknown;

function pick<T>(read: Reader, key: keyof LearnSettings, ok: (v: unknown) => v is T): T {
  const v = read(key);
  return ok(v) ? v : (DEFAULT_SETTINGS[key] as T);
}

const finiteAbove =
  (min: number) =>
  (v: unknown): v is number =>
    typeof v === 'number' && Number.isFinite(v) && v > min;
const atLeastZero = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
const seed = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const oneOf =
  <T extends string>(names: readonly T[]) =>
  (v: unknown): v is T =>
    typeof v === 'string' && (names as readonly string[]).includes(v);

/** Settings from `learn.settings` of a workbook (anything unreadable gets its default). */
export function readSettings(learn: unknown): LearnSettings {
  const raw = isRecord(learn) && isRecord(learn.settings) ? learn.settings : {};
  const read: Reader = (key) => raw[key];
  const batch = read('batchSize');
  const shuffle = read('shuffleSeed');
  const held = read('held');
  return {
    loss: pick(read, 'loss', oneOf(LOSS_NAMES)),
    optimizer: pick(read, 'optimizer', oneOf(['sgd', 'adam'] as const)),
    lr: pick(read, 'lr', finiteAbove(0)),
    momentum: pick(read, 'momentum', atLeastZero),
    nesterov: pick(read, 'nesterov', (v): v is boolean => typeof v === 'boolean'),
    weightDecay: pick(read, 'weightDecay', atLeastZero),
    batchSize:
      batch === 'all' || (Number.isInteger(batch) && (batch as number) >= 1)
        ? (batch as number | 'all')
        : 'all',
    shuffleSeed: shuffle === null || seed(shuffle) ? shuffle : null,
    lengthUnit: pick(read, 'lengthUnit', oneOf(['steps', 'epochs'] as const)),
    length: pick(read, 'length', (v): v is number => Number.isInteger(v) && (v as number) >= 1),
    init: pick(read, 'init', oneOf(INIT_SCHEMES)),
    initSeed: pick(read, 'initSeed', seed),
    testFraction: pick(read, 'testFraction', (v): v is number => typeof v === 'number' && v >= 0 && v < 1),
    splitSeed: pick(read, 'splitSeed', seed),
    speed: pick(read, 'speed', oneOf(SPEEDS)),
    held: Array.isArray(held) ? held.filter((n): n is string => typeof n === 'string') : [],
  };
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
