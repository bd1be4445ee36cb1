/**
 * The MNIST and Fashion-MNIST images built into the app (gzipped IDX files, in modules loaded only when
 * a set of them is chosen), read once and kept. The drawer's sets are seeded draws from these pools.
 */
import { idxExamples, readIdx } from '../../src-core/io/idx';
import type { ExampleSet } from '../../src-core/learn/example-set';
import { gunzip } from './example-files';

export type PoolId = 'mnist' | 'fashion';

interface PoolModule {
  readonly CLASSES: readonly string[];
  readonly IMAGES: string;
  readonly LABELS: string;
}

const modules: Record<PoolId, () => Promise<PoolModule>> = {
  mnist: () => import('./datasets/mnist-pool'),
  fashion: () => import('./datasets/fashion-pool'),
};

const pools = new Map<PoolId, Promise<ExampleSet>>();

function base64Bytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function idxOf(base64: string, name: string): Promise<ReturnType<typeof readIdx>> {
  const bytes = await gunzip(base64Bytes(base64), name);
  if (!bytes.ok) return bytes;
  return readIdx(bytes.value, name);
}

async function readPool(id: PoolId): Promise<ExampleSet> {
  const m = await modules[id]();
  const images = await idxOf(m.IMAGES, `${id} images`);
  const labels = await idxOf(m.LABELS, `${id} labels`);
  if (!images.ok || !labels.ok) throw new Error(`the built-in ${id} images did not read`);
  // Every label 0..9 keeps its own number, so classes[label] names it even where some are absent.
  const set = idxExamples(images.value, labels.value, {
    classes: m.CLASSES.map((_, i) => i),
    names: m.CLASSES,
  });
  if (!set.ok) throw new Error(set.errors[0]?.message ?? `the built-in ${id} images did not read`);
  return set.value;
}

/** The pool's examples, labelled with their original class numbers (`classes[label]` names them). */
export function loadPool(id: PoolId): Promise<ExampleSet> {
  let pool = pools.get(id);
  if (pool === undefined) {
    pool = readPool(id);
    pools.set(id, pool);
    pool.catch(() => pools.delete(id));
  }
  return pool;
}
