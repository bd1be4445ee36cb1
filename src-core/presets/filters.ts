/**
 * Named 3 x 3 filters a student can drop into any filter slice, as the setosa "Image kernels" page and
 * every image-processing course list them. The sheet computes cross-correlation (no flip, as PyTorch),
 * so each kernel is written as it slides: an edge filter gives a positive response where its positive
 * row or column sits on the bright side of the edge.
 */

export interface FilterPreset {
  readonly id: string;
  /** Shown in the preset menu. */
  readonly name: string;
  /** What it does to an image, in a sentence. */
  readonly description: string;
  /** 3 x 3 values, row-major. */
  readonly values: readonly number[];
}

const ninth = 1 / 9;

export const FILTER_PRESETS: readonly FilterPreset[] = [
  {
    id: 'fastai-top-edge',
    name: 'fast.ai top edge',
    description: 'Bright above, dark below: the top-edge filter of the fast.ai spreadsheet.',
    values: [1, 1, 1, 0, 0, 0, -1, -1, -1],
  },
  {
    id: 'fastai-left-edge',
    name: 'fast.ai left edge',
    description: 'Bright on the left, dark on the right: the left-edge filter of the fast.ai spreadsheet.',
    values: [1, 0, -1, 1, 0, -1, 1, 0, -1],
  },
  {
    id: 'identity',
    name: 'Identity',
    description: 'Copies the input: the centre weight is 1, every other weight 0.',
    values: [0, 0, 0, 0, 1, 0, 0, 0, 0],
  },
  {
    id: 'box-blur',
    name: 'Box blur',
    description: 'The mean of the 3 x 3 window: every weight is 1/9.',
    values: [ninth, ninth, ninth, ninth, ninth, ninth, ninth, ninth, ninth],
  },
  {
    id: 'gaussian',
    name: 'Gaussian blur',
    description: 'A weighted mean, heavier in the centre: (1 2 1)/4 times its transpose.',
    values: [1 / 16, 2 / 16, 1 / 16, 2 / 16, 4 / 16, 2 / 16, 1 / 16, 2 / 16, 1 / 16],
  },
  {
    id: 'sharpen',
    name: 'Sharpen',
    description: 'The centre minus its four neighbours, added back to the image: edges stand out.',
    values: [0, -1, 0, -1, 5, -1, 0, -1, 0],
  },
  {
    id: 'outline',
    name: 'Outline (Laplacian)',
    description: 'Eight times the centre minus its eight neighbours: zero on flat areas, large at edges.',
    values: [-1, -1, -1, -1, 8, -1, -1, -1, -1],
  },
  {
    id: 'emboss',
    name: 'Emboss',
    description: 'Light from the bottom right: a diagonal difference that looks like relief.',
    values: [-2, -1, 0, -1, 1, 1, 0, 1, 2],
  },
  {
    id: 'sobel-top',
    name: 'Sobel top',
    description: 'Bright above, dark below, the middle column counted twice.',
    values: [1, 2, 1, 0, 0, 0, -1, -2, -1],
  },
  {
    id: 'sobel-bottom',
    name: 'Sobel bottom',
    description: 'Dark above, bright below, the middle column counted twice.',
    values: [-1, -2, -1, 0, 0, 0, 1, 2, 1],
  },
  {
    id: 'sobel-left',
    name: 'Sobel left',
    description: 'Bright on the left, dark on the right, the middle row counted twice.',
    values: [1, 0, -1, 2, 0, -2, 1, 0, -1],
  },
  {
    id: 'sobel-right',
    name: 'Sobel right',
    description: 'Dark on the left, bright on the right, the middle row counted twice.',
    values: [-1, 0, 1, -2, 0, 2, -1, 0, 1],
  },
  {
    id: 'prewitt-x',
    name: 'Prewitt x',
    description: 'Intensity growing to the right: right column minus left column, rows weighted equally.',
    values: [-1, 0, 1, -1, 0, 1, -1, 0, 1],
  },
  {
    id: 'prewitt-y',
    name: 'Prewitt y',
    description: 'Intensity growing downwards: bottom row minus top row, columns weighted equally.',
    values: [-1, -1, -1, 0, 0, 0, 1, 1, 1],
  },
];

/** The preset with this id, or undefined. */
export function filterPreset(id: string): FilterPreset | undefined {
  return FILTER_PRESETS.find((p) => p.id === id);
}

/**
 * The preset whose values a 3 x 3 slice holds, or null for a "custom" filter: typing one number of a
 * preset makes it custom. Values match to 1e-9, so 0.1111111 typed by hand still reads as a box blur
 * only when typed to full precision.
 */
export function presetOf(values: ArrayLike<number>, rows: number, cols: number): FilterPreset | null {
  if (rows !== 3 || cols !== 3 || values.length !== 9) return null;
  return (
    FILTER_PRESETS.find((p) => p.values.every((v, i) => Math.abs(v - (values[i] ?? Number.NaN)) <= 1e-9)) ??
    null
  );
}
