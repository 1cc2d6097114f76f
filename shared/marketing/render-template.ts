import MarkdownIt, { type Token } from 'markdown-it';
import { markdownPlainText } from './markdown-plain-text';
import type { MergeFieldName, MergeValues } from './merge-fields';
import { parseTemplate, type TemplateError, type TemplateToken } from './parse-template';

export { parseTemplate };
export type { ParsedTemplate, TemplateError, TemplateErrorCode, TemplateToken } from './parse-template';

export type TemplateFormat = 'text' | 'markdown';
export type TemplateLanguage = 'en' | 'zh-CN';

export type EmailTemplateSource = { subject: string; body: string; format: TemplateFormat };

export type RenderOptions = {
  /** This recipient's opt-out address (http or https), served by the sync server. */
  unsubscribeUrl: string;
  /** The template's language: the language of the unsubscribe footer. */
  language: TemplateLanguage;
};

export type RenderedEmail = {
  /** Plain text on one line: never HTML, never a line break (it becomes a mail header). */
  subject: string;
  /** The text/plain part. */
  text: string;
  /** The text/html part: an HTML fragment with no raw HTML, images, scripts or event attributes. */
  html: string;
};

export type RenderError =
  (TemplateError & { part: 'subject' | 'body' }) | { code: 'invalid_unsubscribe_url'; part: 'options'; message: string };

export type RenderResult = ({ ok: true } & RenderedEmail) | { ok: false; errors: RenderError[] };

/**
 * The line added to a message whose body does not place `{{unsubscribe.url}}` itself, in the
 * template's language. `{account}` is the recipient's company; `{url}` the opt-out address. The
 * sync server renders messages with this module, so the sentences live here rather than in the
 * renderer's i18n resources.
 */
export const UNSUBSCRIBE_FOOTER = {
  en: {
    withAccount: 'You receive this because {account} is one of our customers. Unsubscribe: {url}',
    withoutAccount: 'You receive this because you are one of our customers. Unsubscribe: {url}',
  },
  'zh-CN': {
    withAccount: '您收到此邮件，是因为{account}是我们的客户。退订：{url}',
    withoutAccount: '您收到此邮件，是因为您是我们的客户。退订：{url}',
  },
} as const satisfies Record<TemplateLanguage, { withAccount: string; withoutAccount: string }>;

/** The footer sentence split around the address, so the HTML part can make the address a link. */
function footerParts(language: TemplateLanguage, accountName: string): { before: string; after: string } {
  const sentences = UNSUBSCRIBE_FOOTER[language];
  const sentence = accountName ? sentences.withAccount.replace('{account}', accountName) : sentences.withoutAccount;
  const at = sentence.indexOf('{url}');
  return { before: sentence.slice(0, at), after: sentence.slice(at + '{url}'.length) };
}

/** The footer line as plain text, for a caller that adds it to a message itself. */
export function unsubscribeFooter(language: TemplateLanguage, accountName: string, unsubscribeUrl: string): string {
  const { before, after } = footerParts(language, cleanValue(accountName));
  return `${before}${unsubscribeUrl}${after}`;
}

/**
 * Markdown with nothing in it that could run or fetch: `html: false` keeps raw HTML as text,
 * images render as their alt text (a remote image is a tracking pixel), and a link renders as its
 * text followed by its address, the address being the only clickable part, and only for http(s)
 * and mailto. markdown-it escapes all text it writes and adds no attributes but `start` (ordered
 * lists), `style="text-align:…"` (table cells) and `class="language-…"` (fenced code), so the
 * output is safe without DOMPurify; a renderer showing it in the page may sanitise it again.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: true });
// The text format finds web and mail addresses with markdown-it's linkify-it, written in full only.
md.linkify.set({ fuzzyLink: false, fuzzyEmail: false });

const LINK_SCHEMES = /^(https?:|mailto:)/i;
/**
 * markdown-it normalises a link address while parsing (percent-encoding, punycode for the host);
 * an address holding value markers is kept as written instead, and normalised in `resolveHref`
 * once the values are in.
 */
const normalizeLink = md.normalizeLink.bind(md);
md.normalizeLink = (url) => (/[\uE000\uE001]/.test(url) ? url : normalizeLink(url));
const escapeHtml = md.utils.escapeHtml;

/** Merge values stand in the Markdown as private-use markers, so a value is never parsed as Markdown. */
const MARKER_OPEN = '\uE000';
const MARKER_CLOSE = '\uE001';
const MARKER = /\uE000(\d+)\uE001/g;
const WHOLE_MARKER = /^\uE000(\d+)\uE001$/;
const STRAY_MARKERS = /[\uE000\uE001]/g;

