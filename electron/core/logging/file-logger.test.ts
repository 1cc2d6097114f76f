import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createFileLogger, logDirectory } from './file-logger';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crm-log-'));
  dirs.push(dir);
  return dir;
}

const logFiles = (dir: string): string[] =>
  readdirSync(logDirectory(dir))
    .filter((name) => /^fieldcrm\.\d+\.log$/.test(name))
    .sort();

describe('file logger', () => {
  it('writes JSON lines to <dataDir>/logs, directory 0700 and file 0600', async () => {
    const dir = dataDir();
    const logger = await createFileLogger({ dataDir: dir });
    logger.info('core started', { collections: 12 });
    logger.error('request failed', new Error('disk on fire'), { request: 'accounts.list' });
    logger.write({ level: 'warn', message: 'from the core thread', source: 'core' });
    const file = logger.location?.file() ?? '';
    await logger.close();

    expect(file).toBe(join(logDirectory(dir), 'fieldcrm.1.log'));
    expect(statSync(logDirectory(dir)).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line['msg'])).toEqual(['core started', 'request failed', 'from the core thread']);
    expect(lines[0]).toMatchObject({ level: 30, collections: 12 });
    expect(lines[1]).toMatchObject({ level: 50, request: 'accounts.list' });
    expect(String(lines[1]?.['error'])).toContain('disk on fire');
    expect(lines[2]).toMatchObject({ level: 40, source: 'core' });
  });

  it('rolls over at the size limit, keeps a bounded number of files, all 0600', async () => {
    const dir = dataDir();
    const logger = await createFileLogger({ dataDir: dir, maxFileSize: '2k', keepFiles: 2 });
    const line = 'x'.repeat(200);
    for (let i = 0; i < 200; i++) {
      logger.info(line, { i });
      // Let the stream drain now and then, as a running app's log would between events.
      if (i % 10 === 9) await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await logger.close();
    // Old files are removed asynchronously after a roll.
    await new Promise((resolve) => setTimeout(resolve, 100));

    const files = logFiles(dir);
    expect(files.length).toBeGreaterThanOrEqual(2);
    expect(files.length).toBeLessThanOrEqual(3);
    // Numbering goes on: the first files were rotated away.
    expect(files).not.toContain('fieldcrm.1.log');
    for (const name of files) expect(statSync(join(logDirectory(dir), name)).mode & 0o777).toBe(0o600);
    const text = files.map((name) => readFileSync(join(logDirectory(dir), name), 'utf8')).join('');
    const last = text.trim().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({ i: 199 });
  });

  it('continues the newest file after a restart and tightens loose permissions', async () => {
    const dir = dataDir();
    const first = await createFileLogger({ dataDir: dir });
    first.info('first run');
    await first.close();
    const second = await createFileLogger({ dataDir: dir });
    second.info('second run');
    await second.close();
    const text = readFileSync(join(logDirectory(dir), 'fieldcrm.1.log'), 'utf8');
    expect(text).toContain('first run');
    expect(text).toContain('second run');
  });
});
