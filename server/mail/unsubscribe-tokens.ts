import { createHash, randomBytes } from 'node:crypto';
import type { Queryable } from '../db/db';

/** 32 random bytes, base64url: the whole secret of a link. */
const TOKEN_BYTES = 32;
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

type Recipient = { id: string; to: string; contactId?: string | undefined; language: string };

/** A fresh opt-out link per message, stored (as a hash) in one statement; message id → link. */
export const createUnsubscribeTokens = async (
  db: Queryable,
  publicUrl: string,
  messages: ReadonlyArray<Recipient>,
): Promise<Map<string, string>> => {
  const links = new Map<string, string>();
  if (messages.length === 0) return links;
  const rows = messages.map((m) => {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    links.set(m.id, `${publicUrl.replace(/\/+$/, '')}/unsubscribe/${token}`);
    return {
      token_hash: hashToken(token),
      message_id: m.id,
      contact_id: m.contactId ?? null,
      email: m.to.toLowerCase(),
      language: m.language,
    };
  });
  await db.query(
    `INSERT INTO unsubscribe_tokens (token_hash, message_id, contact_id, email, language)
     SELECT token_hash, message_id, contact_id, email, language
     FROM jsonb_to_recordset($1::jsonb) AS r(token_hash text, message_id text, contact_id text, email text, language text)`,
    [JSON.stringify(rows)],
  );
  return links;
};

export type TokenRecord = { messageId: string; contactId: string | null; email: string; language: string; usedAt: string | null };

export const findToken = async (db: Queryable, token: string): Promise<TokenRecord | undefined> => {
  if (!TOKEN_PATTERN.test(token)) return undefined;
  const [row] = await db.query<{ message_id: string; contact_id: string | null; email: string; language: string; used_at: string | null }>(
    'SELECT message_id, contact_id, email, language, used_at::text AS used_at FROM unsubscribe_tokens WHERE token_hash = $1',
    [hashToken(token)],
  );
  return row && { messageId: row.message_id, contactId: row.contact_id, email: row.email, language: row.language, usedAt: row.used_at };
};
