import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_KEY_BYTES, keyFilePath, loadOrCreateKeyFile, readKeyFile } from './database-key';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'crm-key-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const mode = (target: string): number => statSync(target).mode & 0o777;

describe('the database key file', () => {
  it('is created once, 32 random bytes in a 0600 file in a 0700 directory, and read back the same', () => {
    const dir = path.join(tempDir(), 'data');
    const key = loadOrCreateKeyFile(dir);
    expect(key).toHaveLength(DATABASE_KEY_BYTES);
    expect(loadOrCreateKeyFile(dir).equals(key)).toBe(true);
    expect(readFileSync(keyFilePath(dir), 'utf8')).toBe(key.toString('hex'));
    expect(readdirSync(dir)).toEqual(['crm.key']);
    if (process.platform !== 'win32') {
      expect(mode(dir)).toBe(0o700);
      expect(mode(keyFilePath(dir))).toBe(0o600);
    }
    expect(loadOrCreateKeyFile(tempDir()).equals(key)).toBe(false);
  });

  it('narrows a key file and directory that others could read', () => {
    const dir = tempDir();
    const key = loadOrCreateKeyFile(dir);
    chmodSync(dir, 0o755);
    chmodSync(keyFilePath(dir), 0o644);
    expect(loadOrCreateKeyFile(dir).equals(key)).toBe(true);
    if (process.platform !== 'win32') {
      expect(mode(dir)).toBe(0o700);
      expect(mode(keyFilePath(dir))).toBe(0o600);
    }
  });

  it('refuses a damaged key file in words and never replaces it (a new key would lock the data away)', () => {
    const dir = tempDir();
    for (const damaged of ['', 'abc', 'zz'.repeat(DATABASE_KEY_BYTES), '00'.repeat(DATABASE_KEY_BYTES - 1)]) {
      writeFileSync(keyFilePath(dir), damaged);
      expect(() => loadOrCreateKeyFile(dir), JSON.stringify(damaged)).toThrow(
        expect.objectContaining({ code: 'database_key_file_damaged', message: expect.stringMatching(/damaged/) as string }) as Error,
      );
      expect(readFileSync(keyFilePath(dir), 'utf8')).toBe(damaged);
    }
    expect(readKeyFile(tempDir())).toBeUndefined();
  });
});
