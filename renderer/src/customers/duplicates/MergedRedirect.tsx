import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import type { CrmError } from '../../../../shared/contract';
import type { DuplicateEntity } from '../../../../shared/contract/customers/duplicates-requests';
import { recordPath } from './duplicate-text';
import './duplicates.css';

type MergedState = { readonly mergedFrom?: string };

/** The survivor's id when a record read failed because the record was merged into another one. */
export function mergedInto(error: CrmError): string | null {
  const survivorId = error.reasonParams?.['survivorId'];
  return error.code === 'not_found' && error.reason === 'merged' && typeof survivorId === 'string' && survivorId ? survivorId : null;
}

/** Opens the survivor in place of a merged record (an old link, a search hit, another device's merge). */
export function MergedRedirect({
  entity,
  fromId,
  survivorId,
}: {
  readonly entity: DuplicateEntity;
  readonly fromId: string;
  readonly survivorId: string;
}) {
  const state: MergedState = { mergedFrom: fromId };
  return <Navigate to={recordPath(entity, survivorId)} replace state={state} />;
}

/** The survivor's page says once why it opened instead of the record the rep asked for. */
export function MergedNotice({ entity }: { readonly entity: DuplicateEntity }) {
  const { t } = useTranslation('duplicates');
  const location = useLocation();
  const state = location.state as MergedState | null;
  if (!state?.mergedFrom) return null;
  return (
    <p className="rec-banner rec-banner-info" role="status" data-testid="merged-notice">
      {t(`notice.merged_${entity}`)}
    </p>
  );
}
