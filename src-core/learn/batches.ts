/**
 * Which examples each step learns from. Without a seed, batches are taken in file order, as PyTorch's
 * DataLoader(shuffle=False, drop_last=False) cycled epoch after epoch: with n examples and batch size
 * bs there are nb = ceil(n / bs) batches per epoch, and step k uses examples
 * [(k mod nb) * bs, min((k mod nb + 1) * bs, n)), so the last batch of an epoch may be smaller.
 * With a seed, the order is shuffled at the start of every epoch (Fisher-Yates with our own seeded
 * generator, so a run repeats exactly), and batches are cut from the shuffled order the same way.
 */
import { createRandom, type Random } from '../random';

export interface Batch {
  /** Epoch number from 0: how many times the whole set was gone through before this batch. */
  readonly epoch: number;
  /** Batch number within its epoch, from 0. */
  readonly index: number;
  /** The examples of this batch, by their place in the set. */
  readonly examples: readonly number[];
}

export class BatchSchedule {
  /** Examples per batch (the last batch of an epoch may have fewer). */
  readonly batchSize: number;
  /** Batches in one pass over the set: ceil(n / batchSize). */
  readonly batchesPerEpoch: number;
  private readonly random: Random | null;
  private order: number[] = [];
  private next = 0;

  /** `batchSize` is clamped to the set's size ('all' is the whole set: full-batch learning). */
  constructor(
    readonly count: number,
    batchSize: number | 'all',
    seed: number | null = null,
  ) {
    if (!Number.isInteger(count) || count < 1)
      throw new RangeError(`a schedule needs examples, got ${count}`);
    this.batchSize = batchSize === 'all' ? count : Math.min(count, batchSize);
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1)
      throw new RangeError(`batch size must be a whole number of at least 1, got ${batchSize}`);
    this.batchesPerEpoch = Math.ceil(count / this.batchSize);
    this.random = seed === null ? null : createRandom(seed);
  }

  /** The next batch; call in order, step after step. */
  nextBatch(): Batch {
    const step = this.next++;
    const epoch = Math.floor(step / this.batchesPerEpoch);
    const index = step % this.batchesPerEpoch;
    if (index === 0) this.order = this.epochOrder();
    const start = index * this.batchSize;
    return { epoch, index, examples: this.order.slice(start, Math.min(start + this.batchSize, this.count)) };
  }

  /** Steps taken so far. */
  get steps(): number {
    return this.next;
  }

  private epochOrder(): number[] {
    const order = Array.from({ length: this.count }, (_, i) => i);
    if (this.random !== null) shuffle(order, this.random);
    return order;
  }
}

/** Fisher-Yates (Durstenfeld): every permutation equally likely, n - 1 draws. */
export function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const a = items[i] as T;
    items[i] = items[j] as T;
    items[j] = a;
  }
  return items;
}
