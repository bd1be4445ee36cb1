import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pytorchCode, conv2dCall } from '../../../src-core/lessons/pytorch-code';
import { evaluate } from '../../../src-core/sheet/evaluate';
import { parseWorkbook } from '../../../src-core/sheet/read';
import { resolveWorkbook } from '../../../src-core/sheet/shapes';
import { expectClose } from '../support/close';

function resolve(json: unknown) {
  const read = parseWorkbook(json);
  if (!read.ok) throw new Error(read.errors.map((e) => e.message).join('; '));
  const r = resolveWorkbook(read.value);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.value;
}

describe('the PyTorch code of a sheet', () => {
  it('writes one module per layer, with flatten before dense and the numbers loaded', () => {
    const r = resolve({
      format: 'convsheet',
      version: 1,
      input: { shape: [1, 3, 3], data: [1, 2, 3, 4, 5, 6, 7, 8, 9] },
      layers: [
        {
          type: 'conv2d',
          weight: { shape: [1, 1, 2, 2], data: [1, 0, 0, -1] },
          padding: 'same',
          paddingMode: 'reflect',
        },
        { type: 'relu' },
        {
          type: 'dense',
          weight: { shape: [2, 9], data: [1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0] },
          bias: [0.5, -0.5],
        },
      ],
    });
    const code = pytorchCode(r);
    expect(code).toContain(
      "    nn.Conv2d(1, 1, kernel_size=(2, 2), stride=(1, 1), padding='same', dilation=(1, 1), bias=False, padding_mode='reflect'),  # conv1: 1 x 3 x 3",
    );
    expect(code).toContain('    nn.ReLU(),  # relu1: 1 x 3 x 3');
    expect(code).toContain('    nn.Sequential(nn.Flatten(), nn.Linear(9, 2, bias=True)),  # fc1: 2 x 1 x 1');
    expect(code).toContain(
      '    model[0].weight.copy_(torch.tensor([1, 0, 0, -1], dtype=torch.float64).reshape(1, 1, 2, 2))',
    );
    expect(code).toContain('    model[2][1].bias.copy_(torch.tensor([0.5, -0.5], dtype=torch.float64))');
    expect(code).toContain(
      'x = torch.tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], dtype=torch.float64).reshape(1, 1, 3, 3)',
    );
  });

  it('writes one bias-free conv layer as F.conv2d, padding with F.pad for reflect and rotating a flipped kernel', () => {
    const r = resolve({
      format: 'convsheet',
      version: 1,
      input: { shape: [1, 4, 4] },
      layers: [
        {
          type: 'conv2d',
          weight: { shape: [1, 1, 3, 3] },
          padding: [1, 2],
          paddingMode: 'reflect',
          flip: true,
          stride: 2,
        },
      ],
    });
    const layer = r.layers[0];
    if (layer?.type !== 'conv2d') throw new Error('expected a conv');
    expect(conv2dCall(layer)).toBe(
      "F.conv2d(F.pad(x, (2, 2, 1, 1), mode='reflect'), torch.flip(w, [2, 3]), None, stride=(2, 2), dilation=(1, 1))",
    );
  });
});

// Run by PyTorch itself: the code generated for every workbook of the oracle fixture (every option)
// must reproduce the sheet's outputs, layer by layer.
const python = '/usr/bin/python3';
const hasTorch = spawnSync(python, ['-c', 'import torch'], { encoding: 'utf8' }).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'convsheet-pytorch-code-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!hasTorch)(
  `generated code run by PyTorch${hasTorch ? '' : ' (skipped: no /usr/bin/python3 with torch)'}`,
  () => {
    it('reproduces every layer of the 68 oracle workbooks', () => {
      const fixture = JSON.parse(
        readFileSync(new URL('../../fixtures/pytorch/eval-cases.json', import.meta.url), 'utf8'),
      ) as { cases: { name: string; workbook: unknown }[] };
      const sheets = fixture.cases.map((c) => ({ name: c.name, resolved: resolve(c.workbook) }));
      writeFileSync(join(dir, 'codes.json'), JSON.stringify(sheets.map((s) => pytorchCode(s.resolved))));
      writeFileSync(
        join(dir, 'run.py'),
        [
          'import contextlib, io, json, sys, torch, warnings',
          "warnings.simplefilter('ignore')",
          'results = []',
          'for code in json.load(open(sys.argv[1])):',
          '    ns = {}',
          '    with contextlib.redirect_stdout(io.StringIO()):',
          '        exec(code, ns)',
          "    h, outs = ns['x'], []",
          '    with torch.no_grad():',
          "        for m in ns['model']:",
          '            h = m(h)',
          '            outs.append(h.reshape(-1).tolist())',
          '    results.append(outs)',
          'print(json.dumps(results))',
        ].join('\n'),
      );
      const run = spawnSync(python, [join(dir, 'run.py'), join(dir, 'codes.json')], {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      expect(run.stderr).toBe('');
      const outputs = JSON.parse(run.stdout) as number[][][];
      sheets.forEach((s, i) => {
        const ours = evaluate(s.resolved).outputs;
        expect(outputs[i]?.length, s.name).toBe(ours.length);
        ours.forEach((t, k) => {
          expectClose(outputs[i]?.[k] ?? [], t.data, `${s.name} layer ${k}`);
        });
      });
    }, 120_000);
  },
);
