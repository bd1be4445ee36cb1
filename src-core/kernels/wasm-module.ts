/**
 * The engine's WebAssembly kernels: instantiation from the embedded binary, and the scratch memory the
 * kernels read and write. src-core sees no DOM and no Node, so the few WebAssembly names it needs are
 * typed here and read from `globalThis`: where WebAssembly (or its SIMD) is missing, or a host refuses
 * synchronous compilation, `conv2dKernels()` answers null and the engine uses its TypeScript reference.
 */
import { conv2dWasmBase64 } from './conv2d-wasm-binary';

/** The kernels' exports (see assembly/index.ts for what each computes). Pointers are byte offsets. */
export interface Conv2dExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  convForward(...args: number[]): void;
  convFilterGrad(...args: number[]): void;
  convInputGradScatter(...args: number[]): void;
  padZeros(...args: number[]): void;
  planeSums(...args: number[]): void;
  convWinograd(...args: number[]): void;
  winogradFilters(...args: number[]): void;
  filterGradWinograd(...args: number[]): void;
  reluForward(...args: number[]): void;
  maxPool(...args: number[]): void;
  scanValues(...args: number[]): void;
}

interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  compile(bytes: Uint8Array): Promise<object>;
}

const PAGE_BYTES = 65536;
/** Byte offset of the first scratch buffer: address 0 stays free so that 0 can mean "no bias". */
const BASE = 64;
/**
 * Scratch memory kept between calls. WebAssembly memory never shrinks, so after a call that needed
 * more (a large photo) the instance is dropped and the next call starts a small one: the memory goes
 * back to the garbage collector instead of staying with the page for good.
 */
const KEEP_BYTES = 64 * 2 ** 20;

/**
 * Scratch memory for one kernel call: buffers are laid out one after another from BASE (each 16-byte
 * aligned for the SIMD loads), then the memory grows once to hold them all. A call starts with reset()
 * and ends with finish(); JavaScript runs one call at a time, so one arena serves every call.
 */
export class Conv2dKernels {
  private top = BASE;
  private view: Float64Array;
  /** Set once this instance holds more memory than it should keep; conv2dKernels() replaces it. */
  retired = false;

  constructor(readonly exports: Conv2dExports) {
    this.view = new Float64Array(exports.memory.buffer);
  }

  reset(): void {
    this.top = BASE;
  }

  /** Room for `count` doubles; returns its byte offset. Call heap() after the last alloc. */
  alloc(count: number): number {
    const at = this.top;
    this.top += Math.ceil((count * 8) / 16) * 16;
    return at;
  }

  /**
   * The memory as doubles, grown to hold every buffer allocated since reset(); null when it cannot
   * grow that far (over WebAssembly's 4 GB, or the host's limit): the caller uses the reference then.
   */
  heap(): Float64Array | null {
    const memory = this.exports.memory;
    const missing = this.top - memory.buffer.byteLength;
    if (missing > 0) {
      try {
        memory.grow(Math.ceil(missing / PAGE_BYTES));
      } catch {
        return null;
      }
    }
    if (this.view.buffer !== memory.buffer) this.view = new Float64Array(memory.buffer);
    return this.view;
  }

  finish(): void {
    if (this.exports.memory.buffer.byteLength > KEEP_BYTES) this.retired = true;
  }
}

function webAssembly(): WebAssemblyApi | undefined {
  return (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
}

/** The binary's bytes from its base64 text (RFC 4648, with = padding). */
export function decodeBase64(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const digits = new Uint8Array(128);
  for (let k = 0; k < alphabet.length; k++) digits[alphabet.charCodeAt(k)] = k;
  const body = text.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((body.length * 3) / 4));
  let bits = 0;
  let held = 0;
  let n = 0;
  for (let k = 0; k < body.length; k++) {
    bits = (bits << 6) | (digits[body.charCodeAt(k)] ?? 0);
    held += 6;
    if (held >= 8) {
      held -= 8;
      bytes[n++] = (bits >> held) & 0xff;
    }
  }
  return bytes;
}

/** The compiled module (null: WebAssembly or its SIMD is unavailable here), and its live instance. */
let compiled: object | null | undefined;
let current: Conv2dKernels | null = null;

function instantiate(api: WebAssemblyApi, module: object): Conv2dKernels {
  current = new Conv2dKernels(new api.Instance(module, {}).exports as Conv2dExports);
  return current;
}

/**
 * The kernels, compiled on first use, synchronously: the module is about 5 KB, far below the 8 MB that
 * Chromium allows to compile synchronously on a page's main thread (checked in Chromium 156). Null
 * where WebAssembly or its SIMD is missing, or a host refuses; loadConv2dKernels() can still try later.
 */
export function conv2dKernels(): Conv2dKernels | null {
  if (current !== null && !current.retired) return current;
  const api = webAssembly();
  if (api === undefined || compiled === null) return null;
  try {
    compiled ??= new api.Module(decodeBase64(conv2dWasmBase64));
    return instantiate(api, compiled);
  } catch {
    compiled = null;
    return null;
  }
}

/**
 * Compiles the kernels asynchronously, for hosts that refuse synchronous compilation; resolves to
 * whether they are available. Calling it first is optional everywhere else.
 */
export async function loadConv2dKernels(): Promise<boolean> {
  const api = webAssembly();
  if (api === undefined) return false;
  try {
    compiled = await api.compile(decodeBase64(conv2dWasmBase64));
    instantiate(api, compiled);
    return true;
  } catch {
    return false;
  }
}
