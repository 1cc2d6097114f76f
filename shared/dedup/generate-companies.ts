import type { DedupRecord } from './duplicate-index';
import {
  BRAND_SYLLABLES,
  CN_BRAND_CHARS,
  CN_HOMOPHONES,
  CN_INDUSTRIES,
  CN_PLACES,
  DESCRIPTORS,
  LATIN_PLACES,
  phoneFormat,
  pick,
  placePhone,
  type GeneratedPlace,
  type Rand,
} from './generate-vocabulary';

/**
 * Generated companies for generate-duplicates.ts: a company, its account record, the same company
 * entered again with another spelling, and a look-alike company elsewhere that is not a duplicate.
 */

/** A company as the generator knows it; contacts refer to one. */
export type Company = {
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

export type Draft = Omit<DedupRecord, 'id'> & { readonly cluster: number };

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function maybe<T>(rand: Rand, probability: number, value: T): T | undefined {
  return rand() < probability ? value : undefined;
}

/** One keyboard slip in a word of five or more letters: a letter dropped, doubled, swapped or replaced. */
export function typo(rand: Rand, word: string): string {
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

export function fullWidth(text: string): string {
  return text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');
}

export function countryOf(rand: Rand, place: GeneratedPlace): string {
  return rand() < 0.7 ? place.country : place.iso;
}

function websiteVariant(rand: Rand, domain: string): string {
  return pick(rand, [`https://www.${domain}`, `http://${domain}/`, `www.${domain}`, `https://${domain}/contact`, domain.toUpperCase()]);
}

/** Draws before newCompany gives up: the vocabularies hold somewhat over 140,000 distinct companies. */
const MAX_NAME_DRAWS = 100_000;

export function newCompany(rand: Rand, id: string, usedNames: Set<string>): Company {
  for (let draw = 0; ; draw++) {
    if (draw >= MAX_NAME_DRAWS) throw new Error(`no distinct company name left after ${usedNames.size} names; generate fewer records`);
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

export function accountDraft(rand: Rand, company: Company, cluster: number): Draft {
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
export function accountDuplicate(rand: Rand, company: Company, base: Draft): Draft {
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
export function accountLookAlike(rand: Rand, company: Company, id: string, cluster: number): Draft {
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
