import { seededRandom } from '../analytics/stats';
import type { DedupEntity, DedupRecord } from './duplicate-index';
import {
  BRAND_SYLLABLES,
  CN_BRAND_CHARS,
  CN_GIVEN_NAMES,
  CN_HOMOPHONES,
  CN_INDUSTRIES,
  CN_PLACES,
  CN_SURNAMES,
  DESCRIPTORS,
  FIRST_NAMES,
  FREE_MAIL,
  LAST_NAMES,
  LATIN_PLACES,
  phoneFormat,
  pick,
  placePhone,
  type GeneratedPlace,
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

/** A company as the generator knows it; contacts refer to one. */
type Company = {
  readonly id: string;
  readonly place: GeneratedPlace;
  readonly cjk: boolean;
  /** Name parts: brand, descriptor or industry, legal form, and for Chinese names a place prefix. */
  readonly brand: string;
  readonly descriptor: string;
  readonly legalForm: string;
  readonly domain: string;
  readonly phone: string;
};

type Draft = Omit<DedupRecord, 'id'> & { readonly cluster: number };

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function maybe<T>(rand: Rand, probability: number, value: T): T | undefined {
  return rand() < probability ? value : undefined;
}

/** One keyboard slip in a word of five or more letters: a letter dropped, doubled, swapped or replaced. */
function typo(rand: Rand, word: string): string {
  if (word.length < 5) return word;
  const at = 1 + Math.floor(rand() * (word.length - 2));
  switch (Math.floor(rand() * 4)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + word.charAt(at) + word.slice(at);
    case 2:
      return word.slice(0, at - 1) + word.charAt(at) + word.charAt(at - 1) + word.slice(at + 1);
    default:
      return word.slice(0, at) + pick(rand, [...'aeioulnrst']) + word.slice(at + 1);
  }
}

function fullWidth(text: string): string {
  return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
}

function countryOf(rand: Rand, place: GeneratedPlace): string {
  return rand() < 0.7 ? place.country : place.iso;
}

function websiteVariant(rand: Rand, domain: string): string {
  return pick(rand, [`https://www.${domain}`, `http://${domain}/`, `www.${domain}`, `https://${domain}/contact`, domain.toUpperCase()]);
}

function newCompany(rand: Rand, id: string, usedNames: Set<string>): Company {
  for (;;) {
    const cjk = rand() < 0.25;
    const place = cjk ? pick(rand, CN_PLACES) : pick(rand, LATIN_PLACES);
    if (cjk) {
      const [a, aPinyin] = pick(rand, CN_BRAND_CHARS);
      const [b, bPinyin] = pick(rand, CN_BRAND_CHARS);
      const [industry, industryWord] = pick(rand, CN_INDUSTRIES);
      const brand = a + b;
      if (a === b || usedNames.has(brand + industry)) continue;
      usedNames.add(brand + industry);
      const domain = `${aPinyin}${bPinyin}${rand() < 0.5 ? industryWord : ''}${Math.floor(rand() * 90) + 10}.com.cn`;
      return {
        id,
        place,
        cjk,
        brand,
        descriptor: industry,
        legalForm: pick(rand, place.legalForms),
        domain,
        phone: placePhone(rand, place),
      };
    }
    const syllables = 2 + (rand() < 0.6 ? 1 : 0);
    const brand = capitalise(Array.from({ length: syllables }, () => pick(rand, BRAND_SYLLABLES)).join(''));
    const descriptor = rand() < 0.6 ? pick(rand, DESCRIPTORS) : '';
    const key = `${brand} ${descriptor}`;
    if (brand.length < 5 || usedNames.has(key) || usedNames.has(brand)) continue;
    usedNames.add(key).add(brand);
    const tld = place.iso === 'US' ? 'com' : pick(rand, ['com', place.iso === 'GB' ? 'co.uk' : place.iso.toLowerCase()]);
    const domain = `${brand.toLowerCase()}${descriptor && rand() < 0.5 ? `-${descriptor.toLowerCase()}` : ''}.${tld}`;
    return { id, place, cjk, brand, descriptor, legalForm: pick(rand, place.legalForms), domain, phone: placePhone(rand, place) };
  }
}

function companyName(company: Company, withPlacePrefix: boolean): string {
  if (company.cjk) return `${withPlacePrefix ? company.place.city : ''}${company.brand}${company.descriptor}${company.legalForm}`;
  return [company.brand, company.descriptor, company.legalForm].filter((part) => part.length > 0).join(' ');
}

function accountDraft(rand: Rand, company: Company, cluster: number): Draft {
  return {
    cluster,
    name: companyName(company, rand() < 0.7),
    phone: maybe(rand, 0.9, phoneFormat(rand, company.phone, 'international')),
    website: maybe(rand, 0.85, `https://www.${company.domain}`),
    email: maybe(rand, 0.4, `info@${company.domain}`),
    city: maybe(rand, 0.95, company.place.city),
    country: countryOf(rand, company.place),
  };
}

/** The company entered again by someone else: another spelling of the name, fewer or reformatted fields. */
function accountDuplicate(rand: Rand, company: Company, base: Draft): Draft {
  let name: string;
  if (company.cjk) {
    const variant = Math.floor(rand() * 5);
    const brand = variant === 4 ? [...company.brand].map((c, i) => (i === 1 ? (CN_HOMOPHONES[c] ?? c) : c)).join('') : company.brand;
    const prefix = variant === 0 ? company.place.city : '';
    const legal = variant === 1 ? '' : variant === 2 ? pick(rand, company.place.legalForms) : company.legalForm;
    name =
      variant === 3
        ? `${brand}${company.descriptor}(${company.place.city})${company.legalForm}`
        : `${prefix}${brand}${company.descriptor}${legal}`;
  } else {
    const parts = { brand: company.brand, descriptor: company.descriptor, legal: company.legalForm };
    const variant = Math.floor(rand() * 7);
    if (variant === 0) parts.legal = pick(rand, ['', ...company.place.legalForms]);
    if (variant === 1) parts.brand = typo(rand, parts.brand);
    if (variant === 2 && parts.descriptor) parts.descriptor = typo(rand, parts.descriptor);
    name = [parts.brand, parts.descriptor, parts.legal].filter((part) => part.length > 0).join(' ');
    if (variant === 3) name = name.toUpperCase();
    if (variant === 4) name = fullWidth(name);
    if (variant === 5) name = name.replace(/ (?=[^ ]+$)/, ', ');
    if (variant === 6) name = `The ${name.toLowerCase()}`;
  }
  return {
    cluster: base.cluster,
    name,
    phone: maybe(rand, 0.6, phoneFormat(rand, company.phone, 'any')),
    website: maybe(rand, 0.5, websiteVariant(rand, company.domain)),
    email: maybe(rand, 0.25, rand() < 0.5 ? `Info@${company.domain.toUpperCase()}` : `sales@${company.domain}`),
    city: maybe(rand, 0.8, rand() < 0.5 ? company.place.city : pick(rand, company.place.cityVariants)),
    country: countryOf(rand, company.place),
  };
}

/** A different company with a look-alike name in another city: the classic false match. */
function accountLookAlike(rand: Rand, company: Company, id: string, cluster: number): Draft {
  const pool = company.cjk ? CN_PLACES : LATIN_PLACES;
  let place = pick(rand, pool);
  while (place.city === company.place.city) place = pick(rand, pool);
  const brand = company.cjk || rand() < 0.5 ? company.brand : typo(rand, company.brand);
  const descriptor = company.cjk
    ? rand() < 0.5
      ? company.descriptor
      : pick(rand, CN_INDUSTRIES)[0]
    : rand() < 0.5
      ? company.descriptor
      : pick(rand, DESCRIPTORS);
  const domain = company.cjk
    ? `${brand.length}${Math.floor(rand() * 1e6)}.cn`
    : `${brand.toLowerCase()}-${place.iso.toLowerCase()}${Math.floor(rand() * 100)}.com`;
  const twin: Company = {
    ...company,
    id,
    place,
    brand,
    descriptor,
    legalForm: pick(rand, place.legalForms),
    domain,
    phone: placePhone(rand, place),
  };
  return accountDraft(rand, twin, cluster);
}

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
