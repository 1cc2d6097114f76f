import { useTranslation } from 'react-i18next';
import type { EditAccess } from '../../../../shared/contract/sales/quota-requests';

/** Says in words why this user may or may not edit: read-only reps, the single user of a device not signed in. */
export function AccessNote({
  access,
  readOnlyKey,
}: {
  readonly access: EditAccess;
  readonly readOnlyKey: 'catalogReadOnly' | 'quotasReadOnly';
}) {
  const { t } = useTranslation('catalog');
  if (!access.canEdit) {
    return (
      <p className="catalog-note catalog-note-readonly" role="note" data-testid="read-only-note">
        {t(`access.${readOnlyKey}`)}
      </p>
    );
  }
  if (access.role === 'local') {
    return (
      <p className="catalog-note" role="note" data-testid="local-note">
        {t('access.local')}
      </p>
    );
  }
  return null;
}
