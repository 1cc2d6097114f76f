import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../../shared/contract/service/knowledge-requests';
import { Highlighted } from './highlight';

const mark = (text: string) => `${HIGHLIGHT_START}${text}${HIGHLIGHT_END}`;

describe('search snippet highlighting', () => {
  it('marks each match and escapes everything else as text', () => {
    const html = renderToStaticMarkup(<Highlighted text={`Reset the ${mark('printer')} <b>now</b>, then ${mark('打印机')}`} />);
    expect(html).toBe('Reset the <mark>printer</mark> &lt;b&gt;now&lt;/b&gt;, then <mark>打印机</mark>');
  });

  it('shows a snippet without matches as it is, and an unclosed match to the end', () => {
    expect(renderToStaticMarkup(<Highlighted text="plain" />)).toBe('plain');
    expect(renderToStaticMarkup(<Highlighted text={`a ${HIGHLIGHT_START}b`} />)).toBe('a <mark>b</mark>');
  });
});
