import type { StoreDeps } from '../customers/record-store';
import type { SessionSource } from '../sales/org-access';
import type { SearchIndex } from '../search';
import type { CaseProjection } from './case-projection';
import type { SlaReferenceSource } from './sla-reference';

/** What every service handler may use: the store, who is acting, and the service read models. */
export type ServiceDeps = StoreDeps & {
  /** The sign-in session: managers and admins edit policies, calendars and articles. */
  readonly session: SessionSource;
  readonly sla: SlaReferenceSource;
  readonly cases: CaseProjection;
  readonly search: () => SearchIndex;
  readonly log: (message: string, error: unknown) => void;
  /** Runs `dispose` when the core closes (change-stream subscriptions, timers). */
  readonly onClose: (dispose: () => void) => void;
};
