import { getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

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
  return folded
    .replace(/(?<![\p{L}\p{N}])(?:\p{L}[./]){1,4}\p{L}?\.?(?![\p{L}\p{N}])/gu, (m) => ` ${m.replace(/[./]/g, '')} `)
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter((word) => word.length > 0);
}

/** Legal forms and corporate filler at the end of a company name, in several languages. */
const LEGAL_FORM_WORDS = new Set([
  'inc',
  'incorporated',
  'corp',
  'corporation',
  'co',
  'company',
  'cos',
  'companies',
  'ltd',
  'limited',
  'llc',
  'llp',
  'lp',
  'plc',
  'pllc',
  'pc',
  'pty',
  'pte',
  'bhd',
  'sdn',
  'gmbh',
  'mbh',
  'ag',
  'kg',
  'kgaa',
  'ohg',
  'ug',
  'ev',
  'eg',
  'se',
  'sa',
  'sas',
  'sasu',
  'sarl',
  'eurl',
  'sl',
  'slu',
  'srl',
  'spa',
  'sae',
  'sab',
  'cv',
  'de',
  'rl',
  'ltda',
  'cia',
  'bv',
  'nv',
  'vof',
  'oy',
  'oyj',
  'ab',
  'as',
  'asa',
  'aps',
  'kk',
  'kabushiki',
  'kaisha',
  'gk',
  'sp',
  'z',
  'oo',
  'zoo',
  'group',
  'holding',
  'holdings',
  'and',
  'und',
  'et',
  'y',
]);
/** Words that only qualify the last word of a legal form ("S.A. de C.V.", "& Co. KG", "Sp. z o.o."). */
const LEGAL_CONNECTORS = new Set(['and', 'und', 'et', 'y', 'de', 'z', 'cv', 'rl']);
/** Legal forms written before the name ("PT Maju", "OOO Romashka", "The Acme Company"). */
const LEADING_LEGAL_WORDS = new Set(['the', 'pt', 'ooo', 'oao', 'zao', 'pao', 'ao', 'cv']);

/** Chinese, Japanese and Korean legal forms at the end (longest first) or start of a company name. */
const CJK_LEGAL_SUFFIXES = [
  '集团股份有限公司',
  '集团有限责任公司',
  '集团有限公司',
  '股份有限公司',
  '有限责任公司',
  '控股有限公司',
  '有限公司',
  '有限會社',
  '有限会社',
  '株式会社',
  '合同会社',
  '公司',
  '集团',
  '集團',
  '控股',
  '주식회사',
];
const CJK_LEGAL_PREFIXES = ['株式会社', '有限会社', '合同会社', '주식회사', '(주)'];

/**
 * Provinces and large cities of China that registered names often start with ("北京华为技术有限公司"
 * is 华为技术 registered in Beijing) or carry in brackets ("华为技术(北京)有限公司"). The place says
 * where, not who, so it is dropped from the name; the city field carries that evidence separately.
 */
const CN_PLACE_PREFIXES = [
  '北京市',
  '上海市',
  '天津市',
  '重庆市',
  '北京',
  '上海',
  '天津',
  '重庆',
  '深圳市',
  '深圳',
  '广州市',
  '广州',
  '杭州市',
  '杭州',
  '成都市',
  '成都',
  '南京市',
  '南京',
  '武汉市',
  '武汉',
  '苏州市',
  '苏州',
  '西安市',
  '西安',
  '厦门市',
  '厦门',
  '青岛市',
  '青岛',
  '大连市',
  '大连',
  '宁波市',
  '宁波',
  '无锡市',
  '无锡',
  '长沙市',
  '长沙',
  '郑州市',
  '郑州',
  '济南市',
  '济南',
  '沈阳市',
  '沈阳',
  '东莞市',
  '东莞',
  '佛山市',
  '佛山',
  '香港',
  '台湾',
  '广东省',
  '广东',
  '江苏省',
  '江苏',
  '浙江省',
  '浙江',
  '山东省',
  '山东',
  '四川省',
  '四川',
  '湖北省',
  '湖北',
  '湖南省',
  '湖南',
  '河南省',
  '河南',
  '河北省',
  '河北',
  '福建省',
  '福建',
  '安徽省',
  '安徽',
  '辽宁省',
  '辽宁',
  '陕西省',
  '陕西',
  '中国',
];
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
    // A CJK name: the CJK part is the name; an English gloss ("Co., Ltd.") beside it is dropped.
    const key = cjkRuns.map(stripCjkCompany).join('');
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

