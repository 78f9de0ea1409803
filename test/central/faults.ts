// Fault mode of the stand-in central: what a bad network and a struggling server do to a desk.
// Chosen per sync request (push or pull) at `rate`, among `kinds`, from a seeded generator so a
// failing run can be replayed; `next` forces the following requests' faults in order.

export const FAULT_KINDS = [
  'error_500', // the write happened, the answer is an error
  'unavailable_503', // refused before any write, with Retry-After
  'throttle_429', // refused before any write, with Retry-After
  'timeout', // the answer comes after the desk gave up (the write happened)
  'drop_after_commit', // the write happened, the connection is cut: the answer is lost
  'duplicate_answers', // every answer entry twice
  'reorder_answers', // answer entries shuffled
] as const;
export const BAD_INPUT_KINDS = ['malformed_json', 'wrong_types', 'unknown_state', 'oversize'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number] | (typeof BAD_INPUT_KINDS)[number];

export interface FaultConfig {
  rate: number;
  kinds: FaultKind[];
  retryAfterSeconds: number;
  /** How long a 'timeout' holds the answer (must exceed the desk's timeout). */
  stallMs: number;
  oversizeBytes: number;
  /** A slow link: every push and pull answer waits this long (not a fault: always on). */
  delayMs: number;
  seed: number;
  next: FaultKind[];
}

export const NO_FAULTS: FaultConfig = { rate: 0, kinds: [], retryAfterSeconds: 1, stallMs: 1_500, oversizeBytes: 2 * 1_048_576, delayMs: 0, seed: 7, next: [] };

export class Faults {
  config: FaultConfig = { ...NO_FAULTS, next: [] };
  readonly counts: Partial<Record<FaultKind, number>> = {};
  private state = 7;

  configure(patch: Partial<FaultConfig>): FaultConfig {
    this.config = { ...this.config, ...patch, next: [...(patch.next ?? this.config.next)] };
    if (patch.seed !== undefined) this.state = patch.seed || 1;
    return this.config;
  }

  /** Mulberry32: small, seedable, good enough to pick faults. */
  random(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  pick(): FaultKind | null {
    const forced = this.config.next.shift();
    const kind = forced ?? (this.config.kinds.length > 0 && this.random() < this.config.rate ? this.config.kinds[Math.floor(this.random() * this.config.kinds.length)]! : null);
    if (kind) this.counts[kind] = (this.counts[kind] ?? 0) + 1;
    return kind;
  }

  shuffle<T>(items: T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.random() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    // Always visibly reordered when there are at least two entries.
    if (out.length > 1 && out.every((x, i) => x === items[i])) out.reverse();
    return out;
  }
}
