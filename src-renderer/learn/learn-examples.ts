/**
 * The examples part of the learn panel, as a template function: which set (generated, drawn from the
 * built-in MNIST images, loaded from files), adding examples of a class (the sheet's input, image files,
 * a drawing), the held-out share, saving the set, and why the set does not fit the network.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Issue } from '../../src-core/sheet/issues';
import './draw-pad';
import { IMAGES_ACCEPT } from './example-files';
import type { ExampleSource } from './examples-source';
import type { LearnExamples } from './examples-state';
import type { LearnSettings } from './settings';
import { LEARN_TASKS, learnTask } from './tasks';

export interface ExamplesContext {
  readonly examples: LearnExamples;
  readonly settings: LearnSettings;
  readonly running: boolean;
  /** Why the set does not fit the network (empty: it fits). */
  readonly fit: readonly Issue[];
  /** The network's input shape, C x H x W: what drawn and imported examples are made as. */
  readonly shape: readonly number[];
  /** Class names a new example can be given. */
  readonly classes: readonly string[];
  readonly chooseTask: (id: string, seed?: number) => void;
  readonly openTaskNetwork: () => void;
  readonly addCurrentInput: () => void;
  readonly change: (patch: Partial<LearnSettings>) => void;
}

const SPLITS: readonly [number, string][] = [
  [0, 'none'],
  [0.2, '20%'],
  [0.25, '25%'],
  [1 / 3, 'a third'],
  [0.5, 'half'],
];

/** The generated sets and the seeded draws from the built-in MNIST and Fashion-MNIST images. */
const GROUPS: readonly [string, readonly string[]][] = [
  ['generated', ['sobel', 'strokes', 'squares-diamonds']],
  ['MNIST and Fashion-MNIST', ['mnist-3-7', 'mnist-digits', 'fashion-4']],
];

function sourceValue(source: ExampleSource | null): string {
  if (source === null) return '';
  return source.kind === 'task' ? `task:${source.task}` : source.kind;
}

/** Clicks the hidden file input that follows the button. */
function openChooser(e: Event): void {
  (e.target as HTMLElement).nextElementSibling?.dispatchEvent(new MouseEvent('click'));
}

function chosenFiles(e: Event): File[] {
  const input = e.target as HTMLInputElement;
  const files = [...(input.files ?? [])];
  input.value = '';
  return files;
}

export function examplesSection(c: ExamplesContext): TemplateResult {
  const locked = c.running;
  const ex = c.examples;
  const source = ex.source;
  const task = source?.kind === 'task' ? learnTask(source.task) : undefined;
  const n = ex.set?.examples.length ?? 0;
  return html`<fieldset class="examples">
    <legend>Examples</legend>
    <label
      >set
      <select
        aria-label="example set"
        ?disabled=${locked}
        @change=${(e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          if (v.startsWith('task:')) c.chooseTask(v.slice(5));
        }}
      >
        <option value="" ?selected=${source === null}>choose…</option>
        ${GROUPS.map(
          ([group, ids]) =>
            html`<optgroup label=${group}>
              ${LEARN_TASKS.filter((t) => ids.includes(t.id)).map(
                (t) =>
                  html`<option value="task:${t.id}" ?selected=${sourceValue(source) === `task:${t.id}`}>
                    ${t.title}
                  </option>`,
              )}
            </optgroup>`,
        )}
        ${source?.kind === 'file' ? html`<option value="file" selected>${source.name}</option>` : nothing}
        ${source?.kind === 'own' ? html`<option value="own" selected>your examples</option>` : nothing}
      </select></label
    >
    ${
      task === undefined || source?.kind !== 'task'
        ? nothing
        : html`<label
              >seed
              <input
                type="number"
                step="1"
                .value=${String(source.seed)}
                ?disabled=${locked}
                @change=${(e: Event) => {
                  const v = Number((e.target as HTMLInputElement).value);
                  if (Number.isInteger(v)) c.chooseTask(task.id, v);
                }}
            /></label>
            <p class="hint">${task.description}</p>
            ${
              c.fit.length === 0
                ? html`<button
                    ?disabled=${locked}
                    title="its own network, started from seeded random weights (undoable)"
                    @click=${c.openTaskNetwork}
                  >
                    Open its network
                  </button>`
                : nothing
            }`
    }
    <button
      ?disabled=${locked}
      title="an *.examples.json file; a CSV of rows “label, pixel, pixel, …”; or an IDX images file with its labels file (MNIST's format, .gz or not): choose both"
      @click=${openChooser}
    >
      Load examples…
    </button>
    <!-- No accept filter: MNIST's unpacked files have no extension (train-images-idx3-ubyte); what a
         file is, is read from its bytes. -->
    <input
      type="file"
      hidden
      multiple
      aria-label="examples files"
      @change=${(e: Event) => {
        const files = chosenFiles(e);
        if (files.length > 0) void ex.loadFiles(files);
      }}
    />
    ${ex.loading === null ? nothing : html`<p class="hint" role="status">Reading ${ex.loading}…</p>`}
    ${ex.errors.length > 0 ? issueList(ex.errors) : nothing}
    ${
      ex.notes.length > 0
        ? html`<ul class="notes">
            ${ex.notes.map((i) => html`<li>${i.message}</li>`)}
          </ul>`
        : nothing
    }
    ${newExamples(c)}
    <label
      >hold out for testing
      <select
        ?disabled=${locked}
        @change=${(e: Event) => c.change({ testFraction: Number((e.target as HTMLSelectElement).value) })}
      >
        ${SPLITS.map(([v, t]) => html`<option value=${v} ?selected=${Math.abs(v - c.settings.testFraction) < 1e-9}>${t}</option>`)}
      </select></label
    >
    ${
      n > 0 && !ex.kept
        ? html`<p class="hint">Too many to keep in the workbook: save them to a file to have them again.</p>`
        : nothing
    }
    ${n > 0 ? html`<button class="save" ?disabled=${locked} @click=${() => void ex.save()}>Save ${n} examples…</button>` : nothing}
    ${
      c.fit.length > 0 && n > 0
        ? html`<div class="fit" role="status">
            <p>These examples do not fit the network on the sheet:</p>
            ${issueList(c.fit.slice(0, 3))}
            ${task !== undefined ? html`<button @click=${c.openTaskNetwork}>Open the network for “${task.title}”</button>` : nothing}
          </div>`
        : nothing
    }
  </fieldset>`;
}

