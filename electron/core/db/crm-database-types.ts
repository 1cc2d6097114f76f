import type { RxCollection, RxDatabase } from 'rxdb';
import type { CrmCollectionName, CrmDocOf } from '../../../shared/schemas';

/** One typed RxCollection per registry entry, e.g. `db.accounts: RxCollection<Account>`. */
export type CrmCollectionsOf = { [Name in CrmCollectionName]: RxCollection<CrmDocOf<Name>> };
export type CrmCollection<Name extends CrmCollectionName> = CrmCollectionsOf[Name];
export type CrmDatabase = RxDatabase<CrmCollectionsOf>;
