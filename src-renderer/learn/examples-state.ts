/**
 * The learn drawer's examples: which set is open (generated, drawn from the built-in MNIST images,
 * loaded from files, or made by the learner), the label new examples get, what went wrong reading a
 * file, and the train/test split. The panel renders from it, and it asks the panel to update when
 * something changes.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Issue } from '../../src-core/sheet/issues';
import type { Workbook } from '../../src-core/sheet/types';
import { writeExamples, type Example, type ExampleSet } from '../../src-core/learn/example-set';
import { desktop, type Desktop } from '../desktop';
import { decodeInBrowser, type ImageDecoder } from '../files/import-source';
import { chosenFile, readExampleFiles, readImageExamples } from './example-files';
import {
  generate,
  KEEP_VALUES,
  valueCount,
  split,
  withExamples,
  type ExampleSource,
  type SplitSet,
} from './examples-source';
import { learnTask, type LearnTask } from './tasks';

export interface ExamplesEvents {
  /** The set or its source changed (the learner added or loaded examples). */
  readonly changed: () => void;
  /** A generated set is ready; `fresh` when newly chosen (not a new seed of the same set, not a reopened file). */
  readonly taskReady: (task: LearnTask, fresh: boolean) => void;
  /** The workbook on the sheet, whose input shape new examples take. */
  readonly workbook: () => Workbook | null;
}

export class LearnExamples {
  source: ExampleSource | null = null;
  set: ExampleSet | null = null;
  /** Why the last file, image or built-in set could not be read. */
  errors: readonly Issue[] = [];
  /** What the learner should know about the last file read (values scaled, examples left out, ...). */
  notes: readonly Issue[] = [];
  /** The name of what is being read, while it is. */
  loading: string | null = null;
  /** The class the next added example gets. */
  label = 0;
  /** Decodes images; tests may pass their own. */
  decode: ImageDecoder = decodeInBrowser;
  /** Writes a file out (a save dialog, or a download); tests may pass their own. */
  exportFile: Desktop['exportFile'] = (name, data) => desktop.exportFile(name, data);

