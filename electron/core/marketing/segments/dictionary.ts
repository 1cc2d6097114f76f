/** The code of a missing value in every integer column; no match table ever matches it. */
export const NONE = -1;

/** Label → small integer, for one column family. */
export class Dictionary {
  private readonly codes = new Map<string, number>();
  readonly values: string[] = [];
  code(value: string | null): number {
    if (value === null) return NONE;
    let c = this.codes.get(value);
    if (c === undefined) {
      c = this.values.length;
      this.codes.set(value, c);
      this.values.push(value);
    }
    return c;
  }
  /** Match table over the codes: 1 where `wanted` holds for the code's value. */
  matches(wanted: (value: string) => boolean): Uint8Array {
    const table = new Uint8Array(this.values.length + 1);
    this.values.forEach((v, i) => {
      if (wanted(v)) table[i] = 1;
    });
    return table;
  }
  /** Match table over the codes: 1 where the code's value is one of `values`. */
  matchesAnyOf(values: ReadonlyArray<string>): Uint8Array {
    const wanted = new Set(values);
    return this.matches((v) => wanted.has(v));
  }
}
