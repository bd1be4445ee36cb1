/**
 * Shape-only workbooks of the networks courses count: no values, only shapes, so a 138-million-weight
 * VGG-16 costs nothing to open. Each reproduces the figures courses quote (see the counting lesson).
 */

type LayerJson = Record<string, unknown>;

const conv = (out: number, cin: number, k: number, settings: LayerJson = {}): LayerJson => ({
  type: 'conv2d',
  weight: { shape: [out, cin, k, k] },
  bias: { shape: [out] },
  ...settings,
});
const dense = (out: number, nin: number): LayerJson => ({
  type: 'dense',
  weight: { shape: [out, nin] },
  bias: { shape: [out] },
});
const workbook = (name: string, input: number[], layers: LayerJson[]) => ({
  format: 'convsheet',
  version: 1,
  name,
  input: { shape: input },
  layers,
});

/** LeNet-5 (LeCun et al. 1998) with average pooling for its subsampling layers: C1 has 156 parameters. */
export const lenet5 = workbook(
  'LeNet-5',
  [1, 32, 32],
  [
    conv(6, 1, 5, { name: 'C1' }),
    { type: 'tanh' },
    { type: 'avgpool2d', size: 2, name: 'S2' },
    conv(16, 6, 5, { name: 'C3' }),
    { type: 'tanh' },
    { type: 'avgpool2d', size: 2, name: 'S4' },
    { type: 'flatten' },
    { ...dense(120, 400), name: 'C5' },
    { type: 'tanh' },
    { ...dense(84, 120), name: 'F6' },
    { type: 'tanh' },
    { ...dense(10, 84), name: 'output' },
  ],
);

/** AlexNet's first layer: a 227 x 227 x 3 input, 96 filters of 11 x 11 x 3 at stride 4: 55 x 55 x 96. */
export const alexnetConv1 = workbook(
  "AlexNet's first layer",
  [3, 227, 227],
  [conv(96, 3, 11, { stride: 4, name: 'conv1' })],
);

/** VGG-16 (configuration D): 138,357,544 parameters. */
/** VGG-16's five stages of 3x3 convolutions, [filters, input channels] each, a 2x2 max pool after each stage. */
const vggStages: (readonly [number, number])[][] = [
  [
    [64, 3],
    [64, 64],
  ],
  [
    [128, 64],
    [128, 128],
  ],
  [
    [256, 128],
    [256, 256],
    [256, 256],
  ],
  [
    [512, 256],
    [512, 512],
    [512, 512],
  ],
  [
    [512, 512],
    [512, 512],
    [512, 512],
  ],
];

export const vgg16 = workbook(
  'VGG-16',
  [3, 224, 224],
  [
    ...vggStages.flatMap((stage): LayerJson[] => [
      ...stage.flatMap(([out, cin]) => [conv(out, cin, 3, { padding: 1 }), { type: 'relu' }]),
      { type: 'maxpool2d', size: 2 },
    ]),
    { type: 'flatten' },
    dense(4096, 25088),
    { type: 'relu' },
    dense(4096, 4096),
    { type: 'relu' },
    dense(1000, 4096),
  ],
);

/**
 * The 5 x 5 branch of an Inception module on a 28 x 28 x 192 input, straight and with a 1 x 1
 * bottleneck to 16 channels first: about 120 million multiplications against about 12 million.
 */
export const inceptionStraight = workbook(
  'Inception 5x5 branch',
  [192, 28, 28],
  [conv(32, 192, 5, { padding: 'same', name: '5x5' })],
);
export const inceptionBottleneck = workbook(
  'Inception 5x5 branch with a 1x1 bottleneck',
  [192, 28, 28],
  [conv(16, 192, 1, { name: '1x1' }), { type: 'relu' }, conv(32, 16, 5, { padding: 'same', name: '5x5' })],
);
