/** Types for the part of `fmin` (unconstrained minimisation; the package has no types) that the models use. */
declare module 'fmin' {
  export type NelderMeadPoint = number[] & { fx?: number };
  export type NelderMeadOptions = {
    maxIterations?: number;
    /** Stops when the simplex's function values and coordinates both differ by less than this. */
    minErrorDelta?: number;
    /** Relative size of the initial simplex along a non-zero coordinate (default 1.05). */
    nonZeroDelta?: number;
    zeroDelta?: number;
    /** Shrink factor (default 0.5). */
    sigma?: number;
    /** Receives one entry per iteration. */
    history?: Array<{ x: number[]; fx: number; simplex?: NelderMeadPoint[] }>;
  };
  export type NelderMeadResult = { x: NelderMeadPoint; fx: number };
  export function nelderMead(f: (x: number[]) => number, x0: number[], options?: NelderMeadOptions): NelderMeadResult;
}
