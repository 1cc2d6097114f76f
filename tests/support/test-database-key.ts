import { createHash } from 'node:crypto';

/**
 * The database key of every test database: fixed, so a child process of a test opens what its
 * parent wrote. Installs get 32 random bytes instead (security/database-key.ts).
 */
export const TEST_DATABASE_KEY: Uint8Array = createHash('sha256').update('FieldCRM test database key').digest();
