/** The unsubscribe pages: plain HTML, no script, no remote content, in the message's language. */

type Language = 'en' | 'zh-CN';

const TEXT = {
  en: {
    title: 'Unsubscribe',
    ask: 'Stop receiving our e-mails at {email}?',
    button: 'Unsubscribe',
    done: 'You are unsubscribed. We will not send further e-mails to {email}.',
  },
  'zh-CN': {
    title: '退订',
    ask: '不再通过 {email} 接收我们的邮件？',
    button: '退订',
    done: '您已退订。我们不会再向 {email} 发送邮件。',
  },
} as const satisfies Record<Language, Record<string, string>>;

const NOT_FOUND = {
  en: 'This unsubscribe link is not valid. Please use the link from the most recent e-mail you received from us.',
  'zh-CN': '此退订链接无效。请使用您最近收到的邮件中的链接。',
};

/** Pages that run nothing and load nothing; the form posts back to the same address. */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
} as const;

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

const languageOf = (value: string): Language => (value === 'zh-CN' ? 'zh-CN' : 'en');

const page = (lang: string, title: string, body: string): string => `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}
button{font:inherit;padding:.5rem 1.25rem;border:0;border-radius:.375rem;background:#2f6fed;color:#fff;cursor:pointer}</style>
</head><body>${body}</body></html>`;

/** The question with a button: mail scanners follow links, so only the POST records the opt-out. */
export const confirmPage = (language: string, email: string): string => {
  const lang = languageOf(language);
  const t = TEXT[lang];
  return page(
    lang,
    t.title,
    `<h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.ask).replace('{email}', `<strong>${escapeHtml(email)}</strong>`)}</p>
<form method="post"><button type="submit">${escapeHtml(t.button)}</button></form>`,
  );
};

export const donePage = (language: string, email: string): string => {
  const lang = languageOf(language);
  const t = TEXT[lang];
  return page(
    lang,
    t.title,
    `<h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.done).replace('{email}', `<strong>${escapeHtml(email)}</strong>`)}</p>`,
  );
};

/** An unknown or malformed link: the language is unknown too, so both. */
export const notFoundPage = (): string =>
  page(
    'en',
    `${TEXT.en.title} / ${TEXT['zh-CN'].title}`,
    `<p>${escapeHtml(NOT_FOUND.en)}</p><p lang="zh-CN">${escapeHtml(NOT_FOUND['zh-CN'])}</p>`,
  );
