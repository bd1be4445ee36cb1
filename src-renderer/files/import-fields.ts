/**
 * The option fields of the import dialog, one set per kind of file. Each field reports a patch of the
 * choice; the dialog merges it and works the preview out again.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { CsvChoice, ImageChoice, ImportChoice, ImportWant, XlsxChoice } from './import-options';
import type { ImportSource } from './import-source';

export type ChoicePatch = (patch: Partial<CsvChoice> | Partial<ImageChoice> | Partial<XlsxChoice>) => void;

function select(
  label: string,
  value: string,
  options: readonly (readonly [string, string])[],
  set: (v: string) => void,
): TemplateResult {
  return html`<label>${label}</label>
    <select
      aria-label=${label}
      @change=${(e: Event) => {
        set((e.target as HTMLSelectElement).value);
      }}
    >
      ${options.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select>`;
}

export function choiceFields(
  source: ImportSource,
  choice: ImportChoice,
  want: ImportWant,
  patch: ChoicePatch,
): TemplateResult | typeof nothing {
  if (choice.kind === 'csv') return csvFields(choice, patch);
  if (choice.kind === 'image' && source.kind === 'image') return imageFields(source, choice, want, patch);
  if (choice.kind === 'xlsx' && source.kind === 'xlsx') return xlsxFields(source, choice, patch);
  return html`<p class="hint wide">The input of that workbook, as it is.</p>`;
}

function csvFields(choice: CsvChoice, patch: ChoicePatch): TemplateResult {
  return html`${select(
    'Separator',
    choice.delimiter,
    [
      ['auto', 'detect'],
      [',', 'comma'],
      [';', 'semicolon'],
      ['\t', 'tab'],
    ],
    (v) => patch({ delimiter: v as CsvChoice['delimiter'] }),
  )}
  ${select(
    'Header row',
    choice.header,
    [
      ['auto', 'detect'],
      ['yes', 'yes: skip the first row'],
      ['no', 'no: every row is numbers'],
    ],
    (v) => patch({ header: v as CsvChoice['header'] }),
  )}
  ${select(
    'Values',
    choice.scale,
    [
      ['none', 'as written'],
      ['255', 'divide by 255 (pixels 0..255 to 0..1)'],
      ['auto', 'divide by 255 when they look like pixels'],
    ],
    (v) => patch({ scale: v as CsvChoice['scale'] }),
  )}`;
}

function imageFields(
  source: Extract<ImportSource, { kind: 'image' }>,
  choice: ImageChoice,
  want: ImportWant,
  patch: ChoicePatch,
): TemplateResult {
  const own = choice.fit === 'own';
  const number = (label: string, value: number, set: (n: number) => Partial<ImageChoice>) =>
    html`<input
      type="number"
      min="1"
      max="4096"
      step="1"
      aria-label=${label}
      .value=${String(value)}
      ?disabled=${own}
      @change=${(e: Event) => patch(set(Number((e.target as HTMLInputElement).value)))}
    />`;
  return html`${select(
      'Channels',
      choice.channels,
      [
        ['gray', 'gray (1 channel)'],
        ['rgb', 'RGB (3 channels)'],
      ],
      (v) => patch({ channels: v as ImageChoice['channels'] }),
    )}
    <label for="invert">Invert</label>
    <span class="check"
      ><input
        id="invert"
        type="checkbox"
        .checked=${choice.invert}
        @change=${(e: Event) => patch({ invert: (e.target as HTMLInputElement).checked })}
      />
      <span class="hint">dark ink on paper becomes bright on black, as MNIST digits are</span></span
    >
    ${select(
      'Size',
      choice.fit,
      [
        ['pad', 'resize, keep aspect (pad)'],
        ['crop', 'resize, keep aspect (crop)'],
        ['stretch', 'resize, stretch'],
        ['own', `own size (${source.image.height} x ${source.image.width})`],
      ],
      (v) => patch({ fit: v as ImageChoice['fit'] }),
    )}
    <label>Rows x columns</label>
    <span class="size"
      >${number('rows', choice.height, (height) => ({ height }))} x
      ${number('columns', choice.width, (width) => ({ width }))}</span
    >
    <p class="hint wide">
      Resized by area averaging. The grid it goes into is ${want.height} x
      ${want.width}${want.channels > 1 ? `, ${want.channels} channels` : ''}.
    </p>`;
}

function xlsxFields(
  source: Extract<ImportSource, { kind: 'xlsx' }>,
  choice: XlsxChoice,
  patch: ChoicePatch,
): TemplateResult {
  const used = source.book.sheets.find((s) => s.name === choice.sheet)?.used;
  return html`${select(
      'Sheet',
      choice.sheet,
      source.book.sheets.map((s) => [s.name, s.name] as const),
      (sheet) => patch({ sheet }),
    )}
    <label for="range">Range</label>
    <input
      id="range"
      type="text"
      spellcheck="false"
      .value=${choice.range}
      @change=${(e: Event) => patch({ range: (e.target as HTMLInputElement).value })}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Enter') patch({ range: (e.target as HTMLInputElement).value });
      }}
    />
    <p class="hint wide">
      Cells in use on this sheet: ${used ?? 'none'}. The fast.ai conv-example.xlsx holds its digit in A2:AB29.
    </p>`;
}
