/**
 * A callback run at an animation frame, at most once every `ms()` milliseconds however often it is
 * asked for: the learn drawer's way of showing a worker that reports hundreds of steps a second.
 */
export class Paced {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;
  private waiting = false;
  private last = -Infinity;

  constructor(
    private readonly fn: () => void,
    private readonly ms: () => number,
  ) {}

  /** Runs `fn` at the first frame `ms` after its last run; requests meanwhile are merged into that one. */
  request(): void {
    if (this.waiting) return;
    this.waiting = true;
    const go = (): void => {
      this.frame = requestAnimationFrame(() => this.run());
    };
    const wait = this.last + this.ms() - performance.now();
    if (wait > 0) this.timer = setTimeout(go, wait);
    else go();
  }

  /** Runs `fn` now, in place of any run waiting. */
  runNow(): void {
    this.cancel();
    this.run();
  }

  cancel(): void {
    clearTimeout(this.timer);
    cancelAnimationFrame(this.frame);
    this.waiting = false;
  }

  private run(): void {
    this.waiting = false;
    this.frame = 0;
    this.last = performance.now();
    this.fn();
  }
}
