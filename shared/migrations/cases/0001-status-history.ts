/**
 * cases v0 → v1: SLA deadlines stop being stored (they are derived from the status history, the
 * synced policy and its business calendar), so `firstResponseDueAt` and `resolutionDueAt` go and
 * a `statusHistory` is rebuilt from the timestamps a v0 case has. Frozen: this file describes
 * version 0 as it shipped and must not change when the current case schema does.
 */
export type CaseV0 = {
  id: string;
  ownerId: string;
  teamId: string;
  createdAt: number;
  updatedAt: number;
  status: 'new' | 'open' | 'pending_customer' | 'escalated' | 'resolved' | 'closed';
  openedAt: number;
  firstResponseDueAt: number;
  resolutionDueAt: number;
  firstRespondedAt?: number;
  resolvedAt?: number;
  closedAt?: number;
  [field: string]: unknown;
};

type Change = { status: CaseV0['status']; at: number; byUserId: string };

/**
 * The best history a v0 case allows: opened as new, answered (open) at the first response,
 * resolved and closed at their instants, and the current status last if none of those explain it.
 * Instants never decrease, so a reconstructed history is always a valid clock input.
 */
export function historyOfV0(doc: CaseV0): Change[] {
  const by = doc.ownerId;
  const history: Change[] = [{ status: 'new', at: doc.openedAt, byUserId: by }];
  let last = doc.openedAt;
  const push = (status: Change['status'], at: number | undefined): void => {
    if (at === undefined) return;
    last = Math.max(last, at);
    history.push({ status, at: last, byUserId: by });
  };
  push('open', doc.firstRespondedAt);
  push('resolved', doc.resolvedAt);
  push('closed', doc.closedAt);
  const current = history[history.length - 1];
  if (current && current.status !== doc.status) history.push({ status: doc.status, at: Math.max(last, doc.updatedAt), byUserId: by });
  return history;
}

export function migrateCaseV0ToV1(doc: CaseV0): Record<string, unknown> {
  const { firstResponseDueAt: _firstDue, resolutionDueAt: _resolutionDue, ...rest } = doc;
  return { ...rest, statusHistory: historyOfV0(doc) };
}
