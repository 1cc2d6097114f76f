import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../../shared/contract/service/knowledge-requests';

/** Text with the core's highlight markers shown as <mark>; the text itself is never parsed as HTML. */
export function Highlighted({ text }: { readonly text: string }) {
  const parts: Array<{ text: string; marked: boolean }> = [];
  let rest = text;
  while (rest.length > 0) {
    const start = rest.indexOf(HIGHLIGHT_START);
    if (start === -1) {
      parts.push({ text: rest, marked: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start), marked: false });
    const end = rest.indexOf(HIGHLIGHT_END, start + 1);
    const stop = end === -1 ? rest.length : end;
    parts.push({ text: rest.slice(start + 1, stop), marked: true });
    rest = rest.slice(stop + 1);
  }
  return (
    <>
      {parts.map((part, index) =>
        part.marked ? (
          <mark key={index} className="kb-mark">
            {part.text}
          </mark>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}
