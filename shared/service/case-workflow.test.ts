import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../schemas/cases';
import { CASE_TRANSITIONS, checkTransition } from './case-workflow';

const DAY = 86_400_000;
const now = Date.UTC(2026, 5, 15);

describe('case workflow', () => {
  it('allows exactly the listed moves, refusing the same status and every other pair', () => {
    for (const from of CASE_STATUSES) {
      for (const to of CASE_STATUSES) {
        const check = checkTransition(from, to, { resolvedAt: now, reopenWindowDays: 7, now });
        if (from === to) expect(check).toEqual({ ok: false, reason: 'same_status' });
        else if (CASE_TRANSITIONS[from].includes(to)) expect(check.ok, `${from} → ${to}`).toBe(true);
        else expect(check, `${from} → ${to}`).toEqual({ ok: false, reason: 'not_allowed' });
      }
    }
  });

  it('reopens a resolved or closed case within the window only, to the day', () => {
    for (const from of ['resolved', 'closed'] as const) {
      expect(checkTransition(from, 'open', { resolvedAt: now - 7 * DAY, reopenWindowDays: 7, now })).toEqual({ ok: true, reopen: true });
      expect(checkTransition(from, 'open', { resolvedAt: now - 7 * DAY - 1, reopenWindowDays: 7, now })).toEqual({
        ok: false,
        reason: 'reopen_window_passed',
      });
    }
    expect(checkTransition('pending_customer', 'open', { reopenWindowDays: 0, now })).toEqual({ ok: true, reopen: false });
  });
});
