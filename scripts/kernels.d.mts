export const kernelSource: string;
export const kernelModule: string;
export function compileKernels(): Promise<Uint8Array>;
export function renderKernelModule(binary: Uint8Array): string;
