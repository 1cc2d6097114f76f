import { fail, isRequestName, requestDefs, type RequestName, type Result, type ResultOf } from '../../../shared/contract';
import { formatIssues } from './format-issues';
import { HandlerError } from './handler-error';
import type { Handler, HandlerGroup, SessionContext } from './handler-types';

export type Dispatcher = {
  /** `name` and `params` come straight off IPC or a WebSocket: nothing about them is trusted. */
  dispatch(name: string, params: unknown, session: SessionContext): Promise<Result<ResultOf<RequestName>>>;
  readonly names: ReadonlyArray<RequestName>;
};

export type DispatcherOptions = {
  /** Refuse to start unless every contract request has a handler (the app sets this; tests may not). */
  readonly requireAll?: boolean;
  /** Where unexpected handler failures are reported; they also reach the caller as `internal`. */
  readonly onInternalError?: (name: RequestName, error: unknown) => void;
};

type AnyHandler = (params: unknown, session: SessionContext) => Promise<Result<ResultOf<RequestName>>>;

export function createDispatcher(groups: ReadonlyArray<HandlerGroup>, options: DispatcherOptions = {}): Dispatcher {
  const handlers = new Map<RequestName, AnyHandler>();
  for (const group of groups) {
    for (const name of Object.keys(group)) {
      if (!isRequestName(name)) throw new Error(`Handler "${name}" is not in the contract (shared/contract/requests.ts)`);
      if (handlers.has(name)) throw new Error(`Two handlers for request "${name}"`);
      handlers.set(name, group[name] as AnyHandler);
    }
  }
  if (options.requireAll) {
    const missing = Object.keys(requestDefs).filter((name) => !handlers.has(name as RequestName));
    if (missing.length > 0) throw new Error(`No handler for: ${missing.join(', ')}`);
  }

  async function dispatch(name: string, params: unknown, session: SessionContext): Promise<Result<ResultOf<RequestName>>> {
    if (!isRequestName(name)) return fail('unknown_request', `Unknown request "${String(name).slice(0, 100)}"`);
    const handler = handlers.get(name);
    if (!handler) return fail('unknown_request', `Request "${name}" has no handler in this build`);

    // Validation happens here, before any handler code runs, so a malformed payload can never
    // reach the database.
    const parsed = requestDefs[name].params.safeParse(params === undefined ? {} : params);
    if (!parsed.success) return fail('invalid_request', formatIssues(name, parsed.error.issues));

    try {
      return await handler(parsed.data, session);
    } catch (error) {
      if (error instanceof HandlerError) return { ok: false, error: error.toError() };
      options.onInternalError?.(name, error);
      const message = error instanceof Error ? error.message : String(error);
      return fail('internal', `${name} failed: ${message}`);
    }
  }

  return { dispatch, names: [...handlers.keys()] };
}

/** Typed helper so a domain's handler file reads as a map of names to functions. */
export function defineHandlers<G extends HandlerGroup>(group: G): G {
  return group;
}

export type { Handler };
