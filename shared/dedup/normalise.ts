import { getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import {
  CITY_ALIASES,
  CJK_LEGAL_PREFIXES,
  CJK_LEGAL_SUFFIXES,
  CJK_PERSON_TITLES,
  CN_COMPOUND_SURNAMES,
  CN_PLACE_PREFIXES,
  EXTRA_COUNTRY_NAMES,
  FREE_MAIL_DOMAINS,
  GENERIC_SECOND_LEVEL,
  LEADING_LEGAL_WORDS,
  LEGAL_CONNECTORS,
  LEGAL_FORM_WORDS,
  PERSON_TITLES,
} from './normalise-vocabulary';

/**
 * Normalisation for duplicate matching: every field is reduced to the form in which two spellings of
 * the same thing compare equal ("ACME, Inc." and "Acme Incorporated" → "acme"; "415.555.0100" in
 * the US and "+1 (415) 555-0100" → "+14155550100"). Pure functions, no runtime-specific APIs.
 */

/** A name reduced for matching. `key` is the canonical form: equal keys mean "same name". */
export type NormalisedName = {
  /** Tokens in canonical (sorted) order joined by one space; CJK names without spaces. */
  readonly key: string;
  /** Latin names: words; CJK names: the single characters of the name (family name split off). */
  readonly tokens: readonly string[];
  /** True when the name is written in Han, Kana or Hangul: similarity then works on characters. */
  readonly cjk: boolean;
};

// The Katakana long-vowel mark (ー) and the iteration mark (々) belong to no script but to CJK words.
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3005]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc\u3005]+/gu;

/**
 * Case, width and accents folded: NFKC turns full-width "ＡＣＭＥ" into "ACME", the NFD pass drops
 * combining marks ("Müller" → "muller", "São" → "sao"), and NFC puts Hangul syllables back together.
 */
export function foldText(text: string): string {
  // Printable ASCII has no width, accents or compatibility forms to fold.
  if (/^[\x20-\x7e]*$/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{Mn}+/gu, '')
    .normalize('NFC')
    .replace(/ß/g, 'ss')
    .replace(/[øœæ]/g, (c) => ({ ø: 'o', œ: 'oe', æ: 'ae' })[c] ?? c)
    .replace(/ł/g, 'l')
    .replace(/đ/g, 'd');
}

/**
 * Words: dotted abbreviations are joined first ("S.A." → "sa", "S.p.A." → "spa", "A/S" → "as"),
 * "&" reads as "and", then every other run of punctuation separates words. CJK runs are kept whole.
 */
function words(folded: string): string[] {
  let text = folded;
  if (text.includes('.') || text.includes('/')) text = text.replace(DOTTED_ABBREVIATION, (m) => ` ${m.replace(/[./]/g, '')} `);
  if (text.includes('&')) text = text.replace(/&/g, ' and ');
  return text.split(NOT_A_WORD).filter((word) => word.length > 0);
}

const DOTTED_ABBREVIATION = /(?<![\p{L}\p{N}])(?:\p{L}[./]){1,4}\p{L}?\.?(?![\p{L}\p{N}])/gu;
const NOT_A_WORD = /[^\p{L}\p{N}]+/u;

const CN_PLACE_IN_BRACKETS = /[(（]([^()（）]{1,6})[)）]/gu;

function stripCjkCompany(run: string): string {
  let text = run;
  for (let changed = true; changed;) {
    changed = false;
    for (const suffix of CJK_LEGAL_SUFFIXES) {
      if (text.length > suffix.length && text.endsWith(suffix)) {
        text = text.slice(0, -suffix.length);
        changed = true;
        break;
      }
    }
  }
  for (const prefix of CJK_LEGAL_PREFIXES) {
    if (text.length > prefix.length && text.startsWith(prefix)) text = text.slice(prefix.length);
  }
  for (const place of CN_PLACE_PREFIXES) {
    // Keep at least three characters: "北京银行" (Bank of Beijing) without 北京 would be 银行, any bank.
    if (text.length >= place.length + 3 && text.startsWith(place)) {
      text = text.slice(place.length);
      break;
    }
  }
  return text;
}

/**
 * A company name without case, width, accents, punctuation, legal form or a leading Chinese place:
 * "Acme Inc.", "ACME, Inc" and "Acme Incorporated" all become "acme"; "北京华为技术有限公司" becomes
 * "华为技术". Word order is kept ("Bank of China" is not "China of Bank"), so the key is the words
 * as written.
 */
