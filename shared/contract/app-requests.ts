import { z } from 'zod';
import { request } from './define-request';

export type AppInfo = {
  readonly name: string;
  readonly version: string;
  /** Which shell hosts the core: the Electron app or the browser host (tests, `npm run start:browser`). */
  readonly host: 'electron' | 'browser';
  readonly dataDir: string;
  readonly collections: ReadonlyArray<string>;
  /**
   * Where the database key is kept: sealed by the OS key store (Keychain, DPAPI, libsecret, KWallet),
   * or in a 0600 key file beside the database where no key store exists (the browser host, Linux
   * without a keyring). The app tells the user which, since the second protects less.
   */
  readonly keyProtection: 'os-key-store' | 'key-file';
};

export const appRequests = {
  'app.info': request(z.strictObject({})).returns<AppInfo>(),
} as const;
