/**
 * Marketing dashboard: `measureMarketingDashboardMs` is what `npm run bench:marketing` reports as
 * marketing_dashboard_ms. Run alone (`tsx bench/marketing-dashboard.bench.ts`) it prints ONE JSON line.
 *
 * The database is the demo seed at 20,000 accounts (39 campaigns, about 22,000 members), written
 * with only the collections the dashboard reads (marketing, leads, deals, org), so seeding takes
 * seconds. What is timed: the dashboard's answer right after a campaign's cost changed, when
 * nothing is cached — the shared campaign-figures source's attribution under every model and its
 * figures, then the dashboard's answer. The first answer (reading the tables into memory) is printed
 * on stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openCrmDatabase } from '../electron/core/db/open-crm-database';
import { measureMarketingDashboard } from '../electron/core/marketing/dashboard/marketing-dashboard-handlers';
import { loadOrCreateKeyFile } from '../electron/core/security/database-key';
import { generateDataset } from '../electron/core/seed/generate-dataset';
import { writeDataset } from '../electron/core/seed/write-dataset';
import { progress, round } from './bench-stats';

const READ: ReadonlySet<string> = new Set(['org', 'marketing', 'leads', 'opportunities']);

export async function measureMarketingDashboardMs(accounts = 20_000): Promise<number> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-marketing-dashboard-'));
  try {
    const db = await openCrmDatabase({ directory, databaseKey: loadOrCreateKeyFile(directory) });
    try {
      progress(`dashboard: seeding ${accounts} accounts (marketing, leads, deals)`);
      const batches = [...generateDataset({ accounts, seed: 42, referenceDate: Date.UTC(2026, 11, 1) })].filter((b) =>
        READ.has(b.collection),
      );
      await writeDataset(db, batches);
      const result = await measureMarketingDashboard(db);
      progress(
        `dashboard: first answer ${round(result.firstMs)} ms (tables read into memory), ${result.campaigns} campaigns in the default period`,
      );
      return result.medianMs;
    } finally {
      await db.close();
    }
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(JSON.stringify({ marketing_dashboard_ms: round(await measureMarketingDashboardMs()) }));
}
