import type { CaseStatus } from '../schemas/cases';

/**
 * The case workflow: new → open → pending customer ⇄ open → escalated → resolved → closed, with
 * reopening (back to open) from resolved or closed within the policy's reopen window. The core
 * enforces it (electron/core/service/case-workflow-handlers.ts); screens offer only these moves.
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseStatus, ReadonlyArray<CaseStatus>>> = {
  new: ['open', 'pending_customer', 'escalated', 'resolved'],
  open: ['pending_customer', 'escalated', 'resolved'],
  pending_customer: ['open', 'escalated', 'resolved'],
  escalated: ['open', 'pending_customer', 'resolved'],
  resolved: ['closed', 'open'],
  closed: ['open'],
};

/** Why a move is refused, as a code the screens translate (`service:workflow.<code>`). */
export type TransitionRefusal = 'same_status' | 'not_allowed' | 'reopen_window_passed';

export type TransitionCheck = { readonly ok: true; readonly reopen: boolean } | { readonly ok: false; readonly reason: TransitionRefusal };

const DAY_MS = 86_400_000;

/**
 * May a case in `from` move to `to` at `now`? Reopening (resolved/closed → open) is allowed for
 * `reopenWindowDays` after `resolvedAt`.
 */
export function checkTransition(
  from: CaseStatus,
  to: CaseStatus,
  opts: { readonly resolvedAt?: number; readonly reopenWindowDays: number; readonly now: number },
): TransitionCheck {
  if (from === to) return { ok: false, reason: 'same_status' };
  if (!CASE_TRANSITIONS[from].includes(to)) return { ok: false, reason: 'not_allowed' };
  const reopen = (from === 'resolved' || from === 'closed') && to === 'open';
  if (reopen && opts.now - (opts.resolvedAt ?? 0) > opts.reopenWindowDays * DAY_MS) return { ok: false, reason: 'reopen_window_passed' };
  return { ok: true, reopen };
}

/** Without a policy, a case may be reopened for this many days after resolution. */
export const DEFAULT_REOPEN_WINDOW_DAYS = 14;
