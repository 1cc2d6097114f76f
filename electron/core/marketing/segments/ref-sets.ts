/** Count of references per key, so a set survives removal of one of several sources. */
export class RefSets {
  private readonly sets = new Map<string, Map<number, number>>();
  add(key: string, n: number): void {
    let set = this.sets.get(key);
    if (!set) this.sets.set(key, (set = new Map()));
    set.set(n, (set.get(n) ?? 0) + 1);
  }
  remove(key: string, n: number): void {
    const set = this.sets.get(key);
    const c = set?.get(n);
    if (!set || c === undefined) return;
    if (c <= 1) set.delete(n);
    else set.set(n, c - 1);
    if (set.size === 0) this.sets.delete(key);
  }
  members(key: string): Iterable<number> {
    return this.sets.get(key)?.keys() ?? [];
  }
}
