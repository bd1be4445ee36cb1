import { describe, expect, it } from 'vitest';
import { readExamplesCsv } from '../../../src-core/learn/example-csv';

// Example sets from CSV rows "label, value, value, ...", as MNIST CSV downloads write them.

function values(r: ReturnType<typeof readExamplesCsv>, i: number): number[] {
  if (!r.ok) throw new Error(r.errors[0]?.message);
  return [...(r.value.examples[i]?.input.data ?? [])];
}

describe('readExamplesCsv', () => {
  it('reads a label and a 2 x 2 image per row, shaped as the network input', () => {
    const r = readExamplesCsv('1,0,0.5,1,0.25\n0,1,1,0,0\n', 'x.csv', { shape: [1, 2, 2] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.classes).toBeNull();
    expect(r.value.examples.map((e) => e.label)).toEqual([1, 0]);
    expect(r.value.examples[0]?.input.shape).toEqual([1, 2, 2]);
    expect(values(r, 0)).toEqual([0, 0.5, 1, 0.25]);
    expect(values(r, 1)).toEqual([1, 1, 0, 0]);
  });

  it('skips a header and divides 0..255 pixels by 255, saying so', () => {
    const r = readExamplesCsv('label,pixel0,pixel1,pixel2,pixel3\n7,0,255,51,102\n', 'mnist.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(values(r, 0)).toEqual([0, 1, 0.2, 0.4]);
    expect(r.value.examples[0]?.label).toBe(7);
    expect(r.warnings[0]?.message).toMatch(/divided by 255/);
  });

  it('gives a square shape when the network input does not hold the row, and 3 x W x W for RGB rows', () => {
    const gray = readExamplesCsv(`0,${Array(9).fill(0).join(',')}`, 'g.csv', { shape: [1, 28, 28] });
    expect(gray.ok && gray.value.examples[0]?.input.shape).toEqual([1, 3, 3]);
    const rgb = readExamplesCsv(`0,${Array(12).fill(0.5).join(',')}`, 'c.csv');
    expect(rgb.ok && rgb.value.examples[0]?.input.shape).toEqual([3, 2, 2]);
  });

  it('numbers class names in the order they first appear', () => {
    const r = readExamplesCsv('cat;0,5;1;0;0\ndog;1;0;0;1\ncat;0;0;0;0\n', 'pets.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.classes).toEqual(['cat', 'dog']);
    expect(r.value.examples.map((e) => e.label)).toEqual([0, 1, 0]);
    // Semicolons separate, so "0,5" is a decimal comma.
    expect(values(r, 0)).toEqual([0.5, 1, 0, 0]);
  });

  it('says which line and column are wrong', () => {
    const bad = (text: string, shape?: number[]): string => {
      const r = readExamplesCsv(text, 'f.csv', { shape });
      return r.ok ? 'ok' : (r.errors[0]?.message ?? '');
    };
    expect(bad('1,0,0,0,0\n0,0,x,0,0\n')).toBe('f.csv: line 2, column 3: "x" is not a number');
    expect(bad('1,0,0,0,0\n0,0,0,0\n')).toBe(
      'f.csv: line 2 has 4 cells, but line 1 has 5 (a label and 4 values)',
    );
    expect(bad('1,0,0\n', [1, 28, 28])).toBe(
      "f.csv: line 1 has 2 values after the label: not a square image (W x W or 3 x W x W), and the network's input 1 x 28 x 28 takes 784",
    );
    expect(bad('1.5,0,0,0,0\n')).toBe('f.csv: line 1: the label 1.5 is not a class number (0, 1, 2, ...)');
    expect(bad('')).toBe('f.csv: the file is empty: each row is a label followed by pixel values');
    expect(bad('label,a,b,c,d\n')).toBe('f.csv: the file has a header row but no examples');
    expect(bad('\u0000\u0001PNG')).toBe('f.csv: not a CSV text file: it holds binary data');
  });
});
