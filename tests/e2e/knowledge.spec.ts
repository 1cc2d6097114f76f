import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { ArticleValues } from '../../shared/contract/service/knowledge-requests';
import { expect, openApp, test } from './fixtures';
import { shotPath } from './shots';
import { coreRequest } from './sync-fixtures';

/**
 * The knowledge base on a fresh host. It is not signed in, so its user is the device's only user
 * and may write articles as a manager does; articles are created through the core first.
 */
const HOSTILE = [
  '# Clearing a paper jam',
  'Open the **rear tray** and pull the paper out slowly.',
  '<script>window.__kbScript = true</script>',
  '<img src="https://tracker.example.com/pixel.gif" onerror="window.__kbImg = true">',
  '[Run the fix](javascript:window.__kbLink=true) · [data link](data:text/html;base64,PHNjcmlwdD4=)',
  '![Tray diagram](https://cdn.example.com/tray.png)',
  'See [the manual](https://example.com/manual).',
].join('\n\n');

const ARTICLES: ReadonlyArray<ArticleValues> = [
  {
    title: 'Printer paper jam on the XR-200',
    summary: 'Clearing a jam without tools',
    body: HOSTILE,
    category: 'Hardware',
    tags: ['printer', 'jam'],
    language: 'en',
    status: 'published',
  },
  {
    title: '打印机卡纸怎么办',
    body: '打开后盖，慢慢取出**卡住的纸张**。打印机会自动恢复打印。',
    category: '硬件',
    tags: ['打印机'],
    language: 'zh-CN',
    status: 'published',
  },
  { title: 'Gateway firmware 5 (draft)', body: 'Not released yet.', category: 'Software', language: 'en', status: 'draft' },
];

async function checkScreen(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  const overflow = await page.evaluate<number>(
    "(() => { const b = document.querySelector('.page-body'); return b ? b.scrollWidth - b.clientWidth : 0; })()",
  );
  expect(overflow).toBeLessThanOrEqual(1);
}

test('knowledge base: search in Chinese and by English prefix, safe Markdown, edit with preview, global search', async ({
  page,
  app,
}, testInfo) => {
  test.setTimeout(120_000);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.setViewportSize({ width: 1366, height: 768 });
  await openApp(page, app);
  const ids: string[] = [];
  for (const values of ARTICLES) {
    const saved = await coreRequest(page, 'knowledge.save', { values });
    if (!saved.ok) throw new Error(saved.error.message);
    ids.push(saved.value.id);
  }
  const origin = new URL(page.url()).origin;

  await page.goto(`${origin}/#/service/knowledge`);
  await expect(page.getByTestId('list-count')).toHaveText('3 articles');
  await checkScreen(page);
  await page.screenshot({ path: shotPath(testInfo, 'knowledge-list.png') });

  // A Chinese word finds the Chinese article, the match marked in the text as written.
  const search = page.getByTestId('kb-search');
  await search.fill('卡纸');
  const results = page.getByTestId('kb-results');
  await expect(results.getByTestId('kb-hit')).toHaveCount(1);
  await expect(results.getByTestId('kb-hit')).toHaveText('打印机卡纸怎么办');
  await expect(results.locator('mark').first()).toHaveText('卡纸');

  // An English prefix finds the English one; the snippet shows prose, not Markdown or addresses.
  await search.fill('jam tra');
  await expect(results.getByTestId('kb-hit')).toHaveText('Printer paper jam on the XR-200');
  await expect(results.locator('.kb-hit-snippet mark', { hasText: 'tray' }).first()).toBeVisible();
  await checkScreen(page);
  await page.screenshot({ path: shotPath(testInfo, 'knowledge-search.png') });

  // The article renders none of its script, javascript:/data: links or remote images.
  await results.getByTestId('kb-hit').click();
  const body = page.getByTestId('kb-article-body');
  await expect(body.getByRole('heading', { name: 'Clearing a paper jam' })).toBeVisible();
  await expect(body.locator('script, img, a, iframe, [onerror], [href], [src]')).toHaveCount(0);
  await expect(body).toContainText('Run the fix');
  await expect(body).toContainText('[Tray diagram]');
  expect(await page.evaluate<string[]>("Object.keys(window).filter((key) => key.startsWith('__kb'))")).toEqual([]);
  expect(requests.filter((url) => !url.startsWith(origin) && !url.startsWith('ws:'))).toEqual([]);
  await expect(page.getByTestId('kb-version')).toHaveText('Version 1');
  await checkScreen(page);
  await page.screenshot({ path: shotPath(testInfo, 'knowledge-article.png') });

  // Edit with a live preview; the saved edit raises the version.
  await page.getByTestId('kb-edit').click();
  await page.getByTestId('kb-edit-body').fill('# Clearing a paper jam\n\nOpen the **rear tray** first.\n\n[bad](javascript:alert(1))');
  await expect(page.getByTestId('kb-preview').locator('strong')).toHaveText('rear tray');
  await expect(page.getByTestId('kb-preview').locator('a')).toHaveCount(0);
  await checkScreen(page);
  await page.screenshot({ path: shotPath(testInfo, 'knowledge-editor.png') });
  await page.getByTestId('kb-save').click();
  await expect(page.getByTestId('kb-version')).toHaveText('Version 2');

  // Drafts are the managers'; publishing one raises its version and puts it in global search.
  await page.goto(`${origin}/#/service/knowledge/${ids[2]}`);
  await expect(page.getByTestId('kb-status')).toHaveText('Draft');
  await page.getByTestId('kb-publish').click();
  await expect(page.getByTestId('kb-status')).toHaveText('Published');
  await expect(page.getByTestId('kb-version')).toHaveText('Version 2');

  const global = page.getByTestId('global-search');
  await global.fill('gatew');
  await expect(page.getByRole('option', { name: /Article.*Gateway firmware 5/ })).toBeVisible();
  await global.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/service/knowledge/${ids[2]}$`));

  // Chinese screens.
  await page.getByTestId('language-switch').selectOption('zh-CN');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.goto(`${origin}/#/service/knowledge/${ids[1]}`);
  await expect(page.getByTestId('kb-version')).toHaveText('第 1 版');
  await checkScreen(page);
  await page.screenshot({ path: shotPath(testInfo, 'knowledge-article-zh.png') });
  await page.goto(`${origin}/#/service/knowledge`);
  await expect(page.getByTestId('list-count')).toHaveText('3 篇文章');
  await page.getByTestId('kb-search').fill('打印');
  await expect(page.getByTestId('kb-results').getByTestId('kb-hit')).toHaveCount(1);
  await checkScreen(page);
  await page.screenshot({ path: shotPath(testInfo, 'knowledge-search-zh.png') });
});
