import { seededRandom } from '../analytics/stats';
import type { DedupEntity, DedupRecord } from './duplicate-index';
import {
  accountDraft,
  accountDuplicate,
  accountLookAlike,
  capitalise,
  countryOf,
  maybe,
  newCompany,
  typo,
  type Company,
  type Draft,
} from './generate-companies';
import {
  CN_GIVEN_NAMES,
  CN_SURNAMES,
  FIRST_NAMES,
  FREE_MAIL,
  LAST_NAMES,
  phoneFormat,
  pick,
  placePhone,
  type Rand,
} from './generate-vocabulary';

/**
 * Seeded test data for duplicate detection: base records (accounts or contacts), some of them
 * entered again with the variations people produce (typos, another legal form, swapped name order,
 * another phone format, e-mail case, a Chinese place prefix dropped, fields left empty), and hard
 * negatives that are NOT duplicates (a similarly named company in another city, a namesake at another
 * company, colleagues sharing a switchboard). The truth is the list of pairs entered for the same
 * company or person.
 */

export type GenerateDuplicatesOptions = {
  readonly entity: DedupEntity;
  /** Base (distinct) records, before duplicates and hard negatives. */
  readonly records: number;
  readonly seed: number;
  /** Share of base records entered again one or two more times (default 0.25). */
  readonly duplicateShare?: number;
  /** Share of base records given a look-alike that is a different company or person (default 0.1). */
  readonly hardNegativeShare?: number;
};

export type GeneratedDuplicates = {
  readonly entity: DedupEntity;
  /** All records, shuffled, with ids that do not reveal which belong together. */
  readonly records: readonly DedupRecord[];
  /** Pairs of ids entered for the same company or person, each as [smaller id, larger id]. */
  readonly truePairs: readonly (readonly [string, string])[];
  readonly baseRecords: number;
  readonly duplicatedBases: number;
  readonly hardNegatives: number;
};

type Person = {
  readonly script: 'latin' | 'han' | 'pinyin';
  readonly given: string;
  readonly family: string;
  /** Latin letters of the name for the e-mail address (pinyin for Chinese names). */
  readonly givenAscii: string;
  readonly familyAscii: string;
};

function ascii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/ø/g, 'o')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();
}

function newPerson(rand: Rand): Person {
  if (rand() < 0.3) {
    const [family, familyPinyin] = pick(rand, CN_SURNAMES);
    const [given, givenPinyin] = pick(rand, CN_GIVEN_NAMES);
    const pinyin = rand() < 0.35;
    return {
      script: pinyin ? 'pinyin' : 'han',
      given: pinyin ? givenPinyin : given,
      family: pinyin ? familyPinyin : family,
      givenAscii: givenPinyin.toLowerCase(),
      familyAscii: familyPinyin.toLowerCase(),
    };
  }
  const given = pick(rand, FIRST_NAMES);
  const family = pick(rand, LAST_NAMES);
  return { script: 'latin', given, family, givenAscii: ascii(given), familyAscii: ascii(family) };
}

/** The name as typed into "first name" and "last name", or (Chinese) family name first in one field. */
function personName(rand: Rand, person: Person): string {
  if (person.script === 'han') return rand() < 0.6 ? `${person.given} ${person.family}` : `${person.family}${person.given}`;
  return `${person.given} ${person.family}`;
}

function workEmail(rand: Rand, person: Person, company: Company): string {
  const local = rand() < 0.7 ? `${person.givenAscii}.${person.familyAscii}` : `${person.givenAscii.charAt(0)}${person.familyAscii}`;
  return `${local}@${company.domain}`;
}

function contactDraft(rand: Rand, person: Person, company: Company, cluster: number): Draft {
  const mail = rand();
  const email =
    mail < 0.75
      ? workEmail(rand, person, company)
      : mail < 0.88
        ? `${person.givenAscii}${person.familyAscii}${Math.floor(rand() * 1000)}@${pick(rand, FREE_MAIL)}`
        : undefined;
  const line = rand();
  const phone = line < 0.6 ? placePhone(rand, company.place) : line < 0.75 ? company.phone : undefined;
  return {
    cluster,
    name: personName(rand, person),
    email,
    phone: phone === undefined ? undefined : phoneFormat(rand, phone, 'international'),
    accountId: maybe(rand, 0.95, company.id),
    city: maybe(rand, 0.5, company.place.city),
    country: maybe(rand, 0.9, countryOf(rand, company.place)),
  };
}

