import { fillWithDefaultSettings, randomToken } from 'rxdb/plugins/core';
import type { RxDocumentData, RxJsonSchema, RxStorage, RxStorageDefaultCheckpoint, RxStorageInstance } from 'rxdb/plugins/core';

/** A CRM-ish document with string, number (min/max/multipleOf), boolean, nested and optional fields. */
export type Contact = {
  id: string;
  name: string;
  age: number;
  score: number;
  active: boolean;
  address: { city: string; zip?: string };
  tag?: string;
  note?: string;
};

export type StoredContact = RxDocumentData<Contact>;

const contactSchemaInput: RxJsonSchema<Contact> = {
  version: 0,
  primaryKey: 'id',
  type: 'object',
  properties: {
    id: { type: 'string', maxLength: 16 },
    name: { type: 'string', maxLength: 10 },
    age: { type: 'integer', minimum: 0, maximum: 150, multipleOf: 1 },
    score: { type: 'number', minimum: -100, maximum: 100, multipleOf: 0.5 },
    active: { type: 'boolean' },
    address: {
      type: 'object',
      properties: { city: { type: 'string', maxLength: 12 }, zip: { type: 'string' } },
      required: ['city'],
    },
    tag: { type: 'string', maxLength: 5 },
    note: { type: 'string' },
  },
  required: ['id', 'name', 'age', 'score', 'active', 'address'],
  // A single-field string index, a number index, a compound boolean+number index, a compound
  // index over a nested string and a number, and one over an optional string (missing vs '').
  indexes: ['name', 'age', ['active', 'score'], ['address.city', 'age'], ['tag', 'name']],
};

/** The schema as RxDB hands it to a storage (meta fields, _deleted prefixes, lwt index added). */
export const contactSchema: RxJsonSchema<StoredContact> = fillWithDefaultSettings(contactSchemaInput);

/** A storage instance of the test contacts collection, as RxDB would create it. */
export async function createContactsInstance(
  storage: RxStorage<unknown, unknown>,
  databaseName: string,
  collectionName = 'contacts',
  databaseInstanceToken = randomToken(10),
): Promise<RxStorageInstance<Contact, unknown, unknown, RxStorageDefaultCheckpoint>> {
  const instance = await storage.createStorageInstance<Contact>({
    databaseInstanceToken,
    databaseName,
    collectionName,
    schema: contactSchema,
    options: {},
    multiInstance: false,
    devMode: false,
  });
  return instance as RxStorageInstance<Contact, unknown, unknown, RxStorageDefaultCheckpoint>;
}
