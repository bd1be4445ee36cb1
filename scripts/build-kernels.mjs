// `npm run build:kernels`: recompiles the WebAssembly kernels and rewrites their TypeScript module
// (see kernels.mjs). Run it after editing src-core/kernels/assembly/, and commit both.
import { writeFileSync } from 'node:fs';
import { compileKernels, kernelModule, renderKernelModule } from './kernels.mjs';

const binary = await compileKernels();
writeFileSync(kernelModule, renderKernelModule(binary));
console.log(`${kernelModule}: ${binary.length} bytes of WebAssembly`);
