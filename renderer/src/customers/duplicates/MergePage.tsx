import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { CrmError } from '../../../../shared/contract';
import {
  DUPLICATE_ENTITIES,
  MERGE_CHILDREN,
  type DuplicateEntity,
  type DuplicateSide,
  type MergePreview,
  type MergePreviewField,
} from '../../../../shared/contract/customers/duplicates-requests';
import { LoadingState } from '../../common/StateViews';
import { showToast } from '../../common/toast-store';
import { useFormatters } from '../../i18n/use-formatters';
import { useCrmClient } from '../../transport/client-context';
import { errorText } from './duplicate-text';
import { defaultPick, isEmptyValue, mergeValueText } from './merge-values';
import { undoMerge } from './undo-merge';
import './duplicates.css';

/** How long the Undo stays: a merge is a bigger step than a delete, so longer than the usual toast. */
const MERGE_UNDO_MS = 20_000;

/** `#/customers/duplicates/merge?entity=account&a=<id>&b=<id>`: `a` is the suggested survivor. */
export function MergePage() {
  const { t } = useTranslation('duplicates');
  const [params] = useSearchParams();
  const entity = params.get('entity');
  const a = params.get('a') ?? '';
  const b = params.get('b') ?? '';
  const known = (DUPLICATE_ENTITIES as ReadonlyArray<string>).includes(entity ?? '');
  if (!known || !a || !b || a === b) {
    return (
      <div className="dup-page rec-scope">
        <Link to="/customers/duplicates" className="back-link">
          ← {t('merge.back')}
        </Link>
        <div className="state state-error" role="alert" data-testid="merge-bad-link">
          <h2 className="state-title">{a && a === b ? t('merge.sameRecord') : t('merge.badLink')}</h2>
        </div>
      </div>
    );
  }
  return <MergeScreen key={`${entity}:${a}:${b}`} entity={entity as DuplicateEntity} a={a} b={b} />;
}

type Loaded = { readonly survivorId: string; readonly preview: MergePreview } | { readonly survivorId: string; readonly error: CrmError };

