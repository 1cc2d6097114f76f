// pino-roll ships no types; this is the part of its API the file logger uses.
declare module 'pino-roll' {
  import type { SonicBoom } from 'sonic-boom';

  export type PinoRollOptions = {
    readonly file: string;
    readonly size?: string | number;
    readonly frequency?: 'daily' | 'hourly' | number;
    readonly extension?: string;
    readonly symlink?: boolean;
    readonly limit?: { readonly count: number; readonly removeOtherLogFiles?: boolean };
    readonly mkdir?: boolean;
    readonly mode?: number;
    readonly sync?: boolean;
  };

  /** The SonicBoom stream writing the current file; `file` changes when it rolls over. */
  export type RollingStream = SonicBoom & { readonly file: string };

  const pinoRoll: (options: PinoRollOptions) => Promise<RollingStream>;
  export = pinoRoll;
}
