import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignMemberRow } from '../../../../shared/contract/marketing/campaigns-requests';
import { useLiveQuery } from '../../data/use-live-query';

/** Members offered for the preview: enough to check a few names and languages without loading a 20,000-member list. */
const OFFERED = 50;

/** Which campaign member the compose dialog previews for; the first member with an address until the rep picks. */
export function MemberPicker({
  campaignId,
  value,
  onChange,
}: {
  readonly campaignId: string;
  readonly value: string | null;
  readonly onChange: (memberId: string) => void;
}) {
  const { t } = useTranslation('marketing-email');
  const id = useId();
  const members = useLiveQuery('campaigns.members', { campaignId, limit: OFFERED }, `compose-members:${campaignId}`);
  // The contract's rows are member rows (name, address, opt-out) over the stored members.
  const rows: ReadonlyArray<CampaignMemberRow> =
    members.status === 'ready' ? (members.result.rows as ReadonlyArray<CampaignMemberRow>) : [];
  const first = rows.find((row) => row.email && !row.optedOut) ?? rows[0];

  useEffect(() => {
    if (value === null && first) onChange(first.id);
  }, [value, first, onChange]);

  if (rows.length === 0) return null;
  return (
    <div className="em-picker">
      <label htmlFor={`${id}-member`} className="em-picked-label">
        {t('preview.member')}
      </label>
      <select
        id={`${id}-member`}
        className="rec-input select"
        value={value ?? ''}
        onChange={(event) => onChange(event.target.value)}
        data-testid="preview-member"
      >
        {rows.map((row) => (
          <option key={row.id} value={row.id}>
            {row.name}
            {row.accountName ? ` · ${row.accountName}` : ''}
            {row.email ? '' : ` (${t('preview.noAddress')})`}
          </option>
        ))}
      </select>
    </div>
  );
}
