import type { Token } from 'markdown-it';

/**
 * Plain-text rendering of a markdown-it token stream, for the text/plain part of an e-mail:
 * emphasis marks dropped, headings and paragraphs as blocks separated by a blank line, list items
 * as "- " or "1. ", quotes as "> ", code as written, table rows as cells joined by " | ". Inline
 * text goes through `inlineText`, which the caller supplies (it fills in merge values and writes
 * links as "text (address)").
 */
export function markdownPlainText(tokens: readonly Token[], inlineText: (children: readonly Token[]) => string): string {
  const blocks: string[] = [];
  const lists: { ordered: boolean; next: number }[] = [];
  let quoteDepth = 0;
  let marker = '';
  let tightNext = false;
  /** The next block opens a list or a table: set off from what came before by a blank line. */
  let groupStart = false;
  let row: string[] | undefined;

  const emit = (text: string, tight: boolean): void => {
    const indent = '   '.repeat(Math.max(0, lists.length - 1));
    const quote = '> '.repeat(quoteDepth);
    const lines = text.split('\n').map((line, index) => {
      const lead = index === 0 && marker ? marker : ' '.repeat(marker.length);
      return `${quote}${lists.length > 0 ? indent + lead : ''}${line}`.trimEnd();
    });
    marker = '';
    const separator = blocks.length === 0 ? '' : tight && !groupStart ? '\n' : '\n\n';
    groupStart = false;
    blocks.push(separator + lines.join('\n'));
  };

  for (const token of tokens) {
    switch (token.type) {
      case 'bullet_list_open':
        if (lists.length === 0) groupStart = true;
        lists.push({ ordered: false, next: 0 });
        break;
      case 'ordered_list_open':
        if (lists.length === 0) groupStart = true;
        lists.push({ ordered: true, next: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        break;
      case 'list_item_open': {
        const list = lists.at(-1);
        if (list) marker = list.ordered ? `${list.next++}. ` : '- ';
        break;
      }
      case 'blockquote_open':
        quoteDepth += 1;
        break;
      case 'blockquote_close':
        quoteDepth -= 1;
        break;
      case 'paragraph_open':
        tightNext = token.hidden;
        break;
      case 'heading_open':
        tightNext = false;
        break;
      case 'table_open':
        groupStart = true;
        break;
      case 'tr_open':
        row = [];
        break;
      case 'tr_close':
        if (row) emit(row.join(' | '), true);
        row = undefined;
        break;
      case 'inline': {
        const text = inlineText(token.children ?? []);
        if (row) row.push(text);
        else emit(text, tightNext);
        tightNext = false;
        break;
      }
      case 'code_block':
      case 'fence':
        emit(token.content.replace(/\n$/, ''), false);
        break;
      case 'hr':
        emit('---', false);
        break;
      default:
        break;
    }
  }
  return blocks.join('');
}
