import type { EditAccess } from '../../../shared/contract/sales/quota-requests';
import type { AuthSession } from '../../../shared/contract/sync/sync-types';
import { HandlerError } from '../rpc/handler-error';

/** The sign-in session as the sync engine reports it (who is using this device, with which role). */
export type SessionSource = () => AuthSession;

/**
 * Managers and admins change the catalogue and quotas; reps read them. A device that is not
 * signed in has a single user and nothing it writes reaches anyone else until sign-in, when the
 * server checks the signed-in role again; so that user may edit.
 */
export function editAccess(session: AuthSession): EditAccess {
  if (!session.signedIn) return { canEdit: true, role: 'local', teamId: null };
  const role = session.user.role;
  return { canEdit: role !== 'rep', role, teamId: role === 'manager' ? session.user.teamId : null };
}

/** Throws `forbidden` (before anything is written) unless this user may edit; `what` completes "may …". */
export function requireEditor(session: AuthSession, what: string): EditAccess {
  const access = editAccess(session);
  if (!access.canEdit) throw new HandlerError('forbidden', `Only a manager or an admin may ${what}; nothing was saved.`);
  return access;
}