  /** Counts requests, so that a slow read finishing late never replaces a newer choice. */
  private ticket = 0;
  private splitCache: { set: ExampleSet; fraction: number; seed: number; value: SplitSet } | null = null;
  private keptOf: { set: ExampleSet; kept: boolean } | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly events: ExamplesEvents,
  ) {}

  /** Chooses a generated set (a new seed of the current one keeps the learner's settings). */
  async chooseTask(id: string, seed?: number): Promise<void> {
    const task = learnTask(id);
    if (task === undefined) return;
    const source: ExampleSource = { kind: 'task', task: task.id, seed: seed ?? task.seed };
    const set = await this.read(task.title, () => generate(source));
    if (set === null) return;
    this.source = source;
    this.set = set;
    this.events.taskReady(task, seed === undefined);
  }

  /** Puts back a generated set saved in a workbook (no settings change, no network opened). */
  async restore(source: Extract<ExampleSource, { kind: 'task' }>): Promise<void> {
    this.source = source;
    const set = await this.read(learnTask(source.task)?.title ?? source.task, () => generate(source));
    if (set !== null && this.source === source) this.set = set;
    this.host.requestUpdate();
  }

  /** Puts back a set kept in a workbook (the learner's own, or one from a file). */
  reopen(source: Exclude<ExampleSource, { kind: 'task' }>, set: ExampleSet): void {
    ++this.ticket;
    this.loading = null;
    this.source = source;
    this.set = set;
    this.host.requestUpdate();
  }

  /** Whether the set is kept in the workbook when saved (a generated one is made again from its seed). */
  get kept(): boolean {
    const set = this.set;
    if (set === null || this.source === null || this.source.kind === 'task') return true;
    if (this.keptOf?.set !== set) this.keptOf = { set, kept: valueCount(set) <= KEEP_VALUES };
    return this.keptOf.kept;
  }

  /** Loads an `*.examples.json`, a CSV of "label, pixels..." rows, or an IDX images file with its labels. */
  async loadFiles(files: readonly File[]): Promise<void> {
    const name = files.map((f) => f.name).join(' and ');
    const shape = this.events.workbook()?.input.shape ?? null;
    const ticket = ++this.ticket;
    this.begin(name);
    const r = await readExampleFiles(await Promise.all(files.map(chosenFile)), shape);
    if (ticket !== this.ticket) return;
    this.loading = null;
    this.errors = r.ok ? [] : r.errors;
    this.notes = r.warnings;
    if (r.ok) {
      this.source = { kind: 'file', name: r.value.name };
      this.set = r.value.set;
      this.label = 0;
      this.events.changed();
    }
    this.host.requestUpdate();
  }

  /** Adds images as examples of the chosen label, each fitted to the sheet's input. */
  async addImages(files: readonly File[]): Promise<void> {
    const shape = this.events.workbook()?.input.shape;
    if (shape === undefined || files.length === 0) return;
    const ticket = ++this.ticket;
    this.begin(files.length === 1 ? (files[0]?.name ?? '') : `${files.length} images`);
    const r = await readImageExamples(
      await Promise.all(files.map(chosenFile)),
      shape,
      this.label,
      this.decode,
    );
    if (ticket !== this.ticket) return;
    this.loading = null;
    this.errors = r.errors;
    this.notes = r.warnings;
    this.add(r.examples);
  }

  /** Adds examples the learner made (the sheet's input, a drawing) to the set. */
  add(examples: readonly Example[]): void {
    if (examples.length > 0) {
      this.set = withExamples(this.set, examples);
      this.source = { kind: 'own' };
      this.events.changed();
    }
    this.host.requestUpdate();
  }

  splitSet(fraction: number, seed: number): SplitSet | null {
    const set = this.set;
    if (set === null) return null;
    const c = this.splitCache;
    if (c !== null && c.set === set && c.fraction === fraction && c.seed === seed) return c.value;
    this.splitCache = { set, fraction, seed, value: split(set, fraction, seed) };
    return this.splitCache.value;
  }

  /**
   * Writes the set as an `*.examples.json` file: a save dialog in the desktop app, a download in a
   * browser. The text is made only now: 5,000 digits are tens of megabytes.
   */
  async save(): Promise<void> {
    const set = this.set;
    if (set === null) return;
    const source = this.source;
    const base = source?.kind === 'file' ? source.name : source?.kind === 'task' ? source.task : 'examples';
    const name = `${base.replace(/\.examples\.json$|\.json$|\.csv$|\.gz$/i, '')}.examples.json`;
    const r = await this.exportFile(name, writeExamples(set));
    if (r.status === 'failed') this.errors = [{ path: '', message: `${name} was not saved: ${r.message}` }];
    else if (r.status === 'saved')
      this.notes = [{ path: '', message: `Saved ${set.examples.length} examples as ${r.name}.` }];
    this.host.requestUpdate();
  }

  private begin(name: string): void {
    this.loading = name;
    this.errors = [];
    this.notes = [];
    this.host.requestUpdate();
  }

  /** A set made now or once its images have loaded; null when a newer request came first or it failed. */
  private async read(name: string, make: () => ExampleSet | Promise<ExampleSet>): Promise<ExampleSet | null> {
    const ticket = ++this.ticket;
    this.errors = [];
    this.notes = [];
    try {
      const made = make();
      if (!(made instanceof Promise)) {
        this.loading = null;
        return made;
      }
      this.begin(name);
      const set = await made;
      if (ticket !== this.ticket) return null;
      this.loading = null;
      return set;
    } catch (e) {
      if (ticket !== this.ticket) return null;
      this.loading = null;
      this.errors = [{ path: '', message: `${name}: ${e instanceof Error ? e.message : String(e)}` }];
      this.host.requestUpdate();
      return null;
    }
  }
}
