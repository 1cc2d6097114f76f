import en from './en.json';
import zhCN from './zh-CN.json';
import catalogEn from './ns/catalog.en.json';
import catalogZhCN from './ns/catalog.zh-CN.json';
import customersListEn from './ns/customers-list.en.json';
import customersListZhCN from './ns/customers-list.zh-CN.json';
import customersRecordEn from './ns/customers-record.en.json';
import customersRecordZhCN from './ns/customers-record.zh-CN.json';
import duplicatesEn from './ns/duplicates.en.json';
import duplicatesZhCN from './ns/duplicates.zh-CN.json';
import leadsEn from './ns/leads.en.json';
import leadsZhCN from './ns/leads.zh-CN.json';
import insightEn from './ns/insight.en.json';
import insightZhCN from './ns/insight.zh-CN.json';
import knowledgeEn from './ns/knowledge.en.json';
import knowledgeZhCN from './ns/knowledge.zh-CN.json';
import marketingEn from './ns/marketing.en.json';
import marketingZhCN from './ns/marketing.zh-CN.json';
import marketingCampaignsEn from './ns/marketing-campaigns.en.json';
import marketingCampaignsZhCN from './ns/marketing-campaigns.zh-CN.json';
import marketingEmailEn from './ns/marketing-email.en.json';
import marketingEmailZhCN from './ns/marketing-email.zh-CN.json';
import marketingDashboardEn from './ns/marketing-dashboard.en.json';
import marketingDashboardZhCN from './ns/marketing-dashboard.zh-CN.json';
import marketingSegmentsEn from './ns/marketing-segments.en.json';
import marketingSegmentsZhCN from './ns/marketing-segments.zh-CN.json';
import reportsEn from './ns/reports.en.json';
import reportsZhCN from './ns/reports.zh-CN.json';
import salesEn from './ns/sales.en.json';
import salesZhCN from './ns/sales.zh-CN.json';
import serviceDashboardEn from './ns/service-dashboard.en.json';
import serviceDashboardZhCN from './ns/service-dashboard.zh-CN.json';
import serviceEn from './ns/service.en.json';
import serviceZhCN from './ns/service.zh-CN.json';
import syncEn from './ns/sync.en.json';
import syncZhCN from './ns/sync.zh-CN.json';

/**
 * Every i18next namespace, English and Simplified Chinese side by side. A domain adds its own
 * namespace (renderer/src/i18n/ns/<domain>.{en,zh-CN}.json) with one line here, so teams working on
 * different screens never edit the same locale file. Use it with `useTranslation('<namespace>')`.
 */
export const namespaces = {
  translation: { en, 'zh-CN': zhCN },
  catalog: { en: catalogEn, 'zh-CN': catalogZhCN },
  'customers-list': { en: customersListEn, 'zh-CN': customersListZhCN },
  'customers-record': { en: customersRecordEn, 'zh-CN': customersRecordZhCN },
  duplicates: { en: duplicatesEn, 'zh-CN': duplicatesZhCN },
  insight: { en: insightEn, 'zh-CN': insightZhCN },
  knowledge: { en: knowledgeEn, 'zh-CN': knowledgeZhCN },
  leads: { en: leadsEn, 'zh-CN': leadsZhCN },
  marketing: { en: marketingEn, 'zh-CN': marketingZhCN },
  'marketing-campaigns': { en: marketingCampaignsEn, 'zh-CN': marketingCampaignsZhCN },
  'marketing-email': { en: marketingEmailEn, 'zh-CN': marketingEmailZhCN },
  'marketing-dashboard': { en: marketingDashboardEn, 'zh-CN': marketingDashboardZhCN },
  'marketing-segments': { en: marketingSegmentsEn, 'zh-CN': marketingSegmentsZhCN },
  reports: { en: reportsEn, 'zh-CN': reportsZhCN },
  sales: { en: salesEn, 'zh-CN': salesZhCN },
  service: { en: serviceEn, 'zh-CN': serviceZhCN },
  'service-dashboard': { en: serviceDashboardEn, 'zh-CN': serviceDashboardZhCN },
  sync: { en: syncEn, 'zh-CN': syncZhCN },
} as const;

export type NamespaceName = keyof typeof namespaces;
export type Namespaces = { [K in NamespaceName]: (typeof namespaces)[K]['en'] };

export function resourcesFor(language: 'en' | 'zh-CN'): Record<string, object> {
  return Object.fromEntries(Object.entries(namespaces).map(([name, pair]) => [name, pair[language]]));
}