/** Adding examples of a class: the sheet's input, image files, or a drawing. */
function newExamples(c: ExamplesContext): TemplateResult {
  const ex = c.examples;
  const mse = c.settings.loss === 'mse';
  const off = c.running || mse;
  const why = mse ? 'an mse example needs a target map: load them from a file' : '';
  const [channels = 1, height = 1, width = 1] = c.shape;
  const drawable = (channels === 1 || channels === 3) && height <= 64 && width <= 64;
  return html`<div class="add" role="group" aria-label="add examples">
    <label
      >add as class
      <select
        aria-label="label of new examples"
        ?disabled=${off}
        @change=${(e: Event) => (ex.label = Number((e.target as HTMLSelectElement).value))}
      >
        ${c.classes.map((name, i) => html`<option value=${i} ?selected=${i === ex.label}>${name}</option>`)}
      </select></label
    >
    <span class="inline">
      <button
        ?disabled=${off}
        title=${why || 'the input on the sheet, with this label'}
        @click=${c.addCurrentInput}
      >
        the sheet's input
      </button>
      <button
        ?disabled=${off}
        title=${why || `PNG or JPEG files (several at once), each fitted to ${c.shape.join(' × ')}`}
        @click=${openChooser}
      >
        images…
      </button>
      <input
        type="file"
        hidden
        multiple
        aria-label="images of this class"
        accept=${IMAGES_ACCEPT}
        @change=${(e: Event) => {
          const files = chosenFiles(e);
          if (files.length > 0) void ex.addImages(files);
        }}
      />
    </span>
    ${
      drawable
        ? html`<details class="draw">
            <summary>draw one</summary>
            <cs-draw-pad .height=${height} .width=${width} .channels=${channels} ?disabled=${off}>
              <button
                ?disabled=${off}
                @click=${(e: Event) => {
                  const pad = (e.target as HTMLElement).closest('cs-draw-pad');
                  if (pad === null || pad.empty) return;
                  ex.add([
                    {
                      input: { shape: [channels, height, width], data: pad.values() },
                      label: ex.label,
                      target: null,
                    },
                  ]);
                  pad.clear();
                }}
              >
                Add the drawing
              </button>
            </cs-draw-pad>
          </details>`
        : nothing
    }
  </div>`;
}

export function issueList(issues: readonly Issue[]): TemplateResult {
  return html`<ul class="issues">
    ${issues.map((i) => html`<li>${i.path === '' ? '' : html`<code>${i.path}</code>: `}${i.message}</li>`)}
  </ul>`;
}
