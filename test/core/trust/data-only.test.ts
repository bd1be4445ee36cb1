import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readExamples } from '../../../src-core/learn/example-set';
import { readWorkbook } from '../../../src-core/sheet/read';
import { writeWorkbook } from '../../../src-core/sheet/write';

// Files are data only. Names, class labels and titles that hold HTML or script text stay plain strings
// (the app renders text through Lit, which escapes it: a string is never parsed as markup there), and
// nothing a workbook says, not even a path or a URL, makes the command read, write or fetch anything
// but the files named on its command line. The command is traced through trace-io.mjs.

const script = '<script>alert("name")</script>';
const img = '<img src=x onerror="alert(1)">';
const names = { workbook: script, conv: img, relu: '../../../../tmp/escaped', dense: 'file:///etc/passwd' };

const hostile = {
  format: 'convsheet',
  version: 1,
  name: names.workbook,
  input: { shape: [1, 2, 2], data: [0.1, 0.2, 0.3, 0.4] },
  layers: [
    { type: 'conv2d', name: names.conv, weight: { shape: [1, 1, 1, 1], data: [2] } },
    { type: 'relu', name: names.relu },
    { type: 'dense', name: names.dense, weight: { shape: [2, 4], data: [1, 0, 0, 0, 0, 0, 0, 1] } },
  ],
  ui: {
    image: 'file:///etc/passwd',
    href: 'http://127.0.0.1:9/steal',
    $ref: '/etc/hostname',
    include: '../secret.convsheet.json',
    note: '<iframe src="javascript:alert(1)">',
  },
  learn: { examples: '/etc/passwd', url: 'https://example.com/x.examples.json' },
};
const classes = ['<b onmouseover="alert(1)">bold</b>', 'javascript:alert(1)'];
const examples = {
  format: 'convsheet-examples',
  version: 1,
  classes,
  examples: [{ input: { shape: [1, 2, 2], data: [0, 1, 1, 0] }, label: 1 }],
};

describe('names, labels and titles are plain strings', () => {
  it('the workbook reader keeps them exactly, and writing then reading keeps them again', () => {
    const read = readWorkbook(JSON.stringify(hostile));
    if (!read.ok) throw new Error(read.errors[0]?.message);
    expect(read.value.name).toBe(names.workbook);
    expect(read.value.layers.map((l) => l.name)).toEqual([names.conv, names.relu, names.dense]);
    expect(read.value.ui).toEqual(hostile.ui);
    const again = readWorkbook(writeWorkbook(read.value));
    expect(again.ok && [again.value.name, ...again.value.layers.map((l) => l.name)]).toEqual([
      names.workbook,
      names.conv,
      names.relu,
      names.dense,
    ]);
  });

  it('the example-set reader keeps class labels exactly', () => {
    const read = readExamples(JSON.stringify(examples));
    expect(read.ok && read.value.classes).toEqual(classes);
  });
});

const cli = resolve(import.meta.dirname, '../../../out/cli/convsheet.js');
const tracer = resolve(import.meta.dirname, 'trace-io.mjs');

/** Runs the command with every file and network call recorded; returns what it touched. */
function traced(dir: string, ...args: string[]): { code: number | null; stderr: string; touched: string[] } {
  const log = join(dir, `trace-${Math.random().toString(36).slice(2)}.log`);
  const run = spawnSync(process.execPath, ['--import', tracer, cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CONVSHEET_TRACE: log },
  });
  const touched = readFileSync(log, 'utf8')
    .split('\n')
    // The command's own code (its bundle and the chunks it loads) is not something a file asked for.
    .filter((line) => line !== '' && !line.includes(`file://${dirname(cli)}/`));
  return { code: run.status, stderr: run.stderr, touched };
}

describe('the command touches only the files on its command line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'convsheet-trust-'));
  const workbook = join(dir, 'hostile.convsheet.json');
  writeFileSync(workbook, JSON.stringify(hostile));
  const examplesFile = join(dir, 'hostile.examples.json');
  writeFileSync(examplesFile, JSON.stringify(examples));
  const paths = (touched: string[]) => [...new Set(touched.map((t) => t.slice(t.indexOf(' ') + 1)))];

  it('eval --png: reads the workbook, writes only inside the folder, names made safe, no network', () => {
    const maps = join(dir, 'maps');
    const run = traced(dir, 'eval', workbook, '--png', maps);
    expect(run.code, run.stderr).toBe(0);
    expect(run.touched.filter((t) => /^(net|http|https|global)\./.test(t))).toEqual([]);
    // Layer names become file names with every character but letters, digits, - and _ replaced.
    expect(paths(run.touched)).toEqual([
      workbook,
      maps,
      join(maps, '00-input-1.png'),
      join(maps, '01-_img_src_x_onerror_alert_1_-1.png'),
      join(maps, '02-_tmp_escaped-1.png'),
      join(maps, '03-file_etc_passwd.png'),
    ]);
  });

  it('learn --out: reads the workbook and the examples, writes the --out file only', () => {
    const out = join(dir, 'learned.convsheet.json');
    const run = traced(
      dir,
      'learn',
      workbook,
      '--examples',
      examplesFile,
      '--loss',
      'ce',
      '--steps',
      '2',
      '--out',
      out,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(paths(run.touched)).toEqual([workbook, examplesFile, out]);
  });

  it('export: the title is written into the spreadsheet as text, never as a formula', async () => {
    const xlsx = join(dir, 'hostile.xlsx');
    const titled = { ...hostile, name: '=HYPERLINK("http://127.0.0.1:9/steal","click")' };
    writeFileSync(workbook, JSON.stringify(titled));
    const run = traced(dir, 'export', workbook, '--xlsx', xlsx);
    expect(run.code, run.stderr).toBe(0);
    expect(paths(run.touched).filter((p) => p !== xlsx)).toEqual([workbook]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const a1 = book.worksheets[0]?.getCell('A1');
    expect(a1?.type).toBe(ExcelJS.ValueType.String);
    expect(a1?.value).toBe(titled.name);
  });

  it('a name with a line break and a terminal escape is shown escaped, on one line', () => {
    const sneaky = join(dir, 'sneaky.convsheet.json');
    // ESC [ 2 J clears a terminal; the 3-channel filter on a 1-channel input makes the message name it.
    const name = 'a\nb\u001b[2Jc\u202e';
    const layers = [{ type: 'conv2d', name, weight: { shape: [1, 3, 1, 1], data: [1, 2, 3] } }];
    writeFileSync(sneaky, JSON.stringify({ ...hostile, ui: undefined, learn: undefined, layers }));
    const run = traced(dir, 'eval', sneaky);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stderr).toContain(
      '(a\\nb\\u001b[2Jc\\u202e): a\\nb\\u001b[2Jc\\u202e expects 3 input channels',
    );
  });
});

describe('the app renders file text as text', () => {
  it('no source of the renderer or the main process parses strings as HTML', () => {
    // Lit templates escape every interpolated string; these are the ways around that.
    const html = /\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|unsafeHTML|document\.write|DOMParser/;
    const root = resolve(import.meta.dirname, '../../..');
    const offenders = ['src-renderer', 'src-main'].flatMap((folder) =>
      readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
        .filter((f) => /\.(ts|js|html)$/.test(f))
        .filter((f) => html.test(readFileSync(join(root, folder, f), 'utf8')))
        .map((f) => `${folder}/${f}`),
    );
    expect(offenders).toEqual([]);
  });
});
