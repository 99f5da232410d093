// A fixed number of slots for heavy work (writing a workbook): work beyond them waits its turn,
// first come first served, so that a burst of exports finishes one after another instead of all
// crawling together with every workbook held in memory at once.
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(count: number) {
    this.free = count;
  }

  /** Resolves when a slot is free; call the returned function, once, to give it back. */
  async take(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }

  /** How many are waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }
}