export function normaliseCompanyName(name: string): NormalisedName {
  const folded = foldText(name)
    .replace(CN_PLACE_IN_BRACKETS, (whole, inner: string) => (CN_PLACE_PREFIXES.includes(inner) ? '' : whole))
    .replace(/^\(주\)|\(주\)$/u, '');
  const cjkRuns = folded.match(CJK_RUN) ?? [];
  const cjkChars = cjkRuns.reduce((sum, run) => sum + run.length, 0);
  const latinChars = folded.replace(CJK_RUN, '').replace(/[^\p{L}\p{N}]/gu, '').length;
  if (cjkChars > 0 && cjkChars * 2 >= latinChars) {
    // A CJK name: the words written with CJK characters are the name, including Latin letters
    // attached to them ("TCL科技集团"); an English gloss standing apart ("Shanghai Huaxing Co., Ltd.") is
    // a translation and is dropped.
    const key = folded
      .split(/\s+/)
      .filter((chunk) => CJK_CHAR.test(chunk))
      .map((chunk) => stripCjkCompany(chunk.replace(/[^\p{L}\p{N}]+/gu, '')))
      .join('');
    return { key, tokens: [...key], cjk: true };
  }
  const all = words(folded.replace(CJK_RUN, ' '));
  const kept = [...all];
  while (kept.length > 1 && LEADING_LEGAL_WORDS.has(kept[0] ?? '')) kept.shift();
  while (kept.length > 1 && LEGAL_FORM_WORDS.has(kept[kept.length - 1] ?? '')) kept.pop();
  // A connector left at the end belongs to the legal form ("Müller & Co" → "muller").
  while (kept.length > 1 && LEGAL_CONNECTORS.has(kept[kept.length - 1] ?? '')) kept.pop();
  const tokens = kept.length > 0 ? kept : all;
  return { key: tokens.join(' '), tokens, cjk: false };
}

function splitCjkPersonName(run: string): string[] {
  let text = run;
  for (const title of CJK_PERSON_TITLES) {
    if (text.length > title.length && text.endsWith(title)) text = text.slice(0, -title.length);
  }
  if (text.length < 2 || text.length > 4) return [text];
  const familyLength = CN_COMPOUND_SURNAMES.has(text.slice(0, 2)) && text.length > 2 ? 2 : 1;
  return [text.slice(0, familyLength), text.slice(familyLength)];
}

/**
 * A person's name in a canonical order, so "Smith, John", "John Smith" and "SMITH John" agree, as do
 * "Zhang Wei" and "Wei Zhang", and "张伟", "张 伟" and "伟 张" (first name, last name as typed). The
 * order of a person's names is unreliable across cultures and forms, so the key sorts them.
 */
export function normalisePersonName(name: string): NormalisedName {
  const folded = foldText(name);
  const cjkRuns = folded.match(CJK_RUN) ?? [];
  if (cjkRuns.length > 0 && !/[a-z]/.test(folded.replace(CJK_RUN, ''))) {
    const parts = cjkRuns.length === 1 ? splitCjkPersonName(cjkRuns[0] ?? '') : cjkRuns;
    const sorted = parts.filter((part) => part.length > 0).sort();
    const key = sorted.join('');
    return { key, tokens: [...key], cjk: true };
  }
  const all = words(folded.replace(CJK_RUN, ' '));
  const kept = all.filter((word) => !PERSON_TITLES.has(word));
  const tokens = (kept.length > 0 ? kept : all).sort();
  return { key: tokens.join(' '), tokens, cjk: false };
}

/** E-mail trimmed and lowercased; undefined for anything without a local part and a dotted domain. */
export function normaliseEmail(email: string | undefined): string | undefined {
  const text = email
    ?.normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/^mailto:/, '');
  if (!text) return undefined;
  const at = text.lastIndexOf('@');
  if (at < 1 || !text.slice(at + 1).includes('.')) return undefined;
  return text;
}

/** True for public mail providers (gmail.com, qq.com, …). */
export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain);
}

