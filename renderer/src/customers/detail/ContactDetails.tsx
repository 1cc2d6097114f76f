import { useTranslation } from 'react-i18next';
import type { ContactRowRecord } from '../../../../shared/contract';
import { useFormatters } from '../../i18n/use-formatters';

/** "en" reads as "English" / "英语"; a tag Intl cannot read is shown as stored (RangeError is its only failure). */
function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The contact's fields the header does not show, only those that are set, and their notes. */
export function ContactDetails({ contact }: { readonly contact: ContactRowRecord }) {
  const { t, i18n } = useTranslation('customers-record');
  const format = useFormatters();
  const place = [contact.city, contact.country].filter(Boolean).join(', ');
  const rows: ReadonlyArray<readonly [string, string | undefined]> = [
    [t('contact.fields.department'), contact.department],
    [t('contactPage.location'), place || undefined],
    [t('contactPage.language'), contact.preferredLanguage ? languageName(contact.preferredLanguage, i18n.language) : undefined],
    [t('contactPage.lastContacted'), contact.lastContactedAt === undefined ? undefined : format.date(contact.lastContactedAt)],
  ];
  const shown = rows.filter((row): row is readonly [string, string] => row[1] !== undefined);
  return (
    <section className="rec-card rec-panel" aria-labelledby="details-title" data-testid="contact-details">
      <header className="rec-panel-header">
        <h3 id="details-title" className="rec-panel-title">
          {t('detail.details')}
        </h3>
        <span className="rec-panel-note">{t('detail.updated', { date: format.dateTime(contact.updatedAt) })}</span>
      </header>
      {shown.length > 0 ? (
        <dl className="rec-facts">
          {shown.map(([label, value]) => (
            <div key={label} className="rec-fact">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {contact.notes ? <p className="rec-account-notes">{contact.notes}</p> : null}
      {shown.length === 0 && !contact.notes ? (
        <div className="rec-panel-empty">
          <span>{t('contactPage.noDetails')}</span>
        </div>
      ) : null}
    </section>
  );
}
