import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown-render';

const hostile = [
  '# Reset the gateway',
  '<script>alert(1)</script>',
  '<img src="https://tracker.example.com/p.gif" onerror="alert(2)">',
  '[click me](javascript:alert(3)) and [JS upper](JAVASCRIPT:alert(4)) and [data](data:text/html;base64,PHNjcmlwdD4=)',
  '![diagram](https://cdn.example.com/diagram.png) ![inline](data:image/png;base64,iVBORw0KGgo=)',
  '[manual](https://example.com/manual) <https://example.com/auto>',
  '<a href="javascript:alert(5)">raw anchor</a> <iframe src="https://example.com"></iframe>',
].join('\n\n');

describe('article Markdown', () => {
  it('renders no script, no javascript: or data: links, no images and no anchors', () => {
    const html = renderMarkdown(hostile);
    expect(html).toContain('<h1>Reset the gateway</h1>');
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<a\s/i);
    expect(html).not.toMatch(/<iframe/i);
    expect(html).not.toMatch(/<[^>]*\s(href|src)=/i);
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    // What stays is text: the raw HTML escaped, link text, image alt text, web addresses shown.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<span class="kb-link">manual</span> <span class="kb-link-target">(https://example.com/manual)</span>');
    expect(html).toContain('<span class="kb-image-alt">[diagram]</span>');
    expect(html).not.toContain('cdn.example.com');
  });

  it('keeps ordinary formatting', () => {
    const html = renderMarkdown('**bold** _em_ `code`\n\n- one\n- two\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n打印机**卡纸**');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>em</em>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<td style="text-align:left">1</td>');
    expect(html).toContain('打印机<strong>卡纸</strong>');
  });
});
