/**
 * The learn panel's settings form, as template functions: each control shows one field of
 * LearnSettings and reports a change as a partial settings object. Numbers are committed on `change`
 * (Enter or leaving the field), never while typing, so a half-typed "0." is not read as 0.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { INIT_SCHEMES } from '../../src-core/learn/init';
import { LOSS_NAMES } from '../../src-core/learn/losses';
import type { LearnSettings } from './settings';

export interface FormContext {
  readonly settings: LearnSettings;
  /** While a run goes on only the learning rate and the speed can change. */
  readonly running: boolean;
  /** Weighted layers that the workbook lets learn, with whether the panel holds them back. */
  readonly layers: readonly { readonly name: string; readonly held: boolean }[];
  readonly change: (patch: Partial<LearnSettings>) => void;
}

const LOSS_TITLES: Record<string, string> = {
  mse: 'mse (target maps)',
  bce: 'bce (two classes)',
  ce: 'ce (classes)',
};

const INIT_TITLES: Record<string, string> = {
  keep: 'the values on the sheet',
  zeros: 'zeros',
  uniform: 'uniform (PyTorch default)',
  normal: 'normal',
  xavier: 'Xavier (Glorot uniform)',
  he: 'He (Kaiming normal)',
};

/** A number from a field, or null when the text is not a number in range. */
function numberFrom(event: Event, min: number, integer = false): number | null {
  const text = (event.target as HTMLInputElement).value.trim();
  const v = Number(text);
  if (text === '' || !Number.isFinite(v) || v < min || (integer && !Number.isInteger(v))) return null;
  return v;
}

function numberField(
  label: string,
  value: number,
  onValue: (v: number) => void,
  options: { min?: number; step?: string; integer?: boolean; disabled?: boolean; title?: string } = {},
): TemplateResult {
  const min = options.min ?? 0;
  return html`<label title=${options.title ?? nothing}
    >${label}
    <input
      type="number"
      .value=${String(value)}
      min=${min}
      step=${options.step ?? 'any'}
      ?disabled=${options.disabled ?? false}
      @change=${(e: Event) => {
        const v = numberFrom(e, min, options.integer);
        if (v === null) (e.target as HTMLInputElement).value = String(value);
        else onValue(v);
      }}
  /></label>`;
}

function select<T extends string>(
  label: string,
  value: T,
  options: readonly T[],
  titles: Record<string, string>,
  onValue: (v: T) => void,
  disabled: boolean,
): TemplateResult {
  return html`<label
    >${label}
    <select
      ?disabled=${disabled}
      @change=${(e: Event) => onValue((e.target as HTMLSelectElement).value as T)}
    >
      ${options.map((o) => html`<option value=${o} ?selected=${o === value}>${titles[o] ?? o}</option>`)}
    </select></label
  >`;
}

export function optimizerFields(c: FormContext): TemplateResult {
  const s = c.settings;
  const locked = c.running;
  const sgd = s.optimizer === 'sgd';
  return html`<fieldset>
    <legend>Gradient descent</legend>
    ${select('loss', s.loss, LOSS_NAMES, LOSS_TITLES, (loss) => c.change({ loss }), locked)}
    ${select('optimizer', s.optimizer, ['sgd', 'adam'] as const, { sgd: 'SGD', adam: 'Adam' }, (optimizer) => c.change({ optimizer }), locked)}
    ${numberField('learning rate', s.lr, (lr) => c.change({ lr }), {
      min: Number.MIN_VALUE,
      title: 'changes take effect at the next step, also while learning',
    })}
    ${
      sgd
        ? html`${numberField('momentum', s.momentum, (momentum) => c.change({ momentum, nesterov: momentum > 0 && s.nesterov }), { disabled: locked })}
            <label title="Nesterov momentum needs a momentum above 0"
              ><input
                type="checkbox"
                .checked=${s.nesterov}
                ?disabled=${locked || s.momentum === 0}
                @change=${(e: Event) => c.change({ nesterov: (e.target as HTMLInputElement).checked })}
              />Nesterov</label
            >`
        : nothing
    }
    ${numberField('weight decay', s.weightDecay, (weightDecay) => c.change({ weightDecay }), { disabled: locked })}
  </fieldset>`;
}

export function scheduleFields(c: FormContext): TemplateResult {
  const s = c.settings;
  const locked = c.running;
  const all = s.batchSize === 'all';
  return html`<fieldset>
    <legend>Batches and length</legend>
    <label
      ><input
        type="checkbox"
        .checked=${all}
        ?disabled=${locked}
        @change=${(e: Event) => c.change({ batchSize: (e.target as HTMLInputElement).checked ? 'all' : 10 })}
      />full batch</label
    >
    ${all ? nothing : numberField('batch size', s.batchSize, (batchSize) => c.change({ batchSize }), { min: 1, step: '1', integer: true, disabled: locked })}
    <label
      ><input
        type="checkbox"
        .checked=${s.shuffleSeed !== null}
        ?disabled=${locked}
        @change=${(e: Event) => c.change({ shuffleSeed: (e.target as HTMLInputElement).checked ? 1 : null })}
      />shuffle</label
    >
    ${
      s.shuffleSeed === null
        ? nothing
        : numberField('shuffle seed', s.shuffleSeed, (shuffleSeed) => c.change({ shuffleSeed }), {
            step: '1',
            integer: true,
            disabled: locked,
          })
    }
    <span class="inline">
      ${numberField('run', s.length, (length) => c.change({ length }), { min: 1, step: '1', integer: true, disabled: locked })}
      ${select('', s.lengthUnit, ['steps', 'epochs'] as const, {}, (lengthUnit) => c.change({ lengthUnit }), locked)}
    </span>
  </fieldset>`;
}

export function startFields(c: FormContext): TemplateResult {
  const s = c.settings;
  const locked = c.running;
  return html`<fieldset>
    <legend>What learns</legend>
    ${
      c.layers.length === 0
        ? html`<p>No conv2d or dense layer is trainable.</p>`
        : c.layers.map(
            (l) =>
              html`<label
                ><input
                  type="checkbox"
                  .checked=${!l.held}
                  ?disabled=${locked}
                  @change=${(e: Event) => {
                    const on = (e.target as HTMLInputElement).checked;
                    const held = s.held.filter((n) => n !== l.name);
                    c.change({ held: on ? held : [...held, l.name] });
                  }}
                />${l.name}</label
              >`,
          )
    }
    <span class="inline" title="applies when learning starts afresh: the first Learn or Step after Reset">
      ${select('start from', s.init, INIT_SCHEMES, INIT_TITLES, (init) => c.change({ init }), locked)}
      ${s.init === 'keep' ? nothing : numberField('seed', s.initSeed, (initSeed) => c.change({ initSeed }), { step: '1', integer: true, disabled: locked })}
    </span>
  </fieldset>`;
}