type Slot = { name: MergeFieldName; value: string };
type RenderEnv = { slots: Slot[]; inLink: boolean };
/** What the preparation pass decided about a link; kept on its open and close tokens. */
type LinkMeta = { href: string | undefined; visible: string; bare: boolean };

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** A value as one line of text: control characters and runs of white space become one space. */
function cleanValue(value: string | undefined): string {
  return (value ?? '').replace(CONTROL_CHARACTERS, ' ').replace(STRAY_MARKERS, '').replace(/\s+/g, ' ').trim();
}

function resolve(token: Extract<TemplateToken, { kind: 'field' }>, values: MergeValues, unsubscribeUrl: string): string {
  if (token.name === 'unsubscribe.url') return unsubscribeUrl;
  return cleanValue(values[token.name]) || cleanValue(token.fallback);
}

function fillRaw(content: string, slots: readonly Slot[]): string {
  return content.replace(MARKER, (_, index: string) => slots[Number(index)]?.value ?? '');
}

/** An anchor whose text is the address itself, so what the reader sees is where it goes. */
function urlAnchor(href: string, visible: string): string {
  return `<a href="${escapeHtml(md.normalizeLink(href))}">${escapeHtml(visible)}</a>`;
}

/** Literal text escaped; values escaped too, except the opt-out address outside a link, which becomes one. */
function fillHtml(content: string, env: RenderEnv): string {
  let html = '';
  let last = 0;
  for (const match of content.matchAll(MARKER)) {
    html += escapeHtml(content.slice(last, match.index));
    const slot = env.slots[Number(match[1])];
    if (slot?.name === 'unsubscribe.url' && !env.inLink) html += urlAnchor(slot.value, slot.value);
    else html += escapeHtml(slot?.value ?? '');
    last = match.index + match[0].length;
  }
  return html + escapeHtml(content.slice(last));
}

function linkMeta(token: Token | undefined): LinkMeta | undefined {
  return token?.meta as LinkMeta | undefined;
}

md.renderer.rules['text'] = (tokens, index, _options, env) => fillHtml(tokens[index]?.content ?? '', env as RenderEnv);
md.renderer.rules['link_open'] = (tokens, index, _options, env) => {
  (env as RenderEnv).inLink = true;
  const meta = linkMeta(tokens[index]);
  return meta?.href && meta.bare ? `<a href="${escapeHtml(meta.href)}">` : '';
};
md.renderer.rules['link_close'] = (tokens, index, _options, env) => {
  (env as RenderEnv).inLink = false;
  const meta = linkMeta(tokens[index]);
  if (!meta?.href) return '';
  return meta.bare ? '</a>' : ` (${urlAnchor(meta.href, meta.visible)})`;
};
md.renderer.rules['image'] = (tokens, index) => {
  const alt = tokens[index]?.content ?? '';
  return alt ? `<span class="email-image-alt">[${escapeHtml(alt)}]</span>` : '';
};

/**
 * The address a link stands for once values are in: a value that is the whole address is taken as
 * the address; a value inside one (a query parameter, a mail address) is percent-encoded. Only
 * http(s) and mailto addresses may be links.
 */
function resolveHref(rawHref: string, slots: readonly Slot[]): string | undefined {
  const whole = WHOLE_MARKER.exec(rawHref);
  const filled = whole
    ? (slots[Number(whole[1])]?.value ?? '')
    : rawHref.replace(MARKER, (_, index: string) => encodeURIComponent(slots[Number(index)]?.value ?? '').replace(/%40/g, '@'));
  const href = filled ? normalizeLink(filled) : '';
  return href && LINK_SCHEMES.test(href) && md.validateLink(href) ? href : undefined;
}

function inlineChildText(token: Token, slots: readonly Slot[]): string {
  if (token.type === 'text') return fillRaw(token.content, slots);
  if (token.type === 'code_inline' || token.type === 'image') return token.content;
  if (token.type === 'softbreak' || token.type === 'hardbreak') return '\n';
  return '';
}

/**
 * Fills values into everything markdown-it escapes by itself (code, image alt text) and decides
 * each link: its real address once values are in, whether that address may be a link, and whether
 * the link text already is the address (then the text itself is the link, written once).
 */
function prepareTokens(tokens: Token[], slots: readonly Slot[]): void {
  for (const block of tokens) {
    if (block.type === 'code_block' || block.type === 'fence') {
      block.content = fillRaw(block.content, slots);
      block.info = fillRaw(block.info, slots);
    }
    const children = block.children ?? [];
    children.forEach((child, index) => {
      if (child.type === 'code_inline' || child.type === 'image') child.content = fillRaw(child.content, slots);
      if (child.type !== 'link_open') return;
      const closeAt = children.findIndex((other, at) => at > index && other.type === 'link_close');
      const href = resolveHref(String(child.attrGet('href') ?? ''), slots);
      const visible = href ? href.replace(/^mailto:/i, '') : '';
      const text = children
        .slice(index + 1, closeAt === -1 ? undefined : closeAt)
        .map((inner) => inlineChildText(inner, slots))
        .join('');
      const meta: LinkMeta = { href, visible, bare: child.markup === 'autolink' || text.trim() === visible };
      child.meta = meta;
      const close = children[closeAt];
      if (close) close.meta = meta;
    });
  }
}

