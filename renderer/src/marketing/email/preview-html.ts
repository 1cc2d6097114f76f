import DOMPurify from 'dompurify';
import { MARKDOWN_SAFE_TAGS } from '../../service/knowledge/sanitize-html';

/** What the core's e-mail HTML may contain (shared/marketing/render-template.ts writes no more than this). */
const ALLOWED_TAGS = [...MARKDOWN_SAFE_TAGS, 'a'];
/** No `href`: a link in the preview must not navigate the app; its address is written out beside it anyway. */
const ALLOWED_ATTR = ['class', 'start'];

/**
 * The core's rendered e-mail HTML made safe to put in the page a second time: the renderer already
 * writes no raw HTML, images or scripts; DOMPurify keeps only formatting tags here whatever arrives.
 */
export function previewHtml(html: string): string {
  return DOMPurify.sanitize(html, { ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false });
}
