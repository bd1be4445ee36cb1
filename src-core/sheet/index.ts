/** The workbook: model, reading and writing, shape arithmetic, counts. */
export * from './types';
export * from './issues';
export { LIMITS } from './limits';
export { readWorkbook, parseWorkbook } from './read';
export { writeWorkbook } from './write';
export {
  pairOf,
  resolvePadding,
  convGeometry,
  poolGeometry,
  outputSizeFormula,
  type Pads,
  type Axis,
  type OutputSizeFormula,
} from './resolve';
export {
  resolveWorkbook,
  type ResolvedLayer,
  type ResolvedWindowLayer,
  type ResolvedWorkbook,
} from './shapes';
export { parameterCount, multiplyAccumulates } from './counts';
export { summarize, summaryOf, type LayerSummary, type Summary } from './summary';
export { hasData, hasAllData, missingData } from './data';
export { nonFiniteLayers, nonFiniteMessages } from './non-finite';
