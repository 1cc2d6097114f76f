import { chmod, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoredSession, TokenStore } from './token-store';

export const TOKEN_FILE_NAME = 'sync-session.json';

/**
 * The browser host's TokenStore: a JSON file readable only by the user (0600) in its data
 * directory. Written to a temp file (created 0600, so the tokens are never world-readable even for
 * a moment) and renamed over the old one, so a crash leaves either the old or the new session.
 */
export function createFileTokenStore(directory: string): TokenStore {
  const path = join(directory, TOKEN_FILE_NAME);
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
      try {
        const parsed = JSON.parse(text) as unknown;
        return isStoredSession(parsed) ? parsed : undefined;
      } catch {
        // A torn or foreign file is treated as "signed out" rather than crashing the core.
        return undefined;
      }
    },
    async save(session) {
      const temp = `${path}.${process.pid}.tmp`;
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.writeFile(JSON.stringify(session));
        await handle.sync();
      } finally {
        await handle.close();
      }
      await chmod(temp, 0o600);
      await rename(temp, path);
    },
    async clear() {
      await rm(path, { force: true });
    },
  };
}

function isNotFound(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'ENOENT';
}

function isStoredSession(value: unknown): value is StoredSession {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.serverUrl === 'string' &&
    typeof v.accessToken === 'string' &&
    typeof v.refreshToken === 'string' &&
    typeof v.accessExpiresAt === 'number' &&
    typeof v.user === 'object' &&
    v.user !== null
  );
}
