import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignDetail } from '../../../../shared/contract/marketing/campaigns-requests';
import type { SearchHit } from '../../../../shared/contract/search-requests';
import { Dialog } from '../../common/Dialog';
import { showToast } from '../../common/toast-store';
import { useLiveQuery } from '../../data/use-live-query';
import { useFormatters } from '../../i18n/use-formatters';
import { useCrmClient } from '../../transport/client-context';

type Mode = 'segment' | 'hand';
type Picked = { readonly id: string; readonly type: 'contact' | 'lead'; readonly title: string };

/** Adds everyone in a saved segment, or contacts and leads found by name; people already in stay as they are. */
export function AddMembersDialog({ campaign, onClose }: { readonly campaign: CampaignDetail; readonly onClose: () => void }) {
  const { t } = useTranslation('marketing-campaigns');
  const client = useCrmClient();
  const [mode, setMode] = useState<Mode>('segment');
  const [segmentId, setSegmentId] = useState('');
  const [picked, setPicked] = useState<ReadonlyArray<Picked>>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (): Promise<void> => {
    setError(null);
    const contactIds = picked.filter((p) => p.type === 'contact').map((p) => p.id);
    const leadIds = picked.filter((p) => p.type === 'lead').map((p) => p.id);
    if (mode === 'segment' ? segmentId === '' : contactIds.length + leadIds.length === 0) return setError(t('add.nothingChosen'));
    setBusy(true);
    const answer = await client.send(
      'campaigns.addMembers',
      mode === 'segment' ? { campaignId: campaign.id, segmentId } : { campaignId: campaign.id, contactIds, leadIds },
    );
    setBusy(false);
    if (!answer.ok) return setError(t('add.failed', { reason: answer.error.message }));
    const { added, skippedExisting: skipped, optedOut } = answer.value;
    showToast({ message: optedOut > 0 ? t('add.doneOptedOut', { added, skipped, optedOut }) : t('add.done', { added, skipped }) });
    onClose();
  };

  return (
    <Dialog title={t('add.title', { name: campaign.name })} onClose={onClose} testId="add-members-dialog" className="campaign-dialog">
      <form
        className="rec-dialog-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <fieldset className="rec-choice-group campaign-mode">
          <legend>{t('add.mode')}</legend>
          {(['segment', 'hand'] as const).map((m) => (
            <label key={m} className="campaign-radio">
              <input
                type="radio"
                name="add-mode"
                value={m}
                checked={mode === m}
                onChange={() => setMode(m)}
                data-testid={`add-mode-${m}`}
              />
              {m === 'segment' ? t('add.fromSegment') : t('add.byHand')}
            </label>
          ))}
        </fieldset>
        {mode === 'segment' ? (
          <SegmentChoice value={segmentId} onChange={setSegmentId} />
        ) : (
          <PeoplePicker picked={picked} onChange={setPicked} />
        )}
        {error ? (
          <p className="rec-banner rec-banner-error" role="alert">
            {error}
          </p>
        ) : null}
        <footer className="rec-form-actions">
          <button type="button" className="button rec-button-ghost" onClick={onClose}>
            {t('add.cancel')}
          </button>
          <button type="submit" className="button" disabled={busy} data-testid="add-members-submit">
            {busy ? t('add.adding') : t('add.submit')}
          </button>
        </footer>
      </form>
    </Dialog>
  );
}

function SegmentChoice({ value, onChange }: { readonly value: string; readonly onChange: (id: string) => void }) {
  const { t } = useTranslation('marketing-campaigns');
  const format = useFormatters();
  const id = useId();
  const segments = useLiveQuery('segments.list', { limit: 500 }, 'campaign-add-segments');
  if (segments.status === 'loading') return <p className="campaign-muted">…</p>;
  if (segments.status === 'error') return <p className="rec-banner rec-banner-error">{segments.error.message}</p>;
  const rows = segments.result.rows;
  if (rows.length === 0) return <p className="campaign-muted">{t('add.noSegments')}</p>;
  const chosen = rows.find((s) => s.id === value);
  return (
    <div className="rec-field">
      <label htmlFor={id} className="rec-field-label">
        {t('add.segment')}
      </label>
      <select id={id} className="rec-input select" value={value} onChange={(e) => onChange(e.target.value)} data-testid="add-segment">
        <option value="">{t('add.chooseSegment')}</option>
        {rows.map((s) => (
          <option key={s.id} value={s.id}>
            {t('add.segmentOption', { name: s.name, count: s.size === null ? '?' : format.number(s.size) })}
          </option>
        ))}
      </select>
      {chosen ? <p className="campaign-muted">{t(`add.segmentTargets.${chosen.definition.target}`)}</p> : null}
    </div>
  );
}

function PeoplePicker({
  picked,
  onChange,
}: {
  readonly picked: ReadonlyArray<Picked>;
  readonly onChange: (next: ReadonlyArray<Picked>) => void;
}) {
  const { t } = useTranslation('marketing-campaigns');
  const client = useCrmClient();
  const id = useId();
  const [text, setText] = useState('');
  const [hits, setHits] = useState<ReadonlyArray<SearchHit> | null>(null);

  useEffect(() => {
    const words = text.trim();
    if (words.length < 2) return;
    let active = true;
    const timer = setTimeout(() => {
      void client.send('search.global', { text: words, types: ['contact', 'lead'], limit: 20 }).then((answer) => {
        if (active) setHits(answer.ok ? answer.value.hits : []);
      });
    }, 150);
    return () => {
      active = false;
      clearTimeout(timer);
    };
  }, [client, text]);

  const shown = text.trim().length < 2 ? null : hits;
  const has = new Set(picked.map((p) => p.id));
  return (
    <div className="campaign-picker">
      <div className="rec-field">
        <label htmlFor={id} className="rec-field-label">
          {t('add.search')}
        </label>
        <input
          id={id}
          type="search"
          className="rec-input"
          value={text}
          maxLength={200}
          onChange={(e) => setText(e.target.value)}
          aria-describedby={`${id}-hint`}
          data-testid="add-search"
        />
        <p id={`${id}-hint`} className="campaign-muted">
          {t('add.searchHint')}
        </p>
      </div>
      {shown === null ? null : shown.length === 0 ? (
        <p className="campaign-muted">{t('add.noHits')}</p>
      ) : (
        <ul className="campaign-hits" data-testid="add-hits">
          {shown.map((hit) =>
            hit.type === 'contact' || hit.type === 'lead' ? (
              <li key={`${hit.type}:${hit.id}`}>
                <span className="campaign-hit-text">
                  <span className="badge rec-badge-outline campaign-kind">{t(`add.${hit.type}`)}</span> {hit.title}
                  <span className="campaign-muted"> {hit.subtitle}</span>
                </span>
                <button
                  type="button"
                  className="button rec-button-small rec-button-ghost"
                  disabled={has.has(hit.id)}
                  aria-label={t('add.pick', { name: hit.title })}
                  onClick={() => onChange([...picked, { id: hit.id, type: hit.type as 'contact' | 'lead', title: hit.title }])}
                >
                  +
                </button>
              </li>
            ) : null,
          )}
        </ul>
      )}
      {picked.length > 0 ? (
        <div>
          <p className="rec-field-label">{t('add.picked', { count: picked.length })}</p>
          <ul className="campaign-picked" data-testid="add-picked">
            {picked.map((p) => (
              <li key={p.id}>
                <span>{p.title}</span>
                <button
                  type="button"
                  className="button rec-button-small rec-button-ghost"
                  aria-label={t('add.unpick', { name: p.title })}
                  onClick={() => onChange(picked.filter((q) => q.id !== p.id))}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
