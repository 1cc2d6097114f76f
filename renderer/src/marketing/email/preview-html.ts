import DOMPurify from 'dompurify';

/** What the core's e-mail HTML may contain (shared/marketing/render-template.ts writes no more than this). */
const ALLOWED_TAGS = [
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
  'a',
];
/** No `href`: a link in the preview must not navigate the app; its address is written out beside it anyway. */
const ALLOWED_ATTR = ['class', 'start'];

/**
 * The core's rendered e-mail HTML made safe to put in the page a second time: the renderer already
 * writes no raw HTML, images or scripts; DOMPurify keeps only formatting tags here whatever arrives.
 */
export function previewHtml(html: string): string {
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false });
}
