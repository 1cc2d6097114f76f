import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MarketingDashboardFilters } from '../../../shared/contract/marketing/marketing-dashboard-requests';
import type { DashboardFilters, ExportProgress } from '../../../shared/contract/reports/report-requests';
import type { ServiceDashboardFilters } from '../../../shared/contract/service/service-dashboard-requests';
import { isLanguage } from '../i18n/i18n';
import { useCrmClient } from '../transport/client-context';

type Target =
  | { readonly kind: 'pipeline'; readonly filters: DashboardFilters }
  | { readonly kind: 'quote'; readonly quoteId: string }
  /** `title`: the report's name in the page header, from the service dashboard's namespace. */
  | { readonly kind: 'service'; readonly filters: ServiceDashboardFilters; readonly title: string }
  /** `title`: the "Campaign report" name, from the marketing dashboard's namespace. */
  | { readonly kind: 'campaign'; readonly filters: MarketingDashboardFilters; readonly title: string };

/** Asks the host to print the report's print route and shows how far it got, then downloads or says where it saved. */
export function ExportPdfButton({ target, label }: { readonly target: Target; readonly label: string }) {
  const { t, i18n } = useTranslation('reports');
  const client = useCrmClient();
  const [phase, setPhase] = useState<ExportProgress['phase'] | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [exportId, setExportId] = useState<string | null>(null);

  useEffect(() => {
    if (!exportId) return undefined;
    return client.subscribe('reports.exportProgress', (event) => {
      if (event.exportId === exportId) setPhase(event.phase);
    });
  }, [client, exportId]);

  const start = async (): Promise<void> => {
    const id = crypto.randomUUID();
    setExportId(id);
    setPhase('starting');
    setMessage(null);
    const language = isLanguage(i18n.language) ? i18n.language : 'en';
    const title =
      target.kind === 'service' || target.kind === 'campaign'
        ? target.title
        : target.kind === 'pipeline'
          ? t('print.pipelineTitle')
          : t('reportsPage.quoteTitle');
    const labels = { title, page: t('print.page') };
    const result = await client.send(
      'reports.exportPdf',
      target.kind === 'quote'
        ? { kind: 'quote', exportId: id, quoteId: target.quoteId, language, labels }
        : { kind: target.kind, exportId: id, filters: target.filters, language, labels },
    );
    setPhase(null);
    setExportId(null);
    if (!result.ok) return setMessage(t('export.failed', { message: result.error.message }));
    const value = result.value;
    if (value.outcome === 'cancelled') return setMessage(t('export.cancelled'));
    if (value.outcome === 'saved') return setMessage(t('export.saved', { path: value.path }));
    const link = document.createElement('a');
    link.href = value.url;
    link.download = value.fileName;
    link.click();
    setMessage(t('export.done', { pages: value.pages }));
  };

  const busy = phase !== null && phase !== 'done' && phase !== 'failed';
  return (
    <span className="export-pdf">
      <button type="button" className="button" onClick={() => void start()} disabled={busy} data-testid={`export-${target.kind}`}>
        {label}
      </button>
      {busy ? (
        <span className="export-progress" role="status" data-testid="export-progress">
          <span className="spinner" aria-hidden="true" />
          {t(`export.${phase === 'starting' ? 'starting' : phase === 'printing' ? 'printing' : 'rendering'}`)}
        </span>
      ) : null}
      {message ? (
        <span className="export-message" role="status" data-testid="export-message">
          {message}
        </span>
      ) : null}
    </span>
  );
}
