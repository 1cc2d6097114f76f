import type { Logger } from 'pino';
import type { SigningKey } from './auth/tokens';
import type { UserWatch } from './auth/user-watch';
import type { ServerConfig } from './config';
import type { Db } from './db/db';
import type { ChangeHub } from './sync/change-hub';
import type { CollectionRegistry } from './sync/collections';

/** Everything a route needs, built once per process by createServer. */
export type AppContext = {
  db: Db;
  config: ServerConfig;
  /** The HS256 key, imported once into WebCrypto: jose would otherwise import it again on every request. */
  jwtKey: SigningKey;
  dummyHash: string;
  collections: CollectionRegistry;
  hub: ChangeHub;
  users: UserWatch;
  log: Logger;
};
