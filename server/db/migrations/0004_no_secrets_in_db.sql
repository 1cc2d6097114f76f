-- The token signing key comes from configuration (SYNC_JWT_SECRET or a 0600 key file), never from a
-- table; server/auth/signing-key.ts moves an existing key into the key file before this runs.
DROP TABLE IF EXISTS server_secrets;
