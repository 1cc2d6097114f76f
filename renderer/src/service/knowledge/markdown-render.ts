import MarkdownIt from 'markdown-it';

/**
 * Article Markdown to HTML, with nothing in it that could run or reach out:
 * - `html: false`: raw HTML in an article (`<script>`, `<iframe>`, `<img onerror>`) stays text;
 * - links render as their text, followed by the address in brackets for web and mail links: the
 *   app blocks navigation and new windows, so an anchor could only mislead; `javascript:`,
 *   `data:`, `file:` and `vbscript:` targets are not links at all (markdown-it's validateLink);
 * - images render as their alt text: a remote image would be remote content (and a tracking
 *   pixel), and the CSP blocks it anyway. Articles are written for offline reading, so nothing
 *   an article needs may live elsewhere.
 * The HTML then still goes through DOMPurify (sanitize-html.ts) with a list of allowed tags, so a
 * mistake here cannot reach the page either.
 */
const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });

/** Web and mail addresses are shown after the link text; anything else is dropped. */
const SHOWN_SCHEMES = /^(https?:|mailto:)/i;

md.renderer.rules['link_open'] = () => '<span class="kb-link">';
md.renderer.rules['link_close'] = (tokens, index) => {
  // The matching link_open is the nearest earlier one at the same nesting level.
  let open = index - 1;
  while (open >= 0 && tokens[open]?.type !== 'link_open') open -= 1;
  const href = String(open >= 0 ? (tokens[open]?.attrGet('href') ?? '') : '');
  const shown = SHOWN_SCHEMES.test(href) ? ` <span class="kb-link-target">(${md.utils.escapeHtml(href)})</span>` : '';
  return `</span>${shown}`;
};
md.renderer.rules['image'] = (tokens, index) => {
  const alt = tokens[index]?.content ?? '';
  return alt ? `<span class="kb-image-alt">[${md.utils.escapeHtml(alt)}]</span>` : '';
};

export function renderMarkdown(markdown: string): string {
  return md.render(markdown);
}
