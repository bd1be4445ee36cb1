import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decode } from 'fast-png';
import { afterEach, describe, expect, it } from 'vitest';
import { firstRunWorkbook } from '../../src-core/presets/workbooks';
import { readExamples } from '../../src-core/learn/example-set';
import { readExampleFiles } from '../../src-renderer/learn/example-files';
import { AppStandIn, inProcessWorker, redrawn, until, shadowOf } from './learn-support';

// Where the learn drawer's examples come from besides the generated sets: the MNIST and Fashion-MNIST
// images built into the app, CSV files, IDX file pairs (gzipped or not) and image files of one class.

afterEach(() => {
  document.body.replaceChildren();
});

async function choose(app: AppStandIn, input: string, files: File[]): Promise<void> {
  const el = shadowOf(app.panel).querySelector<HTMLInputElement>(`input[aria-label="${input}"]`);
  if (el === null) throw new Error(`no file input "${input}"`);
  Object.defineProperty(el, 'files', { value: files, configurable: true });
  el.dispatchEvent(new Event('change'));
  await until(() => app.panel.examples.loading === null, 10_000, 'the files to be read');
  await redrawn(app.panel);
}

function sample(path: string): File {
  const bytes = readFileSync(resolve('samples', path));
  return new File([bytes], path.split('/').pop() ?? path);
}

async function openWithCe(): Promise<AppStandIn> {
  const app = new AppStandIn(firstRunWorkbook(), inProcessWorker);
  await redrawn(app.panel);
  app.panel.settings = { ...app.panel.settings, loss: 'ce' };
  await redrawn(app.panel);
  return app;
}

