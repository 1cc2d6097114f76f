-- The outbox sender looks for messages to send (queued) or to take back from a process that
-- stopped mid-send (sending) among every marketing document; this index holds only those.
CREATE INDEX sync_documents_outbox_pending ON sync_documents ((data->>'queuedAt'), id)
  WHERE collection = 'marketing' AND NOT deleted AND data->>'kind' = 'outbox_message' AND data->>'status' IN ('queued', 'sending');

-- One unguessable opt-out link per sent message. Only a SHA-256 of the token is kept, so the
-- table alone cannot be turned into working links.
CREATE TABLE unsubscribe_tokens (
  token_hash text PRIMARY KEY,
  message_id text NOT NULL,
  contact_id text,
  email text NOT NULL,
  language text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz
);
CREATE INDEX unsubscribe_tokens_message ON unsubscribe_tokens (message_id);

-- Addresses that opted out through a link; leads have no opt-out field, so the address is the key.
CREATE TABLE email_opt_outs (
  email text PRIMARY KEY,
  opted_out_at timestamptz NOT NULL DEFAULT now()
);

-- The company SMTP server as the admin set it (PUT /admin/smtp); wins over SMTP_URL.
CREATE TABLE smtp_settings (
  id integer PRIMARY KEY CHECK (id = 1),
  host text NOT NULL,
  port integer NOT NULL,
  secure boolean NOT NULL,
  username text,
  password text,
  from_address text NOT NULL,
  rate_per_second double precision NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