/** The person entered again: name order, case, a typo, accents or a title; fields reformatted or left out. */
function contactDuplicate(rand: Rand, person: Person, company: Company, base: Draft): Draft {
  let name: string;
  if (person.script === 'han') {
    name = pick(rand, [
      `${person.family}${person.given}`,
      `${person.given} ${person.family}`,
      `${person.family} ${person.given}`,
      `${person.family}${person.given}先生`,
    ]);
  } else {
    const variant = Math.floor(rand() * 8);
    const given = variant === 2 ? typo(rand, person.given) : variant === 6 ? ascii(person.given) : person.given;
    const family = variant === 3 ? typo(rand, person.family) : variant === 6 ? capitalise(ascii(person.family)) : person.family;
    name = [
      `${family}, ${given}`,
      `${family} ${given}`,
      `${given} ${family}`,
      `${given} ${family}`,
      `${given} ${family.toUpperCase()}`,
      `Dr. ${given} ${family}`,
      `${given} ${family}`,
      `${given} ${pick(rand, [...'ABCDEFGHJKLMNPRSTW'])}. ${family}`,
    ][variant] as string;
  }
  const email =
    base.email === undefined
      ? undefined
      : rand() < 0.6
        ? pick(rand, [base.email, base.email.toUpperCase(), ` ${base.email} `, capitalise(base.email)])
        : undefined;
  const basePhone = base.phone;
  return {
    cluster: base.cluster,
    name,
    email,
    phone: basePhone !== undefined && rand() < 0.5 ? phoneFormat(rand, basePhone.replace(/[^\d+]/g, ''), 'any') : undefined,
    accountId: maybe(rand, 0.85, company.id),
    city: maybe(rand, 0.4, company.place.city),
    country: maybe(rand, 0.8, countryOf(rand, company.place)),
  };
}

function shuffle<T>(rand: Rand, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Seeded records with duplicates, hard negatives and the list of true duplicate pairs. */
export function generateDuplicates(options: GenerateDuplicatesOptions): GeneratedDuplicates {
  const { entity, records, seed } = options;
  const duplicateShare = options.duplicateShare ?? 0.25;
  const hardNegativeShare = options.hardNegativeShare ?? 0.1;
  if (entity !== 'account' && entity !== 'contact') throw new Error(`unknown duplicate entity: ${String(entity)}`);
  if (!Number.isInteger(records) || records < 1) throw new Error(`records must be a whole number ≥ 1, got ${records}`);
  if (!(duplicateShare >= 0 && duplicateShare <= 1)) throw new Error(`duplicateShare must be between 0 and 1, got ${duplicateShare}`);
  if (!(hardNegativeShare >= 0 && hardNegativeShare <= 1))
    throw new Error(`hardNegativeShare must be between 0 and 1, got ${hardNegativeShare}`);
  const rand = seededRandom(seed);
  const usedNames = new Set<string>();
  const drafts: Draft[] = [];
  let clusters = 0;
  let duplicatedBases = 0;
  let hardNegatives = 0;
  const copies = (): number => (rand() < duplicateShare ? (rand() < 0.8 ? 1 : 2) : 0);

  if (entity === 'account') {
    for (let i = 0; i < records; i++) {
      const company = newCompany(rand, `company-${i}`, usedNames);
      const base = accountDraft(rand, company, clusters++);
      drafts.push(base);
      const count = copies();
      if (count > 0) duplicatedBases++;
      for (let c = 0; c < count; c++) drafts.push(accountDuplicate(rand, company, base));
      if (rand() < hardNegativeShare) {
        drafts.push(accountLookAlike(rand, company, `company-${i}-twin`, clusters++));
        hardNegatives++;
      }
    }
  } else {
    const companies = Array.from({ length: Math.max(5, Math.round(records / 4)) }, (_, i) => newCompany(rand, `company-${i}`, usedNames));
    // Two different people with the same name at the same company are rare enough to leave out: no
    // matcher can tell them apart without more than a name.
    const namesAtCompany = new Set<string>();
    let redraws = 0;
    const place = (person: Person, company: Company): boolean => {
      const key = `${company.id}|${person.givenAscii}|${person.familyAscii}`;
      if (namesAtCompany.has(key)) return false;
      namesAtCompany.add(key);
      return true;
    };
    for (let i = 0; i < records; i++) {
      const person = newPerson(rand);
      const company = pick(rand, companies);
      if (!place(person, company)) {
        // This person's name is taken at that company: draw again, within reason.
        if (++redraws > records * 10) throw new Error('too few distinct names for this many contacts per company');
        i--;
        continue;
      }
      const base = contactDraft(rand, person, company, clusters++);
      drafts.push(base);
      const count = copies();
      if (count > 0) duplicatedBases++;
      for (let c = 0; c < count; c++) drafts.push(contactDuplicate(rand, person, company, base));
      if (rand() < hardNegativeShare) {
        // A namesake at another company: same name, their own address and number.
        const other = pick(rand, companies);
        if (other.id !== company.id && place(person, other)) {
          drafts.push(contactDraft(rand, person, other, clusters++));
          hardNegatives++;
        }
      }
    }
  }

  shuffle(rand, drafts);
  const prefix = entity === 'account' ? 'a' : 'c';
  const width = String(drafts.length).length;
  const members = new Map<number, string[]>();
  const out: DedupRecord[] = drafts.map((draft, index) => {
    const id = `${prefix}${String(index).padStart(width, '0')}`;
    const list = members.get(draft.cluster);
    if (list === undefined) members.set(draft.cluster, [id]);
    else list.push(id);
    const { cluster: _cluster, ...fields } = draft;
    const record: Record<string, string> = { id };
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) record[key] = value;
    return record as DedupRecord;
  });
  const truePairs: (readonly [string, string])[] = [];
  for (const ids of members.values()) {
    for (let i = 0; i < ids.length; i++) {
      for (let j = i + 1; j < ids.length; j++) {
        const a = ids[i] as string;
        const b = ids[j] as string;
        truePairs.push(a < b ? [a, b] : [b, a]);
      }
    }
  }
  return { entity, records: out, truePairs, baseRecords: records, duplicatedBases, hardNegatives };
}
