import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentDefinition } from '../../../../shared/marketing/segment-conditions';
import { segmentInWords, type Names } from './segment-words';
import { useSegmentCount, useSegmentPreview } from './use-segment-count';

type SidePanelProps = {
  readonly definition: SegmentDefinition;
  readonly incomplete: number;
  readonly names: Names;
  readonly failure: string | null;
  readonly saving: boolean;
  readonly savedId: string | null;
  readonly exporting: boolean;
  readonly onExport: () => void;
  readonly onDelete: () => void;
  readonly onCreateCampaign: () => void;
};

/** The live count, the conditions in words, the first matching records and the segment's actions. */
export function SegmentSidePanel(props: SidePanelProps) {
  const { definition, incomplete, names, failure, saving, savedId, exporting } = props;
  const { t, i18n } = useTranslation('marketing-segments');
  const id = useId();
  const count = useSegmentCount(definition);
  const preview = useSegmentPreview(definition);
  const number = (value: number) => new Intl.NumberFormat(i18n.language).format(value);
  const words = segmentInWords(t, i18n.language, definition, names);

  return (
    <aside className="seg-side" aria-labelledby={`${id}-count`}>
      <section className="seg-count" data-testid="segment-count-box">
        <h3 id={`${id}-count`} className="seg-subheading">
          {t('count.heading')}
        </h3>
        <p
          className="seg-count-figure"
          aria-live="polite"
          aria-atomic="true"
          data-testid="segment-count"
          data-counting={count.counting ? 'true' : 'false'}
        >
          {count.figures ? (
            <>
              <strong data-testid="segment-count-value">{number(count.figures.count)}</strong>{' '}
              <span className="seg-count-of">
                {t('count.of', { total: count.figures.total, target: t(`targetLower.${definition.target}`) })}
              </span>
            </>
          ) : null}
          {count.counting ? <span className="seg-counting">{t('count.counting')}</span> : null}
        </p>
        {count.error ? (
          <p className="seg-error-text" role="alert">
            {count.error.code === 'invalid_request'
              ? t('count.invalid', { message: count.error.message })
              : t('count.failed', { message: count.error.message })}
          </p>
        ) : null}
        {incomplete > 0 ? <p className="seg-hint">{t('builder.incomplete', { count: incomplete })}</p> : null}
        {words ? (
          <p className="seg-words" data-testid="segment-words">
            {words}
          </p>
        ) : null}
      </section>
      <section className="seg-preview" aria-labelledby={`${id}-preview`}>
        <h3 id={`${id}-preview`} className="seg-subheading">
          {t('preview.heading')}
        </h3>
        {preview.error ? (
          <p className="seg-error-text" role="alert">
            {t('preview.failed', { message: preview.error.message })}
          </p>
        ) : preview.preview && preview.preview.rows.length === 0 ? (
          <p className="seg-hint">{t('preview.empty')}</p>
        ) : preview.preview ? (
          <>
            <ul className="seg-preview-list" aria-label={t('preview.listLabel')} data-testid="segment-preview">
              {preview.preview.rows.map((row) => (
                <li key={row.id}>
                  <span className="seg-preview-name">{row.name}</span>
                  {row.detail ? <span className="seg-preview-detail">{row.detail}</span> : null}
                </li>
              ))}
            </ul>
            {preview.preview.count > preview.preview.rows.length ? (
              <p className="seg-hint">{t('preview.shown', { shown: preview.preview.rows.length, count: preview.preview.count })}</p>
            ) : null}
          </>
        ) : null}
      </section>
      {failure ? (
        <p className="seg-error-text" role="alert" data-testid="segment-failure">
          {failure}
        </p>
      ) : null}
      <div className="seg-actions">
        <button type="submit" className="button" disabled={saving} data-testid="segment-save">
          {saving ? t('builder.saving') : t('builder.save')}
        </button>
        <button
          type="button"
          className="button rec-button-ghost"
          onClick={props.onExport}
          disabled={exporting}
          data-testid="segment-export"
        >
          {exporting ? t('builder.exporting') : t('builder.exportCsv')}
        </button>
        <button
          type="button"
          className="button rec-button-ghost"
          onClick={props.onCreateCampaign}
          disabled={savedId === null}
          aria-describedby={savedId === null ? `${id}-campaign-hint` : undefined}
          data-testid="segment-create-campaign"
        >
          {t('builder.createCampaign')}
        </button>
        {savedId === null ? (
          <p id={`${id}-campaign-hint`} className="seg-hint">
            {t('builder.createCampaignHint')}
          </p>
        ) : (
          <button type="button" className="button rec-button-danger-ghost" onClick={props.onDelete} data-testid="segment-delete">
            {t('builder.delete')}
          </button>
        )}
      </div>
    </aside>
  );
}
