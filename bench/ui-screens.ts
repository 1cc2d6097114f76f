import type { Page } from 'playwright-core';
import type { SampleIds } from './ui-seed';

/**
 * Every screen of the app for `npm run bench:ui`: its route and what its content is — a selector
 * of real data (a row, a card, a record's name, a figure) or the screen's own empty state, never
 * a spinner. Detail screens whose sample record the database does not hold are left out.
 */
export type ScreenProbe = { readonly name: string; readonly hash: string; readonly content: string };

const LIST_ROW = '#main .record-canvas [role=row]:not(.placeholder)';

export function screenProbes(ids: SampleIds): ScreenProbe[] {
  const probes: Array<ScreenProbe | null> = [
    { name: 'accounts', hash: '/customers/accounts', content: `[role=grid][aria-label="Accounts"] ${LIST_ROW.replace('#main ', '')}` },
    { name: 'account', hash: `/customers/accounts/${ids.account}`, content: '[data-testid=account-name]' },
    { name: 'account_form', hash: `/customers/accounts/${ids.account}/edit`, content: '#main form input[name=name]' },
    { name: 'contacts', hash: '/customers/contacts', content: LIST_ROW },
    ids.contact ? { name: 'contact', hash: `/customers/contacts/${ids.contact}`, content: '[data-testid=contact-name]' } : null,
    { name: 'leads', hash: '/sales/leads', content: `${LIST_ROW}, #main .state-empty` },
    ids.lead ? { name: 'lead', hash: `/sales/leads/${ids.lead}`, content: '[data-testid=lead-name]' } : null,
    { name: 'opportunities', hash: '/sales/opportunities', content: `${LIST_ROW}, #main .state-empty` },
    ids.opportunity
      ? { name: 'opportunity', hash: `/sales/opportunities/${ids.opportunity}`, content: '[data-testid=opportunity-name]' }
      : null,
    { name: 'pipeline', hash: '/sales/pipeline', content: '[data-testid=deal-card], [data-testid=pipeline-board] .state-empty' },
    { name: 'today', hash: '/sales/today', content: '[data-testid=agenda-item], [data-testid=agenda-empty]' },
    { name: 'products', hash: '/sales/products', content: `${LIST_ROW}, #main .state-empty, [data-testid=product-name]` },
    { name: 'quotas', hash: '/sales/quotas', content: '[data-testid=quota-table] tbody tr, #main .state-empty' },
    { name: 'dashboard', hash: '/sales/dashboard', content: '[data-testid=sales-dashboard] .key-figure-value' },
    { name: 'reports', hash: '/reports', content: '[data-testid=reports-page] .report-card' },
    { name: 'sync', hash: '/sync', content: '[data-testid=sync-summary]' },
    { name: 'conflicts', hash: '/conflicts', content: '[data-testid=conflict-list], #main .state-empty' },
    { name: 'sign_in', hash: '/account', content: '#main form input, [data-testid=account-signed-in]' },
    { name: 'settings', hash: '/settings', content: '[data-testid=settings-language]' },
  ];
  return probes.filter((probe): probe is ScreenProbe => probe !== null);
}

/** A screen that shows no data, visited between two timed screens so each starts from elsewhere. */
const NEUTRAL = { hash: '/marketing', content: '#marketing-title' };
const SCREEN_TIMEOUT_MS = 20_000;

/**
 * Page-side (plain JavaScript text: tsx's helpers do not exist in the page). Moves to `hash` and
 * resolves with ms from that navigation until `content` is in the DOM with text (or is a canvas)
 * and the next frame has started, i.e. the content is about to be painted; null on timeout.
 * `leaving` marks the screen being left: its own empty state must not count as the new screen's.
 */
function timedVisit(hash: string, content: string, leaving: string | null): string {
  return `new Promise((done) => {
    const shown = () => (${JSON.stringify(leaving)} === null || !document.querySelector(${JSON.stringify(leaving)})) && [...document.querySelectorAll(${JSON.stringify(content)})].some(
      (el) => el.tagName === 'CANVAS' || el.tagName === 'INPUT' || (el.textContent ?? '').trim() !== '');
    const start = performance.now();
    let finished = false;
    const finish = (value) => {
      if (finished) return;
      finished = true;
      observer.disconnect();
      clearTimeout(timer);
      if (value === null) done(null);
      else requestAnimationFrame(() => done(performance.now() - start));
    };
    const observer = new MutationObserver(() => { if (shown()) finish(0); });
    const timer = setTimeout(() => finish(null), ${SCREEN_TIMEOUT_MS});
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    window.location.hash = ${JSON.stringify(hash)};
    if (shown() && window.location.hash.slice(1) === ${JSON.stringify(hash)}) finish(0);
  })`;
}

/**
 * Visits every screen twice from a neutral one: the first visit (the screen's code and data loaded
 * for the first time in this page) and a second, warm one. Returns ms per screen; null where the
 * content did not show within 20 s.
 */
export async function timeScreens(
  page: Page,
  probes: ReadonlyArray<ScreenProbe>,
  log: (message: string) => void,
): Promise<{ first: Record<string, number | null>; warm: Record<string, number | null> }> {
  const first: Record<string, number | null> = {};
  const warm: Record<string, number | null> = {};
  for (const round of [first, warm]) {
    for (const probe of probes) {
      await page.evaluate(timedVisit(NEUTRAL.hash, NEUTRAL.content, null));
      const ms = (await page.evaluate(timedVisit(probe.hash, probe.content, NEUTRAL.content))) as number | null;
      round[probe.name] = ms === null ? null : Math.round(ms);
      log(
        `screen ${probe.name} (${round === first ? 'first visit' : 'warm'}): ${ms === null ? 'content did not show' : `${Math.round(ms)} ms`}`,
      );
    }
  }
  return { first, warm };
}
