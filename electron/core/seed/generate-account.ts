import type { Account, Contact, Opportunity, User } from '../../../shared/schemas';
import type { SeedWorld } from './generate-org';
import { HISTORY_MONTHS } from './generate-org';
import { isLocalAccount } from './local-user';
import { DAY_MS, SeedRandom } from './seed-random';
import { INDUSTRIES, PLACES, priceIn, TITLES, ZH_GIVEN, ZH_SURNAMES, ZH_TITLES, type Place } from './seed-tables';

/** What the per-account generators share about one account. */
export type AccountSeed = {
  readonly account: Account;
  readonly owner: User;
  readonly place: Place;
  readonly chinese: boolean;
};

/**
 * A generator of one account's surroundings (agenda, service history): called once per account
 * with its contacts and deals, reseeding `r` from `index` so the output does not depend on batching.
 */
export type AccountGenerator<T> = (
  world: SeedWorld,
  seed: AccountSeed,
  contacts: ReadonlyArray<Contact>,
  opps: ReadonlyArray<Opportunity>,
  r: SeedRandom,
  index: number,
) => T;

const REGION_WEIGHTS = [
  ['north_america', 35],
  ['emea', 30],
  ['greater_china', 15],
  ['apac', 12],
  ['latin_america', 8],
] as const;
const TIER_SIZE = { strategic: [5000, 200_000], key: [1000, 5000], standard: [100, 1000], small: [5, 100] } as const;
const TLDS = ['com', 'co', 'io', 'net', 'biz'] as const;

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '')
      .slice(0, 24) || 'company'
  );
}

/** Account #index of the dataset; depends only on (seed, index) and the world's reps. */
export function generateAccount(world: SeedWorld, r: SeedRandom, index: number): AccountSeed {
  r.reseed('account', index);
  const ref = world.options.referenceDate;
  const region = r.weighted(REGION_WEIGHTS);
  const chinese = region === 'greater_china';
  const place = r.pick(PLACES[region]);
  // Drawn for every account, so the local user's share leaves every other account as it was.
  const drawnOwner = r.pick(world.repsByRegion[region]);
  const local = isLocalAccount(index);
  const owner = local ? world.localUser : drawnOwner;
  const tier = r.weighted([
    ['strategic', 5],
    ['key', 15],
    ['standard', 50],
    ['small', 30],
  ] as const);
  const drawnStatus = r.weighted([
    ['active', 55],
    ['prospect', 25],
    ['inactive', 12],
    ['churned', 8],
  ] as const);
  // The local user's accounts are customers with open deals, so their agenda has something to be about.
  const status = local ? 'active' : drawnStatus;
  const industry = r.pick(INDUSTRIES);
  const name = chinese ? r.zh.company.name() : r.en.company.name();
  const domain = `${chinese ? r.en.internet.domainWord() : slug(name)}.${chinese ? 'cn' : r.pick(TLDS)}`;
  const [minEmp, maxEmp] = TIER_SIZE[tier];
  const employees = r.int(minEmp, maxEmp);
  // Accounts predate the deal history; some were added during it.
  const createdAt = r.between(ref - (HISTORY_MONTHS + 24) * 30 * DAY_MS, ref - 60 * DAY_MS);
  const street = chinese ? `${r.zh.location.street()}${r.int(1, 999)}号` : r.en.location.streetAddress();
  const account: Account = {
    id: r.uuid(),
    ownerId: owner.id,
    teamId: owner.teamId,
    createdAt,
    updatedAt: r.between(createdAt, ref),
    name,
    status,
    tier,
    region,
    industry,
    domain,
    website: `https://www.${domain}`,
    phone: `${place.phone} ${r.digits(3)} ${r.digits(4)}`,
    email: `info@${domain}`,
    street,
    city: place.city,
    postalCode: place.postal(() => r.next()),
    ...(place.state === undefined ? {} : { state: place.state }),
    country: place.country,
    // $80k–$400k revenue per employee, converted to the account's currency.
    annualRevenue: priceIn(place.currency, employees * r.int(80, 400) * 100_000),
    employees,
    currency: place.currency,
    ...(r.chance(0.3) ? { notes: chinese ? `重点客户，${r.zh.lorem.sentence()}` : r.en.lorem.sentence() } : {}),
    ...(r.chance(0.2) ? { tags: [r.pick(['reference', 'renewal-risk', 'upsell', 'partner'] as const)] } : {}),
  };
  return { account, owner, place, chinese };
}

/** 2–4 contacts; the first is the primary. Chinese accounts get 张伟-style names, sometimes in pinyin. */
export function generateContacts(seed: AccountSeed, r: SeedRandom): Contact[] {
  const { account, place } = seed;
  const ref = Math.max(account.createdAt, account.updatedAt);
  const count = r.int(2, 4);
  const contacts: Contact[] = [];
  for (let i = 0; i < count; i++) {
    let firstName: string;
    let lastName: string;
    let latin: string;
    const zhName = seed.chinese || r.chance(0.05);
    if (zhName) {
      const [surname, surnamePinyin] = r.pick(ZH_SURNAMES);
      const [given, givenPinyin] = r.pick(ZH_GIVEN);
      const pinyin = !seed.chinese || r.chance(0.2);
      firstName = pinyin ? givenPinyin : given;
      lastName = pinyin ? surnamePinyin : surname;
      latin = `${givenPinyin}.${surnamePinyin}`.toLowerCase();
    } else {
      firstName = r.en.person.firstName();
      lastName = r.en.person.lastName();
      latin = `${slug(firstName)}.${slug(lastName)}`;
    }
    const createdAt = r.between(account.createdAt, ref);
    contacts.push({
      id: r.uuid(),
      ownerId: account.ownerId,
      teamId: account.teamId,
      createdAt,
      updatedAt: r.between(createdAt, ref),
      accountId: account.id,
      firstName,
      lastName,
      title: seed.chinese && r.chance(0.7) ? r.pick(ZH_TITLES) : r.pick(TITLES),
      email: `${latin}${i > 0 && r.chance(0.1) ? i : ''}@${account.domain ?? 'example.com'}`,
      phone: `${place.phone} ${r.digits(3)} ${r.digits(4)}`,
      ...(r.chance(0.7) ? { mobile: `${place.phone.split(' ')[0] ?? '+1'} ${r.digits(3)} ${r.digits(3)} ${r.digits(4)}` } : {}),
      city: place.city,
      country: place.country,
      preferredLanguage: seed.chinese ? 'zh-CN' : 'en',
      isPrimary: i === 0,
      doNotContact: r.chance(0.03),
      ...(r.chance(0.2) ? { notes: seed.chinese ? '喜欢电话沟通' : r.en.lorem.sentence() } : {}),
    });
  }
  return contacts;
}
