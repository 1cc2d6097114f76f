export type SseEvent = { event: string; data: unknown };

/** A tiny SSE reader over fetch (the app's core will do the same with headers, which EventSource lacks). */
export const openSse = async (url: string, token?: string) => {
  const controller = new AbortController();
  const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: controller.signal });
  const events: SseEvent[] = [];
  const waiters = new Set<() => void>();
  let ended = false;
  let failure: unknown;
  const pump = async (): Promise<void> => {
    if (!res.body || !res.headers.get('content-type')?.startsWith('text/event-stream')) return;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let idx: number;
        while ((idx = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, idx);
          buffer = buffer.slice(idx + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event: ')) event = line.slice(7);
            if (line.startsWith('data: ')) data.push(line.slice(6));
          }
          if (data.length) events.push({ event, data: JSON.parse(data.join('\n')) as unknown });
          for (const w of waiters) w();
        }
      }
    } catch (err) {
      // close() aborts the read on purpose; anything else (a cut connection, a line that is not
      // JSON) is kept, so a waiting test reports it instead of a bare timeout.
      if (!controller.signal.aborted) failure = err;
    } finally {
      ended = true;
      for (const w of waiters) w();
    }
  };
  void pump();
  const waitFor = (predicate: (events: SseEvent[]) => boolean, timeoutMs = 5000): Promise<SseEvent[]> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        if (predicate(events)) {
          waiters.delete(check);
          clearTimeout(timer);
          resolve(events);
        } else if (ended) {
          waiters.delete(check);
          clearTimeout(timer);
          const why = failure === undefined ? '' : ` (${String(failure)})`;
          reject(new Error(`stream ended before condition${why}; events: ${JSON.stringify(events)}`));
        }
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting on stream; events: ${JSON.stringify(events)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });
  return { status: res.status, response: res, events, waitFor, isEnded: () => ended, close: () => controller.abort() };
};

/** Documents delivered in change batches so far. */
export const streamedDocs = (events: SseEvent[]): Array<Record<string, unknown>> =>
  events.flatMap((e) =>
    e.event === 'message' && typeof e.data === 'object' && e.data !== null && 'documents' in e.data
      ? (e.data as { documents: Array<Record<string, unknown>> }).documents
      : [],
  );
