import type { FastifyInstance } from 'fastify';
import { requireAdmin } from '../auth/authenticate';
import type { AppContext } from '../context';
import { parseBody } from '../parse';
import { writeServerDocuments } from '../sync/server-write';
import { loadSmtpSettings, saveSmtpSettings, smtpSettingsBody, viewOf } from './smtp-settings';
import { confirmPage, donePage, notFoundPage, PAGE_HEADERS } from './unsubscribe-page';
import { findToken, hashToken } from './unsubscribe-tokens';

/**
 * The admin's SMTP settings (GET never returns the password) and the recipients' unsubscribe link:
 * GET shows a confirmation page, POST (the page's button, or a mail client's RFC 8058 one-click
 * POST) records the opt-out, as often as it is sent.
 */
export const registerMailRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  app.get('/admin/smtp', async (request) => {
    await requireAdmin(ctx, request);
    const { settings, source } = await loadSmtpSettings(ctx.db, ctx.config.smtp);
    return viewOf(settings, source);
  });
  app.put('/admin/smtp', async (request) => {
    await requireAdmin(ctx, request);
    await saveSmtpSettings(ctx.db, parseBody(smtpSettingsBody, request.body));
    const { settings, source } = await loadSmtpSettings(ctx.db, ctx.config.smtp);
    request.log.info({ host: settings?.host, port: settings?.port }, 'SMTP settings changed by an admin');
    return viewOf(settings, source);
  });

  const contacts = ctx.collections.get('contacts');
  // Its own scope: only these routes read form posts (the one-click POST is form-encoded).
  void app.register(async (scope) => {
    // RFC 8058 allows either form encoding; the body says nothing the link does not.
    scope.addContentTypeParser(
      ['application/x-www-form-urlencoded', 'multipart/form-data'],
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => {
        done(null, { form: String(body) });
      },
    );
    scope.get<{ Params: { token: string } }>('/unsubscribe/:token', async (request, reply) => {
      const record = await findToken(ctx.db, request.params.token);
      if (!record) return reply.code(404).headers(PAGE_HEADERS).send(notFoundPage());
      return reply
        .headers(PAGE_HEADERS)
        .send(record.usedAt ? donePage(record.language, record.email) : confirmPage(record.language, record.email));
    });
    scope.post<{ Params: { token: string } }>('/unsubscribe/:token', async (request, reply) => {
      const record = await findToken(ctx.db, request.params.token);
      if (!record) return reply.code(404).headers(PAGE_HEADERS).send(notFoundPage());
      await ctx.db.transaction(async (tx) => {
        await tx.query('INSERT INTO email_opt_outs (email) VALUES ($1) ON CONFLICT (email) DO NOTHING', [record.email]);
        await tx.query('UPDATE unsubscribe_tokens SET used_at = coalesce(used_at, now()) WHERE token_hash = $1', [
          hashToken(request.params.token),
        ]);
        const contactId = record.contactId;
        if (contactId && contacts) {
          await writeServerDocuments(tx, contacts, [
            {
              id: contactId,
              change: (doc) =>
                doc.doNotContact === true
                  ? undefined
                  : { ...doc, doNotContact: true, updatedAt: Math.max(Date.now(), Number(doc.updatedAt)) },
            },
          ]);
        }
      });
      request.log.info({ messageId: record.messageId }, 'a recipient unsubscribed');
      return reply.headers(PAGE_HEADERS).send(donePage(record.language, record.email));
    });
  });
};
