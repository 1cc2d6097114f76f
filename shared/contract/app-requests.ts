import { z } from 'zod';
import { request } from './define-request';

export type AppInfo = {
  readonly name: string;
  readonly version: string;
  /** Which shell hosts the core: the Electron app or the browser host (tests, `npm run start:browser`). */
  readonly host: 'electron' | 'browser';
  readonly dataDir: string;
  readonly collections: ReadonlyArray<string>;
};

export const appRequests = {
  'app.info': request(z.strictObject({})).returns<AppInfo>(),
} as const;
