import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors';

/** Deeper than any request of the protocol nests; bounds the work (and stack) of everything after. */
export const MAX_DEPTH = 64;

// PostgreSQL text and jsonb cannot hold U+0000, and a UTF-16 surrogate without its partner is not
// Unicode at all (PostgreSQL refuses both), so neither may reach a handler.
const NUL = '\u0000';
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const describe = (s: string): string | undefined => {
  if (s.includes(NUL)) return 'a NUL character (U+0000)';
  const m = LONE_SURROGATE.exec(s);
  if (m) return `a lone UTF-16 surrogate (U+${m[0].charCodeAt(0).toString(16).toUpperCase()}), which is not valid Unicode`;
  return undefined;
};

const child = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

/**
 * The first place in `value` (a parsed JSON body, query string or path parameters) that no handler
 * may see, as a 400: text PostgreSQL cannot store, or nesting deeper than MAX_DEPTH. Walks with
 * its own stack, so hostile depth cannot overflow the call stack.
 */
export const findBadInput = (value: unknown, root: string): HttpError | undefined => {
  const stack: Array<[unknown, string, number]> = [[value, root, 0]];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [v, path, depth] = item;
    if (typeof v === 'string') {
      const what = describe(v);
      if (what) return new HttpError(400, 'invalid_text', `${path} holds ${what}; remove it and send the request again`, { path });
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_DEPTH) return new HttpError(400, 'bad_request', `${path} is nested deeper than ${MAX_DEPTH} levels`, { path });
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], child(path, i), depth + 1]);
      continue;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    for (const [k] of entries) {
      const what = describe(k);
      if (what)
        return new HttpError(400, 'invalid_text', `a field name in ${path} holds ${what}; remove it and send the request again`, { path });
    }
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, inner] = entries[i] as [string, unknown];
      stack.push([inner, child(path, k), depth + 1]);
    }
  }
  return undefined;
};

/** One check for every route, before any handler: body, query string and path parameters. */
export const registerTextGuard = (app: FastifyInstance): void => {
  app.addHook('preValidation', async (request) => {
    const bad = findBadInput(request.params, 'path') ?? findBadInput(request.query, 'query') ?? findBadInput(request.body, 'body');
    if (bad) throw bad;
  });
};
