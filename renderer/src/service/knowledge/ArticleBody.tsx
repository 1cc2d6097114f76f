import { useMemo } from 'react';
import { articleHtml } from './sanitize-html';

/** An article's Markdown as sanitized HTML (sanitize-html.ts: no script, links, images or raw HTML). */
export function ArticleBody({ markdown, lang, testId }: { readonly markdown: string; readonly lang: string; readonly testId?: string }) {
  const html = useMemo(() => articleHtml(markdown), [markdown]);
  return <div className="kb-body" lang={lang} data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />;
}