describe('examples in the learn drawer', () => {
  it('draws "MNIST: 3 vs 7" from the built-in digits: 150 of each, seeded, on the first-run network', async () => {
    const app = await openWithCe();
    const select = shadowOf(app.panel).querySelector<HTMLSelectElement>('select[aria-label="example set"]');
    if (select === null) throw new Error('no set choice');
    select.value = 'task:mnist-3-7';
    select.dispatchEvent(new Event('change'));
    await until(() => app.panel.set !== null, 10_000, 'the digits');
    await redrawn(app.panel);
    const set = app.panel.set;
    expect(set?.classes).toEqual(['3', '7']);
    expect(set?.examples).toHaveLength(300);
    expect(set?.examples.filter((e) => e.label === 1)).toHaveLength(150);
    // 28 x 28 gray digits in 0..1, whole steps of 1/255.
    const first = set?.examples[0]?.input;
    expect(first?.shape).toEqual([1, 28, 28]);
    const data = [...(first?.data ?? [])];
    expect(Math.max(...data)).toBe(1);
    expect(data.every((v) => Math.abs(v * 255 - Math.round(v * 255)) < 1e-9)).toBe(true);
    // 1 x 28 x 28 in, 10 scores out: the digits fit the sheet's network, which stays.
    expect(app.labels).toEqual([]);
    expect(app.panel.settings.loss).toBe('ce');
    // The same seed draws the same digits again; "Open its network" gives 4 filters and 2 scores.
    const again = [...data];
    const open = [...shadowOf(app.panel).querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Open its network',
    );
    open?.click();
    await redrawn(app.panel);
    expect(app.labels).toEqual(['open']);
    const layers = app.workbook.layers;
    expect(layers.map((l) => l.type)).toEqual(['conv2d', 'relu', 'maxpool2d', 'dense']);
    const scores = layers[3];
    expect(scores?.type === 'dense' && scores.weight.shape).toEqual([2, 4 * 13 * 13]);
    expect([...(app.panel.set?.examples[0]?.input.data ?? [])]).toEqual(again);
  });

  it('loads a CSV of "label, 784 pixels" rows as 28 x 28 examples, 0..255 divided by 255', async () => {
    const app = await openWithCe();
    const row = (label: number, v: number): string => [label, ...new Array<number>(784).fill(v)].join(',');
    await choose(app, 'examples files', [
      new File(
        [
          `label,${Array.from({ length: 784 }, (_, i) => `p${i}`).join(',')}\n${row(7, 51)}\n${row(2, 255)}\n`,
        ],
        'digits.csv',
      ),
    ]);
    expect(app.panel.fileIssues).toEqual([]);
    expect(app.panel.source).toEqual({ kind: 'file', name: 'digits.csv' });
    const examples = app.panel.set?.examples ?? [];
    expect(examples.map((e) => e.label)).toEqual([7, 2]);
    expect(examples[0]?.input.shape).toEqual([1, 28, 28]);
    expect(examples[0]?.input.data[400]).toBeCloseTo(0.2, 15);
    expect(examples[1]?.input.data[0]).toBe(1);
    expect(app.panel.examples.notes[0]?.message).toMatch(/divided by 255/);
  });

  it('loads an IDX images file with its labels file, gzipped, and refuses one without the other', async () => {
    const app = await openWithCe();
    await choose(app, 'examples files', [sample('idx/fashion-100-images-idx3-ubyte.gz')]);
    expect(app.panel.fileIssues[0]?.message).toMatch(
      /IDX files come in pairs: choose the images file and its labels file together/,
    );
    expect(app.panel.set).toBeNull();
    // Labels first: the order does not matter.
    await choose(app, 'examples files', [
      sample('idx/fashion-100-labels-idx1-ubyte.gz'),
      sample('idx/fashion-100-images-idx3-ubyte.gz'),
    ]);
    expect(app.panel.fileIssues).toEqual([]);
    const set = app.panel.set;
    expect(set?.examples).toHaveLength(100);
    expect(set?.examples[0]?.input.shape).toEqual([1, 28, 28]);
    // Fashion-MNIST's test set starts with an ankle boot (9), a pullover (2) and a trouser (1).
    expect(set?.examples.slice(0, 3).map((e) => set.classes?.[e.label ?? -1])).toEqual(['9', '2', '1']);
    // Unpacked, with MNIST's names (no extension): read from their bytes alike.
    const unpacked = (path: string, name: string): File =>
      new File([gunzipSync(readFileSync(resolve('samples', path)))], name);
    await choose(app, 'examples files', [
      unpacked('idx/fashion-100-images-idx3-ubyte.gz', 'images-idx3-ubyte'),
      unpacked('idx/fashion-100-labels-idx1-ubyte.gz', 'labels-idx1-ubyte'),
    ]);
    expect(app.panel.fileIssues).toEqual([]);
    expect(app.panel.source).toEqual({ kind: 'file', name: 'images-idx3-ubyte' });
    expect(app.panel.set?.examples).toHaveLength(100);
  });

  it('adds image files as examples of the chosen class, inverting ink on paper', async () => {
    const app = await openWithCe();
    app.panel.examples.decode = (bytes) => {
      const png = decode(bytes);
      const rgba = new Uint8ClampedArray(png.width * png.height * 4);
      for (let i = 0; i < png.width * png.height; i++) {
        for (let k = 0; k < png.channels; k++) rgba[4 * i + k] = png.data[i * png.channels + k] ?? 0;
        if (png.channels < 4) rgba[4 * i + 3] = 255;
        if (png.channels < 3) rgba[4 * i + 1] = rgba[4 * i + 2] = rgba[4 * i] ?? 0;
      }
      return Promise.resolve({ width: png.width, height: png.height, data: rgba });
    };
    const label = shadowOf(app.panel).querySelector<HTMLSelectElement>(
      'select[aria-label="label of new examples"]',
    );
    if (label === null) throw new Error('no label choice');
    label.value = '7';
    label.dispatchEvent(new Event('change'));
    await choose(app, 'images of this class', [
      sample('digits/drawn-7.png'),
      sample('digits/fastai-digit.png'),
      new File(['not an image'], 'notes.txt'),
    ]);
    const examples = app.panel.set?.examples ?? [];
    expect(examples.map((e) => e.label)).toEqual([7, 7]);
    expect(app.panel.source).toEqual({ kind: 'own' });
    // drawn-7.png is black ink on white: inverted, its white corner becomes 0 and its ink near 1.
    const drawn = [...(examples[0]?.input.data ?? [])];
    expect(drawn[0]).toBe(0);
    expect(Math.max(...drawn)).toBeGreaterThan(0.9);
    expect(app.panel.examples.notes[0]?.message).toBe(
      'drawn-7.png: light image (dark strokes on white) inverted, to bright strokes on black',
    );
    // The fast.ai digit is bright on black: kept as it is, equal to the sheet's input within a gray level.
    const digit = examples[1]?.input.data ?? new Float64Array(0);
    const sheet = app.workbook.input.data ?? new Float64Array(0);
    expect(digit.length).toBe(784);
    expect(Math.max(...digit.map((v, i) => Math.abs(v - (sheet[i] ?? 0))))).toBeLessThanOrEqual(
      0.5 / 255 + 1e-12,
    );
    expect(app.panel.fileIssues.map((i) => i.message)).toEqual([expect.stringMatching(/^notes\.txt: /)]);
  });

  it('keeps examples added by hand in the workbook: a reopened copy has them again', async () => {
    const app = await openWithCe();
    const add = [...shadowOf(app.panel).querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === "the sheet's input",
    );
    add?.click();
    add?.click();
    expect(app.panel.set?.examples).toHaveLength(2);
    const saved = JSON.parse(JSON.stringify(app.workbook.learn)) as {
      examples: { kind: string; set: { examples: unknown[] } };
    };
    expect(saved.examples.kind).toBe('own');
    expect(saved.examples.set.examples).toHaveLength(2);
    // Saved to a file on request, through the app's export (a save dialog on the desktop).
    const written: { name: string; data: string }[] = [];
    app.panel.examples.exportFile = (name, data) => {
      written.push({ name, data: String(data) });
      return Promise.resolve({ status: 'saved', path: `/tmp/${name}`, name });
    };
    await redrawn(app.panel);
    [...shadowOf(app.panel).querySelectorAll('button')]
      .find((b) => b.textContent?.trim() === 'Save 2 examples…')
      ?.click();
    await until(() => written.length === 1, 2000, 'the file');
    expect(written[0]?.name).toBe('examples.examples.json');
    const file = readExamples(written[0]?.data ?? '');
    expect(file.ok && file.value.examples.map((e) => [...e.input.data])).toEqual(
      app.panel.set?.examples.map((e) => [...e.input.data]),
    );
    await until(() => app.panel.examples.notes.length > 0, 2000, 'the note');
    expect(app.panel.examples.notes[0]?.message).toBe('Saved 2 examples as examples.examples.json.');
    // The workbook as a file would give it back: a new drawer on it shows the two examples.
    const reopened = new AppStandIn({ ...app.workbook, learn: saved }, inProcessWorker);
    await redrawn(reopened.panel);
    expect(reopened.panel.source).toEqual({ kind: 'own' });
    expect(reopened.panel.set?.examples.map((e) => [...e.input.data])).toEqual(
      app.panel.set?.examples.map((e) => [...e.input.data]),
    );
  });

  it('keeps the first 5,000 examples of a larger file, and says so', async () => {
    const rows = Array.from({ length: 5001 }, (_, i) => `${i % 2},${i % 7}.5,0,0,1`).join('\n');
    const r = await readExampleFiles([{ name: 'many.csv', data: new TextEncoder().encode(rows) }], [1, 2, 2]);
    if (!r.ok) throw new Error(r.errors[0]?.message);
    expect(r.value.set.examples).toHaveLength(5000);
    expect(r.value.set.examples[4999]?.input.data[0]).toBe((4999 % 7) + 0.5);
    expect(r.warnings.map((w) => w.message)).toEqual([
      'many.csv: the first 5,000 of its 5,001 examples were taken (the drawer keeps at most 5,000)',
    ]);
  });
});