function MergeScreen({ entity, a, b }: { readonly entity: DuplicateEntity; readonly a: string; readonly b: string }) {
  const { t } = useTranslation('duplicates');
  const { t: tr } = useTranslation('customers-record');
  const format = useFormatters();
  const client = useCrmClient();
  const navigate = useNavigate();
  const [survivorId, setSurvivorId] = useState(a);
  const loserId = survivorId === a ? b : a;
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  // The rep's picks by record id, so choosing the other survivor keeps each value where it was picked.
  const [picks, setPicks] = useState<Readonly<Record<string, string>>>({});
  const [showSame, setShowSame] = useState(false);
  const [merging, setMerging] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    void client.send('duplicates.mergePreview', { entity, survivorId, loserId }).then((answer) => {
      if (!current) return;
      setLoaded(answer.ok ? { survivorId, preview: answer.value } : { survivorId, error: answer.error });
    });
    return () => {
      current = false;
    };
  }, [client, entity, survivorId, loserId]);

  const preview = loaded && 'preview' in loaded ? loaded.preview : null;
  const stale = loaded !== null && loaded.survivorId !== survivorId;
  const sides = useMemo(() => (preview ? orderSides(preview, a) : null), [preview, a]);

  if (!loaded) return <LoadingState />;
  if ('error' in loaded) {
    return (
      <div className="dup-page rec-scope">
        <Link to="/customers/duplicates" className="back-link">
          ← {t('merge.back')}
        </Link>
        {/* The refusal's own sentence (already merged, deleted…) rather than the generic one for its code. */}
        <div className="state state-error" role="alert" data-testid="merge-load-error">
          <h2 className="state-title">{t('merge.loadFailed')}</h2>
          <p className="state-body">{errorText(t, loaded.error)}</p>
        </div>
      </div>
    );
  }
  if (!preview || !sides) return <LoadingState />;

  const currencyOf = (side: 'survivor' | 'loser'): string | undefined => {
    const value = preview.fields.find((field) => field.field === 'currency')?.[side];
    return typeof value === 'string' ? value : undefined;
  };
  const pickOf = (field: MergePreviewField): 'survivor' | 'loser' => {
    const picked = picks[field.field];
    if (picked === preview.survivor.id) return 'survivor';
    if (picked === preview.loser.id) return 'loser';
    return defaultPick(field);
  };
  const text = (field: MergePreviewField, side: 'survivor' | 'loser'): string =>
    mergeValueText(entity, field.field, field[side], side === 'survivor' ? field.survivorLabel : field.loserLabel, currencyOf(side), {
      t,
      tr,
      format,
    });
  const differing = preview.fields.filter((field) => field.differs);
  const same = preview.fields.filter((field) => !field.differs);
  const moving = MERGE_CHILDREN[entity].filter((collection) => (preview.children[collection] ?? 0) > 0);
  // Columns stay where the pair put them (a left, b right) whichever record the rep keeps.
  const sideOf = (id: string): 'survivor' | 'loser' => (id === preview.survivor.id ? 'survivor' : 'loser');

  const merge = async (): Promise<void> => {
    setMerging(true);
    setFailure(null);
    const take = Object.fromEntries(differing.map((field) => [field.field, pickOf(field)]));
    const answer = await client.send('duplicates.merge', { entity, survivorId: preview.survivor.id, loserId: preview.loser.id, take });
    setMerging(false);
    if (!answer.ok) return setFailure(t('merge.failed', { reason: errorText(t, answer.error) }));
    const names = { survivor: preview.survivor.name, loser: preview.loser.name };
    showToast({
      message: t('merge.merged', names),
      durationMs: MERGE_UNDO_MS,
      action: { label: t('merge.undo'), run: () => void undoMerge(client, t, entity, preview.loser.id, names.loser) },
    });
    navigate(`/customers/${entity === 'account' ? 'accounts' : 'contacts'}/${encodeURIComponent(answer.value.survivorId)}`, {
      replace: true,
    });
  };

  return (
    <div className="dup-page rec-scope" data-testid="merge-page">
      <Link to={`/customers/duplicates?entity=${entity}`} className="back-link">
        ← {t('merge.back')}
      </Link>
      <form
        className="dup-merge rec-card"
        aria-labelledby="merge-title"
        aria-busy={stale || merging}
        onSubmit={(event) => {
          event.preventDefault();
          void merge();
        }}
      >
        <header className="dup-merge-header">
          <h2 id="merge-title" className="dup-title">
            {t(`merge.title_${entity}`)}
          </h2>
          <p className="dup-intro">{t('merge.intro')}</p>
        </header>
        <fieldset className="dup-merge-grid dup-survivor-choice" disabled={merging}>
          <legend className="dup-col-field dup-legend">{t('merge.survivorLegend')}</legend>
          {sides.map((side) => (
            <SideCard
              key={side.id}
              side={side}
              // The rep's choice shows at once; the comparison below follows when the core answers.
              keep={side.id === survivorId}
              onKeep={() => setSurvivorId(side.id)}
              updated={t('merge.updated', { date: format.dateTime(side.updatedAt) })}
              keepLabel={t('merge.keepThis')}
              removedLabel={t('merge.removed')}
            />
          ))}
        </fieldset>

        <section className="dup-fields" aria-labelledby="merge-fields-title">
          <div className="dup-fields-head">
            <h3 id="merge-fields-title" className="dup-subtitle">
              {t('merge.fieldsTitle')}
            </h3>
            <span className="dup-muted" data-testid="merge-differs">
              {differing.length > 0 ? t('merge.differs', { count: differing.length }) : t('merge.noDifferences')}
            </span>
          </div>
          {differing.map((field) => {
            const labelId = `merge-field-${field.field}`;
            return (
              <div
                key={field.field}
                className="dup-merge-grid dup-field-row"
                role="radiogroup"
                aria-labelledby={labelId}
                data-testid="merge-field"
                data-field={field.field}
              >
                <span id={labelId} className="dup-col-field dup-field-label">
                  {t(`fields.${entity}.${field.field}` as 'fields.account.name')}
                </span>
                {sides.map((side) => {
                  const which = sideOf(side.id);
                  const value = text(field, which);
                  return (
                    <label
                      key={side.id}
                      className={[
                        'dup-value',
                        pickOf(field) === which ? 'dup-value-picked' : '',
                        isEmptyValue(field[which]) ? 'dup-value-empty' : '',
                      ]
                        .filter(Boolean)
                        .join(' ')}
                    >
                      <input
                        type="radio"
                        name={`take-${field.field}`}
                        value={side.id}
                        checked={pickOf(field) === which}
                        disabled={merging}
                        onChange={() => setPicks((current) => ({ ...current, [field.field]: side.id }))}
                      />
                      <span className="dup-value-text" title={value}>
                        {value}
                      </span>
                    </label>
                  );
                })}
              </div>
            );
          })}
          {same.length > 0 ? (
            <>
              <button
                type="button"
                className="dup-link-button"
                aria-expanded={showSame}
                aria-controls="merge-same-fields"
                onClick={() => setShowSame((shown) => !shown)}
              >
                {showSame ? t('merge.hideSame') : t('merge.showSame', { count: same.length })}
              </button>
              <div id="merge-same-fields" hidden={!showSame}>
                {same.map((field) => (
                  <div key={field.field} className="dup-merge-grid dup-field-row dup-field-same" data-field={field.field}>
                    <span className="dup-col-field dup-field-label">{t(`fields.${entity}.${field.field}` as 'fields.account.name')}</span>
                    <span className="dup-value-text dup-same-value">{text(field, 'survivor')}</span>
                    <span className="dup-muted">{t('merge.same')}</span>
                  </div>
                ))}
              </div>
            </>
          ) : null}
        </section>

        <section className="dup-children" aria-labelledby="merge-children-title" data-testid="merge-children">
          <h3 id="merge-children-title" className="dup-subtitle">
            {t('merge.childrenTitle')}
          </h3>
          {moving.length > 0 ? (
            <ul className="dup-children-list">
              {moving.map((collection) => (
                <li key={collection} data-collection={collection}>
                  {t(`children.${collection}`, { count: preview.children[collection] ?? 0 })}
                </li>
              ))}
            </ul>
          ) : (
            <p className="dup-muted">{t('merge.noChildren')}</p>
          )}
        </section>

        {failure ? (
          <p className="rec-banner rec-banner-error" role="alert" data-testid="merge-error">
            {failure}
          </p>
        ) : null}
        <footer className="dup-merge-footer">
          <Link to={`/customers/duplicates?entity=${entity}`} className="button rec-button-ghost">
            {t('merge.cancel')}
          </Link>
          <button type="submit" className="button" disabled={merging || stale} data-testid="merge-confirm">
            {merging ? t('merge.merging') : t('merge.confirm')}
          </button>
        </footer>
      </form>
    </div>
  );
}

/** The pair in link order (a, b), whichever of them the preview calls survivor. */
function orderSides(preview: MergePreview, a: string): ReadonlyArray<DuplicateSide> {
  return preview.survivor.id === a ? [preview.survivor, preview.loser] : [preview.loser, preview.survivor];
}

function SideCard({
  side,
  keep,
  onKeep,
  updated,
  keepLabel,
  removedLabel,
}: {
  readonly side: DuplicateSide;
  readonly keep: boolean;
  readonly onKeep: () => void;
  readonly updated: string;
  readonly keepLabel: string;
  readonly removedLabel: string;
}) {
  return (
    <label className={keep ? 'dup-side dup-side-kept' : 'dup-side dup-side-removed'} data-testid="merge-side" data-kept={keep}>
      <span className="dup-side-choice">
        <input type="radio" name="survivor" value={side.id} checked={keep} onChange={onKeep} />
        <span className="dup-side-badge">{keep ? keepLabel : removedLabel}</span>
      </span>
      <span className="dup-side-name">{side.name}</span>
      {side.subtitle ? <span className="dup-side-detail">{side.subtitle}</span> : null}
      <span className="dup-side-detail">{updated}</span>
    </label>
  );
}
