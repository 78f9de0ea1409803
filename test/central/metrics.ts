// What central measures of the pushes it serves (for the `desks` benchmark): how long each push
// took from its arrival to the end of its answer, and how many events they carried.

export class PushMetrics {
  private durations: number[] = [];
  events = 0;

  record(ms: number, events: number): void {
    // Bounded: a long-running stand-in keeps the last 100,000 pushes.
    if (this.durations.length >= 100_000) this.durations.shift();
    this.durations.push(ms);
    this.events += events;
  }

  reset(): void {
    this.durations = [];
    this.events = 0;
  }

  summary(): { pushes: number; events: number; p50Ms: number | null; p95Ms: number | null; maxMs: number | null } {
    const sorted = [...this.durations].sort((a, b) => a - b);
    const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : null);
    return { pushes: sorted.length, events: this.events, p50Ms: at(50), p95Ms: at(95), maxMs: sorted.at(-1) ?? null };
  }
}
