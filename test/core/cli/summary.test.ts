import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/workbooks/${name}`, import.meta.url));

describe('convsheet summary', () => {
  it('counts a shape-only VGG-16: 138,357,544 parameters', () => {
    const run = runCli('summary', fixture('vgg16-shapes.convsheet.json'));
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { params: number; layers: { shape: number[] }[] };
    expect(out.params).toBe(138_357_544);
    expect(out.layers.at(-1)?.shape).toEqual([1000, 1, 1]);
  });

  it("counts AlexNet's first layer: 96 x 55 x 55 and 34,944 parameters (96 x (11 x 11 x 3) + 96)", () => {
    const run = runCli('summary', fixture('alexnet-shapes.convsheet.json'));
    const out = JSON.parse(run.stdout) as { layers: { shape: number[]; params: number; macs: number }[] };
    expect(out.layers[0]).toMatchObject({ shape: [96, 55, 55], params: 96 * 11 * 11 * 3 + 96 });
    expect(out.layers[0]?.macs).toBe(55 * 55 * 96 * 3 * 11 * 11);
  });

  it("counts LeNet-5's C1: 156 parameters (6 x 5 x 5 + 6)", () => {
    const run = runCli('summary', fixture('lenet5-shapes.convsheet.json'));
    const out = JSON.parse(run.stdout) as { layers: { params: number; shape: number[] }[] };
    expect(out.layers[0]).toMatchObject({ params: 156, shape: [6, 28, 28] });
  });
});
