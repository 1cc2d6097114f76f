/** Types for the parts of `fmin` (unconstrained minimisation, no bundled types) that the models use. */
declare module 'fmin' {
  export function nelderMead(
    f: (x: number[]) => number,
    initial: number[],
    parameters?: { maxIterations?: number; nonZeroDelta?: number; zeroDelta?: number; minErrorDelta?: number; minTolerance?: number },
  ): { fx: number; x: number[] };
}
