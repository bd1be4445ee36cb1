/**
 * The examples part of the learn panel, as a template function: which set (generated, loaded from an
 * `*.examples.json`, or made by adding the sheet's input with a label), the held-out share, saving the
 * set, and why the set does not fit the network when it does not.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ExampleSet } from '../../src-core/learn/example-set';
import type { Issue } from '../../src-core/sheet/issues';
import type { ExampleSource } from './examples-source';
import type { LearnSettings } from './settings';
import { LEARN_TASKS, learnTask } from './tasks';

export interface ExamplesContext {
  readonly source: ExampleSource | null;
  readonly set: ExampleSet | null;
  readonly settings: LearnSettings;
  readonly running: boolean;
  /** Why the set does not fit the network (empty: it fits). */
  readonly fit: readonly Issue[];
  /** Problems reading a file the learner chose. */
  readonly fileIssues: readonly Issue[];
  /** Class names a new example can be given. */
  readonly classes: readonly string[];
  readonly addLabel: number;
  readonly chooseTask: (id: string, seed?: number) => void;
  readonly openTaskNetwork: () => void;
  readonly loadFile: (file: File) => void;
  readonly setAddLabel: (label: number) => void;
  readonly addCurrentInput: () => void;
  readonly saveUrl: () => string | null;
  readonly change: (patch: Partial<LearnSettings>) => void;
}

const SPLITS: readonly [number, string][] = [
  [0, 'none'],
  [0.2, '20%'],
  [0.25, '25%'],
  [1 / 3, 'a third'],
  [0.5, 'half'],
];

function sourceValue(source: ExampleSource | null): string {
  if (source === null) return '';
  return source.kind === 'task' ? `task:${source.task}` : source.kind;
}

export function examplesSection(c: ExamplesContext): TemplateResult {
  const locked = c.running;
  const source = c.source;
  const task = source?.kind === 'task' ? learnTask(source.task) : undefined;
  const n = c.set?.examples.length ?? 0;
  const fileName = source?.kind === 'file' ? source.name : source?.kind === 'task' ? source.task : 'examples';
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
        <optgroup label="generated">
          ${LEARN_TASKS.map((t) => html`<option value="task:${t.id}" ?selected=${sourceValue(source) === `task:${t.id}`}>${t.title}</option>`)}
        </optgroup>
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
            <p class="hint">${task.description}</p>`
    }
    <button
      ?disabled=${locked}
      title="an *.examples.json file"
      @click=${(e: Event) => (e.target as HTMLElement).nextElementSibling?.dispatchEvent(new MouseEvent('click'))}
    >
      Load examples…
    </button>
    <input
      type="file"
      hidden
      aria-label="examples file"
      accept=".json,application/json"
      @change=${(e: Event) => {
        const input = e.target as HTMLInputElement;
        const file = input.files?.[0];
        if (file !== undefined) c.loadFile(file);
        input.value = '';
      }}
    />
    ${c.fileIssues.length > 0 ? issueList(c.fileIssues) : nothing}
    <span class="inline">
      <button
        ?disabled=${locked || c.settings.loss === 'mse'}
        title=${c.settings.loss === 'mse' ? 'an mse example needs a target map: load them from a file' : 'the input on the sheet, with this label'}
        @click=${c.addCurrentInput}
      >
        Add the sheet's input as
      </button>
      <select
        aria-label="label of the new example"
        ?disabled=${locked || c.settings.loss === 'mse'}
        @change=${(e: Event) => c.setAddLabel(Number((e.target as HTMLSelectElement).value))}
      >
        ${c.classes.map((name, i) => html`<option value=${i} ?selected=${i === c.addLabel}>${name}</option>`)}
      </select>
    </span>
    <label
      >hold out for testing
      <select
        ?disabled=${locked}
        @change=${(e: Event) => c.change({ testFraction: Number((e.target as HTMLSelectElement).value) })}
      >
        ${SPLITS.map(([v, t]) => html`<option value=${v} ?selected=${Math.abs(v - c.settings.testFraction) < 1e-9}>${t}</option>`)}
      </select></label
    >
    ${n > 0 ? html`<a class="save" download="${fileName.replace(/\.examples\.json$|\.json$/, '')}.examples.json" href=${c.saveUrl() ?? nothing}>save ${n} examples</a>` : nothing}
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

export function issueList(issues: readonly Issue[]): TemplateResult {
  return html`<ul class="issues">
    ${issues.map((i) => html`<li>${i.path === '' ? '' : html`<code>${i.path}</code>: `}${i.message}</li>`)}
  </ul>`;
}
