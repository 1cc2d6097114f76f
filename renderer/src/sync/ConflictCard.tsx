import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ConflictRecord, FieldValue } from '../../../shared/contract/sync/sync-types';
import { useFormatters } from '../i18n/use-formatters';
import { useCrmClient } from '../transport/client-context';
import { fieldLabel, formatFieldValue } from './field-value';

/** Screens that can open a record by id; other collections show the title without a link. */
const RECORD_PATHS: Partial<Record<ConflictRecord['collection'], (id: string) => string>> = {
  accounts: (id) => `/customers/accounts/${encodeURIComponent(id)}`,
};

/** One field both sides changed: the three values side by side and the two ways out. */
export function ConflictCard({ conflict, now }: { readonly conflict: ConflictRecord; readonly now: number }) {
  const { t } = useTranslation('sync');
  const format = useFormatters();
  const client = useCrmClient();
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | undefined>(undefined);
  const deletion = conflict.field === '_deleted';
  const when = (epochMs: number): string => format.relative(epochMs, now);
  const show = (value: FieldValue): string =>
    deletion
      ? value === true
        ? t('conflicts.recordDeleted')
        : t('conflicts.recordKept')
      : formatFieldValue(conflict.field, value, format, { notSet: t('conflicts.notSet'), yes: t('conflicts.yes'), no: t('conflicts.no') });
  const path = RECORD_PATHS[conflict.collection]?.(conflict.docId);

  const resolve = async (use: 'local' | 'server'): Promise<void> => {
    setBusy(true);
    setFailed(undefined);
    const result = await client.send('conflicts.resolve', { id: conflict.id, use });
    // On success the card disappears with the next `conflicts.changed`; keep it disabled until then.
    if (!result.ok) {
      setBusy(false);
      setFailed(result.error.message);
    }
  };

  const serverWho = conflict.serverChangedBy
    ? t('conflicts.serverWhenBy', {
        who: conflict.serverChangedBy,
        revision: conflict.serverRevision,
        when: when(conflict.serverChangedAt),
      })
    : t('conflicts.serverWhen', { revision: conflict.serverRevision, when: when(conflict.serverChangedAt) });

  return (
    <li className="conflict-card" data-testid="conflict-card" data-field={conflict.field}>
      <header className="conflict-head">
        <span className="sync-pill">{t(`collections.${conflict.collection}`)}</span>
        {path ? (
          <Link to={path} className="conflict-title">
            {conflict.title}
          </Link>
        ) : (
          <span className="conflict-title">{conflict.title}</span>
        )}
        <span className="conflict-field">
          {t('conflicts.field')}: <strong>{deletion ? t('conflicts.deletedField') : fieldLabel(conflict.field)}</strong>
        </span>
      </header>
      <div className="conflict-values">
        <div className="conflict-value conflict-mine">
          <span className="conflict-value-label">{t('conflicts.mine')}</span>
          <span className="conflict-value-text" data-testid="conflict-mine">
            {show(conflict.localValue)}
          </span>
          <span className="conflict-value-meta">{t('conflicts.mineWhen', { when: when(conflict.localChangedAt) })}</span>
        </div>
        <div className="conflict-value conflict-server">
          <span className="conflict-value-label">{t('conflicts.server')}</span>
          <span className="conflict-value-text" data-testid="conflict-server">
            {show(conflict.serverValue)}
          </span>
          <span className="conflict-value-meta">{serverWho}</span>
        </div>
        <div className="conflict-value conflict-ancestor">
          <span className="conflict-value-label">{t('conflicts.ancestor')}</span>
          <span className="conflict-value-text">{show(conflict.ancestorValue)}</span>
        </div>
      </div>
      <div className="conflict-actions">
        {failed ? (
          <span className="form-error" role="alert">
            {t('conflicts.resolveFailed')} <code className="sync-error-detail">{failed}</code>
          </span>
        ) : null}
        <button type="button" className="button button-secondary" disabled={busy} onClick={() => void resolve('server')}>
          {t('conflicts.keepServer')}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => void resolve('local')}>
          {t('conflicts.useMine')}
        </button>
      </div>
    </li>
  );
}
