import { useTranslation } from 'react-i18next';
import type { NpsFigure } from '../../../../shared/contract/service/surveys-requests';
import { useFormatters } from '../../i18n/use-formatters';

/** NPS always with the number of answers it rests on: "+42 (17 responses)", or "no responses". */
export function NpsFigureText({ figure }: { readonly figure: NpsFigure }) {
  const { t } = useTranslation('service');
  const format = useFormatters();
  if (figure.score === null || figure.responses === 0) return <>{t('nps.none')}</>;
  const score = `${figure.score > 0 ? '+' : ''}${format.number(Math.round(figure.score))}`;
  return <>{t('nps.value', { score, count: figure.responses })}</>;
}
