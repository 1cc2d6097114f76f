import 'i18next';
import type { Namespaces } from './namespaces';

// Typed keys: t('nav.customers') compiles, t('nav.custmers') does not.
declare module 'i18next' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- module augmentation merges only into an interface.
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: Namespaces;
    returnNull: false;
  }
}
