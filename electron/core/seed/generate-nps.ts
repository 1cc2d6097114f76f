import type { Contact, SurveyResponse } from '../../../shared/schemas';
import type { AccountSeed } from './generate-account';
import type { CaseExperience } from './generate-cases';
import type { SeedWorld } from './generate-org';
import { DAY_MS, type SeedRandom } from './seed-random';

/** Where an account's NPS answers centre before its service history moves them. */
const BASE: Readonly<Record<string, number>> = { active: 8.9, inactive: 7.2, churned: 5.2 };

const COMMENTS: ReadonlyArray<readonly [number, string, string]> = [
  [10, 'Reliable products and a support team that answers.', '产品可靠，支持团队响应及时。'],
  [9, 'Our rep knows our sites and comes when needed.', '销售代表了解我们的现场，需要时随叫随到。'],
  [8, 'Good overall; invoices could be clearer.', '总体不错，发票可以更清晰一些。'],
  [7, 'Fine, but support is slow at month end.', '还可以，但月底时支持较慢。'],
  [5, 'Too many open tickets lately.', '最近未解决的工单太多。'],
  [3, 'Problems take weeks to solve.', '问题要好几周才能解决。'],
  [1, 'We are looking at other suppliers.', '我们正在考虑其他供应商。'],
];

/** Answers given between `from` and `to`, centred `shift` points away from the account's usual. */
export type NpsWindow = { readonly from: number; readonly to: number; readonly shift: number };

/**
 * "How likely are you to recommend us?" from some contacts of customer accounts over the last
 * eighteen months, a few of them twice. Scores follow the account's state and how its cases went:
 * breached targets and low CSAT pull them down, so detractors cluster where service was poor.
 */
export function generateNps(
  world: SeedWorld,
  seed: AccountSeed,
  contacts: ReadonlyArray<Contact>,
  experience: CaseExperience,
  r: SeedRandom,
  window?: NpsWindow,
): SurveyResponse[] {
  const { account, chinese } = seed;
  const base = BASE[account.status];
  if (base === undefined) return [];
  const ref = world.options.referenceDate;
  const breachedShare = experience.cases > 0 ? experience.breached / experience.cases : 0;
  const csatShift = experience.csatCount > 0 ? (experience.csatSum / experience.csatCount - 3.8) * 1.2 : 0;
  const centre = base - 5 * breachedShare + csatShift + (window?.shift ?? 0);
  const out: SurveyResponse[] = [];
  for (const contact of contacts) {
    if (!r.chance(0.3)) continue;
    for (let n = r.chance(0.2) ? 2 : 1; n > 0; n--) {
      // A sum of three uniforms: roughly normal around the centre, spread about ±3.
      const noise = (r.next() + r.next() + r.next() - 1.5) * 3.2;
      const score = Math.min(10, Math.max(0, Math.round(centre + noise)));
      const respondedAt = window
        ? r.between(Math.max(contact.createdAt, window.from), Math.min(window.to, ref - 60_000))
        : r.between(Math.max(contact.createdAt, ref - 540 * DAY_MS), ref - 60_000);
      const fitting = COMMENTS.filter(([s]) => Math.abs(s - score) <= 1);
      const comment = r.chance(0.3) && fitting.length > 0 ? r.pick(fitting) : undefined;
      out.push({
        id: r.uuid(),
        ownerId: account.ownerId,
        teamId: account.teamId,
        createdAt: respondedAt,
        updatedAt: respondedAt,
        survey: 'nps',
        score,
        accountId: account.id,
        contactId: contact.id,
        respondedAt,
        ...(comment ? { comment: chinese ? comment[2] : comment[1] } : {}),
      });
    }
  }
  return out;
}