/** Courtesy titles and honorifics that are not part of who a person is. */
const PERSON_TITLES = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'mx',
  'dr',
  'prof',
  'sir',
  'herr',
  'frau',
  'mme',
  'mlle',
  'm',
  'sr',
  'sra',
  'jr',
]);
const CJK_PERSON_TITLES = ['先生', '女士', '小姐', '博士', '教授', '总经理', '经理', '总监', 'さん', '様', '씨'];

/** Two-character Chinese family names; any other name's family name is its first character. */
const CN_COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '司徒',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '夏侯',
  '令狐',
  '长孙',
  '宇文',
  '轩辕',
  '端木',
]);

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

/** True when the text contains Han, Kana or Hangul characters. */
export function hasCjk(text: string): boolean {
  return CJK_CHAR.test(text);
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

/**
 * Mail providers anyone can sign up to: sharing one says nothing about sharing a company, so their
 * domains never count as a company's domain.
 */
const FREE_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.co.uk',
  'hotmail.de',
  'hotmail.fr',
  'live.com',
  'live.de',
  'msn.com',
  'yahoo.com',
  'yahoo.co.uk',
  'yahoo.de',
  'yahoo.fr',
  'yahoo.co.jp',
  'ymail.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.de',
  'gmx.net',
  'gmx.com',
  'web.de',
  't-online.de',
  'freenet.de',
  'orange.fr',
  'free.fr',
  'laposte.net',
  'libero.it',
  'mail.ru',
  'yandex.ru',
  'qq.com',
  'vip.qq.com',
  '163.com',
  '126.com',
  'yeah.net',
  'sina.com',
  'sina.cn',
  'sohu.com',
  'foxmail.com',
  'aliyun.com',
  '139.com',
  'naver.com',
  'daum.net',
  'example.com',
]);

/** True for public mail providers (gmail.com, qq.com, …). */
export function isFreeMailDomain(domain: string): boolean {
  return FREE_MAIL_DOMAINS.has(domain);
}

/** Second-level labels under country codes that are not a company's own ("acme.co.uk", "acme.com.cn"). */
const GENERIC_SECOND_LEVEL = new Set(['co', 'com', 'net', 'org', 'gov', 'edu', 'ac', 'or', 'ne', 'go', 'ltd', 'plc', 'gen', 'biz']);

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

const EXTRA_COUNTRY_NAMES: Readonly<Record<string, CountryCode>> = {
  usa: 'US',
  'u s a': 'US',
  'u s': 'US',
  america: 'US',
  'united states of america': 'US',
  uk: 'GB',
  'great britain': 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  prc: 'CN',
  'mainland china': 'CN',
  中华人民共和国: 'CN',
  中國: 'CN',
  'hong kong': 'HK',
  'south korea': 'KR',
  korea: 'KR',
  holland: 'NL',
  'the netherlands': 'NL',
  deutschland: 'DE',
  uae: 'AE',
};

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
  const digits = text.replace(/(?:ext\.?|x|#|分机|转).*$/i, '').replace(/\D/g, '');
  return digits.length >= MIN_PHONE_DIGITS ? `#${digits}` : undefined;
}

/**
 * Other names of cities that records carry in either form: pinyin for Chinese cities ("Beijing" is
 * 北京) and English exonyms for European ones ("Munich" is München).
 */
const CITY_ALIASES: Readonly<Record<string, string>> = {
  beijing: '北京',
  peking: '北京',
  shanghai: '上海',
  shenzhen: '深圳',
  guangzhou: '广州',
  canton: '广州',
  hangzhou: '杭州',
  chengdu: '成都',
  nanjing: '南京',
  wuhan: '武汉',
  suzhou: '苏州',
  tianjin: '天津',
  chongqing: '重庆',
  xian: '西安',
  'xi an': '西安',
  xiamen: '厦门',
  qingdao: '青岛',
  dalian: '大连',
  ningbo: '宁波',
  'hong kong': '香港',
  munich: 'munchen',
  muenchen: 'munchen',
  cologne: 'koln',
  koeln: 'koln',
  nuremberg: 'nurnberg',
  milan: 'milano',
  rome: 'roma',
  vienna: 'wien',
  prague: 'praha',
  lisbon: 'lisboa',
  'mexico city': 'ciudad de mexico',
  'new york city': 'new york',
  nyc: 'new york',
  東京: 'tokyo',
  东京: 'tokyo',
  大阪: 'osaka',
};

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
