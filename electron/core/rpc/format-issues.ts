import type { z } from 'zod';

/**
 * "filter.status[0]: Invalid option: expected one of ..." — the field path first, because the
 * person reading it (a developer, or a support ticket) needs to know which field was wrong.
 */
export function formatIssues(requestName: string, issues: ReadonlyArray<z.core.$ZodIssue>): string {
  const parts = issues.slice(0, 5).map((issue) => {
    const path = formatPath(issue.path);
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  const more = issues.length > 5 ? ` (+${issues.length - 5} more)` : '';
  return `${requestName}: ${parts.join('; ')}${more}`;
}

function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out;
}