/** The registrable part of a host: "mail.eu.acme.com" → "acme.com", "www.acme.co.uk" → "acme.co.uk". */
function registrableDomain(host: string): string {
  const labels = host.split('.').filter((label) => label.length > 0);
  if (labels.length <= 2) return labels.join('.');
  const tld = labels[labels.length - 1] ?? '';
  const second = labels[labels.length - 2] ?? '';
  const keep = tld.length === 2 && GENERIC_SECOND_LEVEL.has(second) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** The domain of a website ("https://www.Acme.com/about" → "acme.com"); undefined if there is none. */
export function domainFromWebsite(website: string | undefined): string | undefined {
  const host = website
    ?.normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
    .replace(/^[^@/]*@/, '')
    .replace(/[/?#:].*$/, '')
    .replace(/\.$/, '');
  if (!host || !/^[\p{L}\p{N}.-]+\.[\p{L}\p{N}-]{2,}$/u.test(host)) return undefined;
  return registrableDomain(host);
}

/** The company domain of an e-mail address, or undefined for public mail providers. */
export function domainFromEmail(email: string | undefined): string | undefined {
  const normalised = normaliseEmail(email);
  if (normalised === undefined) return undefined;
  const domain = registrableDomain(normalised.slice(normalised.lastIndexOf('@') + 1));
  return isFreeMailDomain(domain) || isFreeMailDomain(normalised.slice(normalised.lastIndexOf('@') + 1)) ? undefined : domain;
}

/** The record's company domain: the domain field, else the website, else a company e-mail address. */
export function recordDomain(record: { readonly domain?: string; readonly website?: string; readonly email?: string }): string | undefined {
  const own = domainFromWebsite(record.domain) ?? domainFromWebsite(record.website);
  return own !== undefined && !isFreeMailDomain(own) ? own : domainFromEmail(record.email);
}

let countryNames: Map<string, CountryCode> | undefined;
let isoCodes: ReadonlySet<string> | undefined;

function countryKey(text: string): string {
  return foldText(text)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Country names in English, Chinese, German, French and Spanish, from the platform's Intl data. */
function countryNameIndex(): Map<string, CountryCode> {
  if (countryNames !== undefined) return countryNames;
  const index = new Map<string, CountryCode>();
  const codes = getCountries();
  for (const locale of ['en', 'zh-Hans', 'zh-Hant', 'de', 'fr', 'es', 'it', 'pt', 'ja']) {
    let names: Intl.DisplayNames;
    try {
      names = new Intl.DisplayNames([locale], { type: 'region' });
    } catch {
      // A runtime without this locale's data still resolves ISO codes and the other locales.
      continue;
    }
    for (const code of codes) {
      const name = names.of(code);
      if (name !== undefined && name !== code) index.set(countryKey(name), code);
    }
  }
  for (const [name, code] of Object.entries(EXTRA_COUNTRY_NAMES)) index.set(countryKey(name), code);
  countryNames = index;
  return index;
}

/** ISO 3166 code of a country given by code ("us", "DE") or name ("United States", "中国", "Deutschland"). */
export function countryCode(country: string | undefined): CountryCode | undefined {
  if (!country) return undefined;
  return remember(countryCache, country, () => {
    const text = country.trim();
    const upper = text.toUpperCase();
    isoCodes ??= new Set<string>(getCountries());
    if (/^[A-Z]{2}$/.test(upper) && isoCodes.has(upper)) return upper as CountryCode;
    return countryNameIndex().get(countryKey(text));
  });
}

/**
 * Countries and cities repeat across thousands of records, so their normal forms are remembered. A
 * cache that fills up is emptied rather than grown: it only ever saves work.
 */
const CACHE_LIMIT = 10_000;
const countryCache = new Map<string, CountryCode | undefined>();
const cityCache = new Map<string, string | undefined>();

function remember<T>(cache: Map<string, T>, key: string, compute: () => T): T {
  if (cache.has(key)) return cache.get(key) as T;
  const value = compute();
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
  return value;
}

/** Fewest digits a phone number has; anything shorter is an extension or a typo. */
const MIN_PHONE_DIGITS = 7;

/**
 * A phone number in E.164 ("+14155550100"), read with the record's country as the default for
 * national numbers, so "415.555.0100" in the US equals "+1 (415) 555-0100". Extensions are dropped:
 * the main line identifies the company or person. A number that cannot be read as international
 * (no country, no "+") becomes its bare digits prefixed with "#", which only equals the same digits.
 */
export function normalisePhone(phone: string | undefined, country?: string): string | undefined {
  const text = phone?.normalize('NFKC').trim();
  if (!text) return undefined;
  const defaultCountry = countryCode(country);
  const parsed = parsePhoneNumberFromString(text, defaultCountry === undefined ? undefined : { defaultCountry });
  if (parsed !== undefined && parsed.isPossible()) return parsed.number;
  const digits = phoneDigits(text);
  return digits.length >= MIN_PHONE_DIGITS ? `#${digits}` : undefined;
}

/** The digits of a phone number without its extension. */
function phoneDigits(text: string): string {
  return text.replace(/(?:ext\.?|x|#|分机|转).*$/i, '').replace(/\D/g, '');
}

/**
 * The last seven digits of a phone number, extension dropped ("+1 (415) 555-0100" → "5550100").
 * Country code and trunk prefix sit at the front, so every way of writing one number has the same
 * tail: numbers whose tails differ are different numbers, and only numbers with equal tails need the
 * full reading of normalisePhone to tell them apart. Undefined for fewer than seven digits.
 */
export function phoneTail(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const digits = phoneDigits(/^[\x20-\x7e]*$/.test(phone) ? phone : phone.normalize('NFKC'));
  return digits.length >= MIN_PHONE_DIGITS ? digits.slice(-MIN_PHONE_DIGITS) : undefined;
}

/** City without case, accents, punctuation or "市", in one spelling ("MÜNCHEN", "Munich" → "munchen"; "上海市", "Shanghai" → "上海"). */
export function normaliseCity(city: string | undefined): string | undefined {
  if (!city) return undefined;
  return remember(cityCache, city, () => {
    const key = words(foldText(city))
      .join(' ')
      .replace(/(?<=\p{Script=Han}{2})市$/u, '');
    return key.length > 0 ? (CITY_ALIASES[key] ?? key) : undefined;
  });
}
