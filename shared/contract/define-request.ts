import type { z } from 'zod';

/**
 * One entry of the request map: the params schema exists at runtime (the core validates every
 * payload against it before a handler runs); the result type exists only for the compiler, since
 * results come from our own core and are typed end to end.
 */
export type RequestDef<P extends z.ZodType, R> = {
  readonly params: P;
  /** Phantom: never set at runtime, carries the result type. */
  readonly result?: R;
};

export function request<P extends z.ZodType>(params: P): { returns<R>(): RequestDef<P, R> } {
  return { returns: <R>(): RequestDef<P, R> => ({ params }) };
}
