import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InsightModelSummary } from '../../../shared/contract/insight/insight-requests';
import { useFormatters } from '../i18n/use-formatters';
import { useCrmClient } from '../transport/client-context';

/**
 * Where the figures come from, in one line: "calculating…" before the first run, the failure in
 * words, or when and from how many purchases; with "Recalculate now" (the live queries pick up the
 * new run by themselves).
 */
export function InsightStatusLine({ model }: { readonly model: InsightModelSummary }) {
  const { t } = useTranslation('insight');
  const format = useFormatters();
  const client = useCrmClient();
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const recompute = async (): Promise<void> => {
    setRunning(true);
    setFailure(null);
    const answer = await client.send('insight.recompute', {});
    setRunning(false);
    if (!answer.ok) setFailure(answer.error.message);
  };

  let text: string;
  if (model.status === 'computing') text = t('status.computing');
  else if (model.status === 'failed') text = model.computedAt === null ? t('status.failed') : t('status.failedKeeping');
  else
    text = [
      t('status.computedAt', {
        relative: model.computedAt === null ? t('none') : format.relative(model.computedAt),
        transactions: format.number(model.transactions),
        accounts: format.number(model.accountsWithPurchases),
      }),
      model.computeMs === null ? '' : t('status.computedIn', { seconds: format.number(Math.round(model.computeMs / 100) / 10) }),
    ]
      .filter(Boolean)
      .join(' ');

  return (
    <div className={`insight-status insight-status-${model.status}`} data-testid="insight-status">
      <p role={model.status === 'failed' ? 'alert' : 'status'}>
        {model.status === 'computing' || running ? <span className="spinner" aria-hidden="true" /> : null}
        <span>{running ? t('recomputing') : text}</span>
      </p>
      <button
        type="button"
        className="button insight-button-ghost"
        onClick={() => void recompute()}
        disabled={running || model.status === 'computing'}
        data-testid="insight-recompute"
      >
        {t('recompute')}
      </button>
      {failure ? (
        <p className="dashboard-error" role="alert">
          {t('recomputeFailed', { message: failure })}
        </p>
      ) : null}
    </div>
  );
}
