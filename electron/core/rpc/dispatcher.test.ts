import { describe, expect, it, vi } from 'vitest';
import { ok } from '../../../shared/contract';
import { createDispatcher, defineHandlers } from './dispatcher';
import { HandlerError } from './handler-error';
import type { SessionContext } from './handler-types';

const session: SessionContext = { sessionId: 't', emit: () => undefined, onClose: () => undefined };
const info = { name: 'FieldCRM', version: '0', host: 'browser', dataDir: '/tmp', collections: [], keyProtection: 'key-file' } as const;

describe('createDispatcher', () => {
  it('rejects two handlers for one name at startup', () => {
    const group = defineHandlers({ 'app.info': async () => ok(info) });
    expect(() => createDispatcher([group, group])).toThrow(/Two handlers for request "app.info"/);
  });

  it('refuses to start with a missing handler when every request is required', () => {
    expect(() => createDispatcher([], { requireAll: true })).toThrow(/No handler for: app.info/);
  });

  it('validates params before the handler runs and names the field', async () => {
    const handler = vi.fn(async () => ok({ rows: [], total: 0, offset: 0 }));
    const dispatcher = createDispatcher([defineHandlers({ 'accounts.list': handler })]);
    const result = await dispatcher.dispatch('accounts.list', { limit: 100_000, filter: { status: ['bogus'] } }, session);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('invalid_request');
    expect(result.error.message).toContain('limit');
    expect(result.error.message).toContain('filter.status[0]');
    expect(handler).not.toHaveBeenCalled();
  });

  it('fills defaults before the handler sees the params', async () => {
    const handler = vi.fn(async () => ok({ rows: [], total: 0, offset: 0 }));
    const dispatcher = createDispatcher([defineHandlers({ 'accounts.list': handler })]);
    await dispatcher.dispatch('accounts.list', {}, session);
    expect(handler).toHaveBeenCalledWith({ filter: {}, sort: { field: 'name', direction: 'asc' }, offset: 0, limit: 100 }, session);
  });

  it('answers unknown names with an error value', async () => {
    const result = await createDispatcher([]).dispatch('accounts.drop', {}, session);
    expect(result).toEqual({ ok: false, error: { code: 'unknown_request', message: expect.stringContaining('accounts.drop') } });
  });

  it('turns handler exceptions into error values and reports them', async () => {
    const onInternalError = vi.fn();
    const dispatcher = createDispatcher(
      [
        defineHandlers({
          'app.info': async () => {
            throw new Error('disk on fire');
          },
          'accounts.get': async () => {
            throw new HandlerError('not_found', 'no account a1');
          },
        }),
      ],
      { onInternalError },
    );
    expect(await dispatcher.dispatch('app.info', {}, session)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'app.info failed: disk on fire' },
    });
    expect(onInternalError).toHaveBeenCalledOnce();
    expect(await dispatcher.dispatch('accounts.get', { id: 'a1' }, session)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'no account a1' },
    });
  });
});
