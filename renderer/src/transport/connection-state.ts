/** `unauthorized`: the browser host refused the page (opened without the per-run secret). */
export type ConnectionState = 'connecting' | 'open' | 'unauthorized';
