import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { IPC_CHANNELS } from '../../shared/contract';
import { startWorker } from '../core/threads/start-worker';
import { startElectronApp, type RunningApp } from './start';

/**
 * The Electron entry with a fake `electron` module: the real start code, the real core thread and
 * database, no Electron binary. What it shows: the core runs on a worker thread (the main thread's
 * createCore is booby-trapped below), IPC reaches it, and closing closes the database.
 */
const fake = vi.hoisted(() => {
  const handlers = new Map<string, (...args: unknown[]) => unknown>();
  const userData = { dir: '' };
  const sealedWith = 'fake-os-key-store:';
  return { handlers, userData, sealedWith };
});

vi.mock('electron', async () => {
  const { EventEmitter } = await import('node:events');
  let nextId = 1;
  class FakeWebContents extends EventEmitter {
    readonly id = nextId++;
    readonly sent: unknown[] = [];
    send(channel: string, payload: unknown): void {
      this.sent.push({ channel, payload });
    }
    isDestroyed(): boolean {
      return false;
    }
    setWindowOpenHandler(): void {}
  }
  class FakeBrowserWindow extends EventEmitter {
    static readonly all: FakeBrowserWindow[] = [];
    static getAllWindows(): FakeBrowserWindow[] {
      return FakeBrowserWindow.all;
    }
    readonly webContents = new FakeWebContents();
    constructor(readonly options: unknown) {
      super();
      FakeBrowserWindow.all.push(this);
    }
    loadFile = async (): Promise<void> => undefined;
    loadURL = async (): Promise<void> => undefined;
    show(): void {}
    maximize(): void {}
    isMaximized(): boolean {
      return false;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1280, height: 800 };
    }
  }
  return {
    app: {
      whenReady: async () => undefined,
      getPath: () => fake.userData.dir,
      getVersion: () => '0.1.0-test',
      getAppPath: () => process.cwd(),
      getPreferredSystemLanguages: () => ['en-US'],
      isPackaged: false,
      on: () => undefined,
      exit: () => undefined,
    },
    BrowserWindow: FakeBrowserWindow,
    ipcMain: {
      handle: (channel: string, handler: (...args: unknown[]) => unknown) => fake.handlers.set(channel, handler),
      removeHandler: (channel: string) => fake.handlers.delete(channel),
    },
    session: { defaultSession: { webRequest: { onHeadersReceived: () => undefined }, setPermissionRequestHandler: () => undefined } },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptStringAsync: async (text: string) => Buffer.from(fake.sealedWith + text),
      decryptStringAsync: async (bytes: Buffer) => ({ result: bytes.toString().slice(fake.sealedWith.length), shouldReEncrypt: false }),
    },
    dialog: { showErrorBox: () => undefined, showSaveDialog: async () => ({ canceled: true }) },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: () => undefined },
    screen: { getAllDisplays: () => [] },
    shell: { openPath: async () => '' },
  };
});

// The core must never be created on the main thread; only the worker (its own module graph) may.
vi.mock('../core/core', () => ({
  createCore: () => {
    throw new Error('createCore ran on the main thread');
  },
}));
vi.mock('../core/threads/start-worker', async (importOriginal) => {
  const real = await importOriginal<typeof import('../core/threads/start-worker')>();
  return { startWorker: vi.fn(real.startWorker) };
});

const ROOT = resolve(import.meta.dirname, '../..');
fake.userData.dir = mkdtempSync(join(tmpdir(), 'crm-electron-'));
let running: RunningApp | undefined;

afterAll(async () => {
  await running?.close();
  rmSync(fake.userData.dir, { recursive: true, force: true });
});

/** An IPC call as our window's top frame would make it. */
async function invoke(name: string, params: unknown): Promise<unknown> {
  const handler = fake.handlers.get(IPC_CHANNELS.request);
  if (!handler) throw new Error('no IPC handler');
  const { BrowserWindow } = await import('electron');
  const sender = BrowserWindow.getAllWindows()[0]?.webContents;
  const frame = { parent: null, url: pathToFileURL(join(ROOT, 'electron/renderer/index.html')).href + '#/customers' };
  return handler({ senderFrame: frame, sender }, name, params);
}

describe('the Electron entry', () => {
  it('starts the core on a worker thread and relays IPC to it', async () => {
    running = await startElectronApp({ onCoreExit: (error) => expect.unreachable(error.message) });

    expect(vi.mocked(startWorker)).toHaveBeenCalledOnce();
    const [entry, workerOptions] = vi.mocked(startWorker).mock.calls[0] ?? [];
    expect(entry?.pathname).toMatch(/\/electron\/core\/threads\/core-thread-worker\.ts$/);
    expect(workerOptions?.workerData).toMatchObject({ host: 'electron', keyProtection: 'os-key-store', dataDir: fake.userData.dir });

    const { BrowserWindow } = await import('electron');
    // The window gets the app icon (build/icon.png in a checkout).
    expect(BrowserWindow.getAllWindows()[0]).toMatchObject({ options: { icon: join(ROOT, 'build', 'icon.png') } });

    expect(await invoke('app.info', {})).toMatchObject({
      ok: true,
      value: { name: 'FieldCRM', host: 'electron', keyProtection: 'os-key-store', dataDir: fake.userData.dir },
    });
    // Payloads are validated by the core's dispatcher, over on its thread.
    expect(await invoke('accounts.list', { limit: 'all' })).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    // A frame that is not our page is refused before anything reaches the core.
    const handler = fake.handlers.get(IPC_CHANNELS.request);
    expect(await handler?.({ senderFrame: { parent: null, url: 'https://evil.example/' }, sender: {} }, 'app.info', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('keeps the database key sealed by the OS key store, never in a plain file', () => {
    const sealed = readFileSync(join(fake.userData.dir, 'crm.key.sealed'), 'utf8');
    expect(sealed.startsWith(fake.sealedWith)).toBe(true);
    expect(() => readFileSync(join(fake.userData.dir, 'crm.key'))).toThrow();
  });

  it('closes the database on its thread when the app closes, and logs it all to the log file', async () => {
    await running?.close();
    expect(await invoke('app.info', {}).catch((error: Error) => error.message)).toBe('no IPC handler');
    const log = readFileSync(running?.logger.location?.file() ?? '', 'utf8');
    expect(log).toContain('"msg":"FieldCRM starting"');
    expect(log).toContain('"source":"core","msg":"core opened the database"');
    expect(log).toContain('"msg":"core closed the database"');
    expect(log).toContain('"msg":"FieldCRM closed"');
  });
});
