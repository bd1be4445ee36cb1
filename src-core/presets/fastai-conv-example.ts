/**
 * The filters of the fast.ai `conv-example.xlsx` sheet (fast.ai course22 repository, xl/conv-example.xlsx,
 * sheet 'conv-example', cell values as cached in the workbook). Its digit is in
 * `fastai-digit.ts`. The sheet's layers are valid (no padding), stride 1, bias-free cross-correlations,
 * each followed by ReLU, then a 2 x 2 max pool.
 */

/**
 * conv1, 2 x 1 x 3 x 3: the top-edge and left-edge filters. The sheet's top-edge filter has 0.0476...
 * in its centre, not 0 (a leftover in the original workbook); it is kept so the maps match the sheet.
 */
export const fastaiConv1Filters: readonly number[] = [
  1, 1, 1, 0, 0.04760062754793093, 0, -1, -1, -1, 1, 0, -1, 1, 0, -1, 1, 0, -1,
];

/** conv2, 2 x 2 x 3 x 3: two random-looking 3-D filters, each reading both conv1 maps. */
export const fastaiConv2Filters: readonly number[] = [
  0.5164673463691704, 0.2670906956168937, 0.25695308558225627, 0.8595350063959509, -0.5171811576574,
  0.049479291374237344, 0.802265973935455, 0.01316330786967157, -0.670883068626068, 0.82727290954498,
  0.36588543285594144, -0.548509636300906, 0.5689956060732573, 0.36049904843068437, 0.3006338059605649,
  0.3183699872208253, 0.6961585574232649, 0.5918494492079115, 0.017247060502670997, 0.25759183270746266,
  0.43600889196146697, 0.5549116818157422, 0.1952829094446502, 0.17379934976695732, -0.959947008656919,
  0.4435781553757081, 0.6338434363423152, 0.7940993508215073, 0.18390909380694842, 0.6884805633648237,
  -0.874240281543229, 0.39833991555724646, 0.5384298798696958, 0.23449883303628183, 0.1581847146451717,
  0.8370243686334017,
];
