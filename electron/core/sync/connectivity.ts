import { backoffDelay, sleep, type BackoffOptions } from './backoff';
import { healthResponseSchema } from '../../../shared/contract/sync/wire/auth';
import { requestJson } from './sync-http';

export type ConnectivityState = 'online' | 'offline';

export type ConnectivityOptions = {
  /** Where `/health` lives; read on every probe because sign-in may change it. */
  readonly serverUrl: () => string | undefined;
  readonly onChange: (state: ConnectivityState) => void;
  /** Probe interval while online and idle; a dead link is noticed within this even with no traffic. */
  readonly healthyProbeMs?: number;
  readonly offlineBackoff?: BackoffOptions;
  readonly probeTimeoutMs?: number;
  /** Anything but our own stop failing a probe or the probe loop: a bug, logged. */
  readonly log: (message: string, error: unknown) => void;
};

export type Connectivity = {
  state(): ConnectivityState;
  /** A request or stream got through: the strongest evidence of being online. */
  reportSuccess(): void;
  /** A request or stream failed on the network; a probe decides whether we are really offline. */
  reportNetworkFailure(): void;
  /** Registers a listener for "try again now" (back online, or "Sync now"); returns its remover. */
  onWake(listener: () => void): () => void;
  /** "Sync now": wakes every sleeper and probes at once. */
  kick(): void;
  stop(): void;
};

/**
 * Online/offline from several signals, never from one: a failed request alone only triggers a
 * health probe, and only a failed probe on top of it marks the app offline (a single reset
 * connection or a server restart under load is not "offline"). Any successful request, stream
 * or probe brings it back online. While offline the probe runs with exponential backoff + jitter;
 * while online it runs every `healthyProbeMs` so a silently dead link (Wi-Fi without uplink,
 * half-open TCP) is detected even when nothing else talks to the server.
 */
export function createConnectivity(options: ConnectivityOptions): Connectivity {
  const controller = new AbortController();
  const wakeListeners = new Set<() => void>();
  let current: ConnectivityState = 'online';
  let offlineAttempt = 0;
  let probing: Promise<boolean> | undefined;
  let loopWake: (() => void) | undefined;

  const set = (next: ConnectivityState): void => {
    if (next === current) return;
    current = next;
    options.onChange(next);
    if (next === 'online') wakeAll();
  };
  const wakeAll = (): void => {
    for (const listener of [...wakeListeners]) listener();
  };

  async function probe(): Promise<boolean> {
    const base = options.serverUrl();
    if (!base) return false;
    try {
      const r = await requestJson(
        `${base}/health`,
        { method: 'GET', signal: controller.signal, timeoutMs: options.probeTimeoutMs ?? 5_000 },
        healthResponseSchema,
      );
      // Any HTTP answer (even 429/5xx) proves the network path works; only no answer means offline.
      return r.ok || r.failure.kind === 'http';
    } catch (error) {
      // requestJson throws only when our own signal aborts (stop); anything else is a bug.
      if (!controller.signal.aborted) options.log('the sync server health probe failed unexpectedly', error);
      return false;
    }
  }

  function probeOnce(): Promise<boolean> {
    probing ??= probe()
      .then((reachable) => {
        if (reachable) {
          offlineAttempt = 0;
          set('online');
        } else {
          set('offline');
        }
        return reachable;
      })
      .finally(() => {
        probing = undefined;
      });
    return probing;
  }

  async function loop(): Promise<void> {
    while (!controller.signal.aborted) {
      const delay = current === 'online' ? (options.healthyProbeMs ?? 30_000) : backoffDelay(offlineAttempt++, options.offlineBackoff);
      await sleep(delay, controller.signal, (listener) => {
        loopWake = listener;
        return () => {
          loopWake = undefined;
        };
      });
      await probeOnce();
    }
  }
  // The loop ends when stop() aborts its sleep; anything else ending it is a bug.
  loop().catch((error: unknown) => {
    if (!controller.signal.aborted) options.log('the connectivity probe loop stopped unexpectedly', error);
  });

  return {
    state: () => current,
    reportSuccess() {
      offlineAttempt = 0;
      set('online');
    },
    reportNetworkFailure() {
      void probeOnce();
    },
    onWake(listener) {
      wakeListeners.add(listener);
      return () => wakeListeners.delete(listener);
    },
    kick() {
      offlineAttempt = 0;
      loopWake?.();
      wakeAll();
    },
    stop() {
      controller.abort(new Error('sync stopped'));
      wakeListeners.clear();
    },
  };
}