function markdownInlineText(children: readonly Token[], slots: readonly Slot[]): string {
  return children
    .map((child) => {
      if (child.type === 'link_close') {
        const meta = linkMeta(child);
        return meta?.href && !meta.bare ? ` (${meta.visible})` : '';
      }
      if (child.type === 'image') return child.content ? `[${child.content}]` : '';
      return inlineChildText(child, slots);
    })
    .join('');
}

/** Plain text as HTML: paragraphs at blank lines, line breaks kept, written-out web and mail addresses as links. */
function plainTextHtml(text: string): string {
  const paragraphs = text.split(/\n{2,}/).filter((paragraph) => paragraph.trim().length > 0);
  return paragraphs
    .map((paragraph) => {
      const escape = (part: string): string => escapeHtml(part).replace(/\n/g, '<br>\n');
      let html = '';
      let last = 0;
      for (const match of md.linkify.match(paragraph) ?? []) {
        if (!LINK_SCHEMES.test(match.url) || !md.validateLink(match.url)) continue;
        html += escape(paragraph.slice(last, match.index));
        html += urlAnchor(match.url, match.text);
        last = match.lastIndex;
      }
      return `<p>${html}${escape(paragraph.slice(last))}</p>\n`;
    })
    .join('');
}

function isWebAddress(url: string): boolean {
  if (/[\s"'<>\\]/.test(url)) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    // Not parseable as a URL: reported below as an invalid unsubscribe address.
    return false;
  }
}

/**
 * One recipient's message from a template: merge fields filled (a missing value gives the field's
 * fallback, or nothing), the subject as one line of plain text, the body as plain text and as safe
 * HTML. A Markdown body is rendered with markdown-it; a text body is kept as written. Values are
 * escaped wherever they reach HTML and are never read as Markdown. When the body does not place
 * `{{unsubscribe.url}}`, a footer line with the address is added in the template's language, so
 * every message carries exactly one opt-out link. Template mistakes come back as errors, with
 * their part and position, and nothing is rendered.
 */
export function renderTemplate(template: EmailTemplateSource, values: MergeValues, options: RenderOptions): RenderResult {
  const errors: RenderError[] = [];
  if (!isWebAddress(options.unsubscribeUrl)) {
    errors.push({ code: 'invalid_unsubscribe_url', part: 'options', message: 'the unsubscribe address must be an http or https URL' });
  }
  const subject = parseTemplate(template.subject);
  const body = parseTemplate(template.body);
  if (!subject.ok) errors.push(...subject.errors.map((error) => ({ ...error, part: 'subject' as const })));
  if (!body.ok) errors.push(...body.errors.map((error) => ({ ...error, part: 'body' as const })));
  if (!subject.ok || !body.ok || errors.length > 0) return { ok: false, errors };

  const unsubscribeUrl = options.unsubscribeUrl;
  const subjectText = cleanValue(
    subject.tokens.map((token) => (token.kind === 'text' ? token.text : resolve(token, values, unsubscribeUrl))).join(''),
  );

  const slots: Slot[] = [];
  const bodySource = body.tokens
    .map((token) => {
      if (token.kind === 'text') return token.text.replace(/\r\n?/g, '\n').replace(STRAY_MARKERS, '');
      slots.push({ name: token.name, value: resolve(token, values, unsubscribeUrl) });
      return `${MARKER_OPEN}${slots.length - 1}${MARKER_CLOSE}`;
    })
    .join('');

  let text: string;
  let html: string;
  if (template.format === 'markdown') {
    const env: RenderEnv = { slots, inLink: false };
    const tokens = md.parse(bodySource, env);
    prepareTokens(tokens, slots);
    html = md.renderer.render(tokens, md.options, env);
    text = markdownPlainText(tokens, (children) => markdownInlineText(children, slots));
  } else {
    text = fillRaw(bodySource, slots).replace(/[ \t]+$/gm, '');
    html = plainTextHtml(text);
  }
  text = text.replace(/^\n+|\s+$/g, '');

  // The footer goes into each part that does not already carry the address: a template may place
  // `{{unsubscribe.url}}` where it cannot be a link (inside code), and the HTML still needs one.
  const shownUrl = normalizeLink(unsubscribeUrl);
  const { before, after } = footerParts(options.language, cleanValue(values['account.name']));
  if (!text.includes(unsubscribeUrl) && !text.includes(shownUrl)) text += `${text ? '\n\n' : ''}${before}${unsubscribeUrl}${after}`;
  if (!html.includes(`href="${escapeHtml(shownUrl)}"`)) {
    html += `<p class="email-unsubscribe">${escapeHtml(before)}${urlAnchor(unsubscribeUrl, unsubscribeUrl)}${escapeHtml(after)}</p>\n`;
  }
  return { ok: true, subject: subjectText, text: `${text}\n`, html };
}
