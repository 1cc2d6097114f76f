import { afterAll, beforeAll } from 'vitest';
import type { ServerConfig } from '../config';
import type { RunningServer } from '../server';
import { api, seedOrg, startTestServer, testEnv, type Api, type Org, type TestEnv } from './harness';
import type { Backend } from './test-db';

/** What a test file shares: its database, one running server, a client for it and a seeded org. */
export type SeededServer = { readonly env: TestEnv; readonly server: RunningServer; readonly client: Api; readonly org: Org };

/**
 * Starts one server with a seeded org for the calling `describe` (in its beforeAll) and closes it
 * and drops its database afterwards. The fields are filled once beforeAll has run, so tests read
 * them inside `it`, never at collection time.
 */
export const useSeededServer = (backend: Backend, overrides: Partial<ServerConfig> = {}): SeededServer => {
  const state: { -readonly [K in keyof SeededServer]?: SeededServer[K] } = {};
  beforeAll(async () => {
    state.env = await testEnv(backend, overrides);
    state.server = await startTestServer(state.env.config);
    state.client = api(state.server);
    state.org = await seedOrg(state.server);
  });
  afterAll(async () => {
    await state.server?.close();
    await state.env?.cleanup();
  });
  const field = <K extends keyof SeededServer>(key: K): SeededServer[K] => {
    const value = state[key];
    if (value === undefined) throw new Error(`the seeded server's ${key} is read before beforeAll ran`);
    return value as SeededServer[K];
  };
  return {
    get env() {
      return field('env');
    },
    get server() {
      return field('server');
    },
    get client() {
      return field('client');
    },
    get org() {
      return field('org');
    },
  };
};
