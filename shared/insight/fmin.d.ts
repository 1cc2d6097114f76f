/**
 * fmin 0.0.4 ships a UMD bundle as the entry of a "type": "module" package. Loaded as an ES module
 * (Node, vitest, Vite) the bundle exports nothing and assigns its API to globalThis.fmin instead;
 * loaded through a CommonJS wrapper it exports the functions. The export is therefore typed as
 * possibly missing; shared/insight/bgnbd.ts (minimise) looks in both places.
 */
declare module 'fmin' {
  export type NelderMeadPoint = number[] & { fx?: number };
  export type NelderMeadOptions = {
    maxIterations?: number;
    /** Stops when the simplex's function values and coordinates both differ by less than this. */
    minErrorDelta?: number;
    /** Relative size of the initial simplex along a non-zero coordinate (default 1.05). */
    nonZeroDelta?: number;
    zeroDelta?: number;
    /** Shrink factor; with sigma >= 1 the search stops where it would shrink the simplex. */
    sigma?: number;
    /** Receives one entry per iteration: the best point and the whole simplex at its start. */
    history?: Array<{ x: number[]; fx: number; simplex?: NelderMeadPoint[] }>;
  };
  export type NelderMeadResult = { x: NelderMeadPoint; fx: number };
  export const nelderMead: ((f: (x: number[]) => number, x0: number[], options?: NelderMeadOptions) => NelderMeadResult) | undefined;
}
