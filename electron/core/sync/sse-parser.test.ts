import { describe, expect, it } from 'vitest';
import { createSseParser, type SseMessage } from './sse-parser';

function parse(chunks: ReadonlyArray<string>): SseMessage[] {
  const out: SseMessage[] = [];
  const parser = createSseParser((m) => out.push(m));
  for (const chunk of chunks) parser.push(chunk);
  return out;
}

describe('SSE parser', () => {
  it('reads data and named events, skips comments, joins multi-line data', () => {
    const text = 'data: "RESYNC"\n\n: ping\n\nevent: error\ndata: {"code":"x"}\n\ndata: a\ndata: b\n\n';
    expect(parse([text])).toEqual([
      { event: 'message', data: '"RESYNC"' },
      { event: 'error', data: '{"code":"x"}' },
      { event: 'message', data: 'a\nb' },
    ]);
  });

  it('gives the same messages however the stream is split, CRLF included', () => {
    const text = 'data: {"documents":[],"checkpoint":null}\r\n\r\nevent: error\r\ndata: 1\r\n\r\n';
    const whole = parse([text]);
    for (let size = 1; size < 8; size++) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      expect(parse(chunks)).toEqual(whole);
    }
    expect(whole).toHaveLength(2);
  });

  it('does not emit a message that has not ended yet', () => {
    expect(parse(['data: half'])).toEqual([]);
  });
});
