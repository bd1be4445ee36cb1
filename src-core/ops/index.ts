/** The operations of a ConvSheet pipeline, each forward beside its backward (see each file). */
export * from './geometry';
export * from './padding';
export * from './conv2d';
export * from './activation';
export * from './pool';
export * from './global-pool';
export * from './flatten';
export * from './dense';
export * from './softmax';
export * from './dropout';
export * from './loss';
