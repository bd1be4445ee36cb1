/** Learning: example sets, losses, optimizers, the training loop, initialisation, gradient check. */
export {
  backward,
  layerBackward,
  type Gradients,
  type ParameterGradients,
  type DropoutMasks,
} from './backprop';
export * from './example-set';
export { checkExamplesFit } from './example-fit';
export * from './losses';
export { forwardPass, drawDropoutMasks, hasDropout } from './forward';
export * from './minibatch';
export { BatchSchedule, shuffle, type Batch } from './batches';
export { trainTestSplit, type Split } from './split';
export * from './optimizer';
export * from './frozen';
export {
  trainableParameters,
  workingCopy,
  snapshot,
  saveValues,
  restoreValues,
  type Parameter,
} from './parameters';
export * from './init';
export * from './divergence';
export * from './trainer';
export * from './gradient-check';
export * from './generated-sets';
export * from './example-csv';
export * from './subset';
