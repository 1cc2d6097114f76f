import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/use-formatters';
import { useBoardWinProbability } from './use-win-probabilities';

/** A card's modelled win chance; "…" until the first model is trained, nothing if the deal has no score. */
export function WinBadge({ id }: { readonly id: string }) {
  const { t } = useTranslation('sales');
  const format = useFormatters();
  const { score, pending } = useBoardWinProbability(id);
  if (!score) {
    return pending ? (
      <span className="win-badge win-badge-pending" title={t('win.calculating')} data-testid="win-badge">
        …
      </span>
    ) : null;
  }
  const percent = format.percent(score.probability);
  const source = score.source === 'model' ? t('win.sourceModel') : t('win.sourceStage');
  return (
    <span className={`win-badge win-badge-${score.source}`} title={t('win.badgeTitle', { percent, source })} data-testid="win-badge">
      {percent}
    </span>
  );
}
