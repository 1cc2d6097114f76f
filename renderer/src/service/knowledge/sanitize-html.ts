import DOMPurify from 'dompurify';
import { renderMarkdown } from './markdown-render';

/** What rendered Markdown may contain; no anchors, images, media, forms or frames. */
export const MARKDOWN_SAFE_TAGS = [
  'p',
  'br',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'em',
  's',
  'code',
  'pre',
  'blockquote',
  'ul',
  'ol',
  'li',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'span',
];
const ALLOWED_ATTR = ['class', 'start', 'style'];

/**
 * Article Markdown as HTML safe to put in the page: rendered without links, images or raw HTML
 * (markdown-render.ts), then sanitized by DOMPurify with an allow-list, so only formatting remains.
 * `style` survives only as markdown-it writes it for table alignment (text-align).
 */
export function articleHtml(markdown: string): string {
  const html = DOMPurify.sanitize(renderMarkdown(markdown), { ALLOWED_TAGS: MARKDOWN_SAFE_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false });
  return html.replace(/ style="(?!text-align:(left|right|center)")[^"]*"/g, '');
}
