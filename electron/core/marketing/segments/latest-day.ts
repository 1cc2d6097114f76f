/** The day of a record without any: earlier than every real day. */
export const NO_DAY = -2147483648;

/** Latest day per record, kept under removals by the sources behind each record. */
export class LatestDay {
  readonly day: number[] = [];
  private readonly sources = new Map<number, Map<string, number>>();
  set(n: number, source: string, day: number | null): void {
    let s = this.sources.get(n);
    if (day === null) {
      if (!s?.delete(source)) return;
    } else {
      if (!s) this.sources.set(n, (s = new Map()));
      s.set(source, day);
    }
    let latest = NO_DAY;
    for (const d of s!.values()) if (d > latest) latest = d;
    while (this.day.length <= n) this.day.push(NO_DAY);
    this.day[n] = latest;
  }
  of(n: number): number {
    return this.day[n] ?? NO_DAY;
  }
}
