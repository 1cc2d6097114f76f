import { lazy, Suspense } from 'react';
import type { ImportEntity } from '../../../../shared/contract/customers/import-requests';

const Loaded = lazy(() => import('./ImportDialog').then((module) => ({ default: module.ImportDialog })));

/**
 * The import dialog, loaded when it first opens: the CSV parser and the import contract's schemas
 * stay off the path to the lists' first rows.
 */
export function LazyImportDialog({ entity, onClose }: { readonly entity: ImportEntity; readonly onClose: () => void }) {
  return (
    <Suspense fallback={null}>
      <Loaded entity={entity} onClose={onClose} />
    </Suspense>
  );
}
