import type { ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { launchChromium, type SpawnLike } from './chromium-launch';

const SECRET = 'Zq3xSecretValue_0123456789abcdefghijklmnopqrstu';
const URL_WITH_SECRET = `http://127.0.0.1:47810/?s=${SECRET}`;

function fakeSpawn(): { spawn: SpawnLike; calls: Array<{ command: string; args: ReadonlyArray<string> }>; child: ChildProcess } {
  const calls: Array<{ command: string; args: ReadonlyArray<string> }> = [];
  const child = new EventEmitter() as ChildProcess;
  return {
    calls,
    child,
    spawn: (command, args) => {
      calls.push({ command, args });
      return child;
    },
  };
}

describe('launchChromium', () => {
  it('puts no secret on the command line: Chromium opens a private launch page instead', async () => {
    const fake = fakeSpawn();
    let connect: () => void = () => undefined;
    const connected = new Promise<void>((resolve) => (connect = resolve));
    launchChromium({
      chromium: '/usr/bin/chromium',
      url: URL_WITH_SECRET,
      profileDir: '/tmp/profile',
      flags: ['--no-first-run'],
      connected,
      log: () => undefined,
      spawn: fake.spawn,
    });

    const [call] = fake.calls;
    expect(call?.command).toBe('/usr/bin/chromium');
    const argv = call?.args.join(' ') ?? '';
    expect(argv).not.toContain(SECRET);
    expect(argv).not.toContain('?s=');
    const app = call?.args.find((arg) => arg.startsWith('--app=')) ?? '';
    const file = fileURLToPath(app.slice('--app='.length));
    expect(readFileSync(file, 'utf8')).toContain(`url=${URL_WITH_SECRET}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dirname(file)).mode & 0o777).toBe(0o700);

    // Once the page has connected the secret has done its job and the file is gone.
    connect();
    await connected;
    await new Promise((resolve) => setImmediate(resolve));
    expect(existsSync(file)).toBe(false);
    expect(existsSync(dirname(file))).toBe(false);
  });

  it('deletes the launch page after a while even if no page ever connects, and when Chromium exits', async () => {
    const fake = fakeSpawn();
    launchChromium({
      chromium: '/usr/bin/chromium',
      url: URL_WITH_SECRET,
      profileDir: '/tmp/profile',
      flags: [],
      connected: new Promise(() => undefined),
      maxWaitMs: 20,
      log: () => undefined,
      spawn: fake.spawn,
    });
    const file = fileURLToPath((fake.calls[0]?.args.at(-1) ?? '').slice('--app='.length));
    expect(existsSync(file)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(existsSync(file)).toBe(false);

    const second = fakeSpawn();
    launchChromium({
      chromium: '/usr/bin/chromium',
      url: URL_WITH_SECRET,
      profileDir: '/tmp/profile',
      flags: [],
      connected: new Promise(() => undefined),
      log: () => undefined,
      spawn: second.spawn,
    });
    const secondFile = fileURLToPath((second.calls[0]?.args.at(-1) ?? '').slice('--app='.length));
    second.child.emit('exit', 0);
    expect(existsSync(secondFile)).toBe(false);
  });
});
