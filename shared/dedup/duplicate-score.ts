import { sigmoid } from '../analytics/logistic-regression';
import type { DedupEntity, DedupRecord, MatchReason } from './duplicate-index';
import {
  countryCode,
  normaliseCity,
  normaliseCompanyName,
  normaliseEmail,
  normalisePersonName,
  normalisePhone,
  phoneTail,
  recordDomain,
  type NormalisedName,
} from './normalise';
import { bigrams, nameSimilarity } from './similarity';

/**
 * The evidence score for "these two records are the same company / person", in the manner of
 * Fellegi–Sunter record linkage: every field that both records carry adds points when it agrees and
 * takes points away when it disagrees; a field missing on either side adds nothing. The points start
 * from a prior (most pairs that share a blocking key are different records) and the sum becomes a
 * score in 0..1 through the logistic function, so 0.5 means "the evidence is even" and every extra
 * point multiplies the odds by e.
 *
 *   score = 1 / (1 + exp(-(PRIOR + Σ points)))
 *
 * Points per field (account / contact), agree → disagree:
 *
 *   field     | account      | contact      | why
 *   e-mail    | +5   / -0.5  | +6   / -1.5  | a personal address is near-unique; companies use several
 *   phone     | +4.5 / -1    | +3.5 / -1    | a contact may share the company's switchboard
 *   domain    | +4   / -2.5  | +0.5 / -1.5  | one domain per company; colleagues share it too
 *   city      | +1   / -2    | +0.5 / -1    | namesakes in other cities are a classic false match
 *   country   |  0   / -2    |  0   / -2    | sharing one says little; differing says a lot
 *   account   |      —       | +1.5 / -4    | the same name at another company is someone else
 *   name      | +5.5 / +4.5 equal; +5 / +4 from similarity 0.95 (one typo), falling linearly to 0
 *             | at 0.65, then to -3 / -5 at 0.4 and below (names that have little in common)
 *
 * A name shared by several records ("John Smith", "张伟") is weaker evidence than a rare one: the
 * equal-name points drop by log2(carriers / COMMON_NAME_FROM), at most commonNamePenaltyMax, except
 * for two contacts of the same account.
 *
 * Example: "Acme Inc." in Berlin with +49 30 1234567 against "ACME GmbH", Berlin, "030 1234567":
 * -4 (prior) + 5.5 (equal name) + 4.5 (phone) + 1 (city) = 7 points, score 0.999. The same name in
 * Chicago with another phone: -4 + 5.5 - 2 - 1 - 2 (country) = -3.5 points, score 0.03.
 *
 * The weights were set from what each field means in a CRM and checked against generated records
 * with known duplicates (evaluate.ts; evaluate.test.ts holds precision and recall to their floors).
 */

/** Log-odds before any evidence. */
export const PRIOR_POINTS = -4;

type FieldWeights = { readonly agree: number; readonly disagree: number };
type EntityWeights = {
  readonly email: FieldWeights;
  readonly phone: FieldWeights;
  readonly domain: FieldWeights;
  readonly city: FieldWeights;
  readonly country: FieldWeights;
  readonly account: FieldWeights;
  /** Points for equal canonical names. */
  readonly nameEqual: number;
  /** Points at the top of the "similar" range, just below equal. */
  readonly nameSimilar: number;
  /** Points for names that have nothing in common. */
  readonly nameDifferent: number;
  /** Most points an equal but common name loses. */
  readonly commonNamePenaltyMax: number;
};

export const EVIDENCE_WEIGHTS: Readonly<Record<DedupEntity, EntityWeights>> = {
  account: {
    email: { agree: 5, disagree: -0.5 },
    phone: { agree: 4.5, disagree: -1 },
    domain: { agree: 4, disagree: -2.5 },
    city: { agree: 1, disagree: -2 },
    country: { agree: 0, disagree: -2 },
    account: { agree: 0, disagree: 0 },
    nameEqual: 5.5,
    nameSimilar: 5,
    nameDifferent: -3,
    commonNamePenaltyMax: 1,
  },
  contact: {
    email: { agree: 6, disagree: -1.5 },
    phone: { agree: 3.5, disagree: -1 },
    domain: { agree: 0.5, disagree: -1.5 },
    city: { agree: 0.5, disagree: -1 },
    country: { agree: 0, disagree: -2 },
    account: { agree: 1.5, disagree: -4 },
    nameEqual: 4.5,
    nameSimilar: 4,
    nameDifferent: -5,
    commonNamePenaltyMax: 3,
  },
};

/** Name similarity at which names stop counting for or against (no points). */
export const NAME_NEUTRAL = 0.65;
/** Name similarity from which a name counts as much as a near-equal one (one typo in a short name). */
export const NAME_CLOSE = 0.95;
/** Name similarity at and below which names count fully against. */
export const NAME_UNLIKE = 0.4;
/** Name similarity from which "similar_name" is given as a reason. */
const SIMILAR_NAME_REASON = 0.8;
/** Records carrying one name beyond which it counts as common. */
export const COMMON_NAME_FROM = 3;

/**
 * A phone number as compared. Reading a number with libphonenumber is the dearest step of preparing a
 * record, and most pairs are told apart by their last digits alone, so the E.164 form is read only
 * when two tails agree, and then kept.
 */
export type PhoneEvidence = {
  /** phoneTail of the number: equal for every way of writing one number. */
  readonly tail: string;
  readonly text: string;
  readonly country?: string;
  /** normalisePhone of text and country once read; null when it could not be read. */
  e164?: string | null;
};

function e164Of(phone: PhoneEvidence): string | null {
  if (phone.e164 === undefined) phone.e164 = normalisePhone(phone.text, phone.country) ?? null;
  return phone.e164;
}

/** Agree when both numbers read to the same E.164 number; numbers with different tails differ. */
function phonePoints(a: PhoneEvidence | undefined, b: PhoneEvidence | undefined, weights: FieldWeights): number {
  if (a === undefined || b === undefined) return 0;
  if (a.tail !== b.tail) return weights.disagree;
  const e164 = e164Of(a);
  if (e164 === null || e164Of(b) === null) return 0;
  return e164 === b.e164 ? weights.agree : weights.disagree;
}

/** A record with every field normalised once, and the blocking keys it is filed under. */
export type PreparedRecord = {
  readonly id: string;
  readonly name: NormalisedName;
  readonly email?: string;
  readonly phone?: PhoneEvidence;
  readonly domain?: string;
  readonly city?: string;
  /** ISO code when the country could be read. */
  readonly country?: string;
  readonly accountId?: string;
  /** Keys the record is filed under; it also probes typoProbes(record) when looking for duplicates. */
  readonly keys: readonly string[];
  /** The word the typo keys are made from ("" when the name has none). */
  readonly typoWord: string;
};

export function prepareRecord(record: DedupRecord, entity: DedupEntity): PreparedRecord {
  const name = entity === 'account' ? normaliseCompanyName(record.name) : normalisePersonName(record.name);
  const email = normaliseEmail(record.email);
  const tail = phoneTail(record.phone);
  const phone = tail === undefined || record.phone === undefined ? undefined : { tail, text: record.phone, country: record.country };
  const domain = recordDomain(record);
  const city = normaliseCity(record.city);
  const country = countryCode(record.country);
  const accountId = record.accountId?.trim() || undefined;
  const typoWord = name.cjk ? '' : entity === 'account' ? (name.tokens[0] ?? '') : name.tokens.join('');
  const keys = blockingKeys(entity, name, typoWord, email, phone, domain, accountId);
  return { id: record.id, name, email, phone, domain, city, country, accountId, keys, typoWord };
}

/**
 * The first half (`h`, ⌊length / 2⌋ letters) or second half (`t`, the rest, counted from the end) of
 * a word as it would be split if it had `length` letters.
 */
/** Shorter words get no typo keys: their halves are a letter or two and match everything. */
const MIN_TYPO_WORD = 4;

function halfKey(word: string, length: number, half: 'h' | 't'): string {
  const head = Math.floor(length / 2);
  return half === 'h' ? `h:${length}:${word.slice(0, head)}` : `l:${length}:${word.slice(word.length - (length - head))}`;
}

/**
 * Blocking keys: two records are compared only when one's probes meet the other's keys. Exact keys
 * (e-mail, phone, company domain, canonical name, name words, CJK bigrams, name words within the
 * contact's account) are both. Names also get typo keys, by the pigeonhole principle: split a word of
 * n letters into its first ⌊n/2⌋ letters and the rest; one inserted, dropped or replaced letter leaves
 * one of the two halves intact, and the other word has n - 1, n or n + 1 letters. So a record is filed
 * under its two halves for its own length and probes the halves it would have at one letter fewer or
 * more. For a company the typo keys come from the first word, the brand ("Pesazor" of "Pesazor
 * Technologies LLC"), since the later words are shared by thousands; for a person from the whole name.
 */
function blockingKeys(
  entity: DedupEntity,
  name: NormalisedName,
  typoWord: string,
  email: string | undefined,
  phone: PhoneEvidence | undefined,
  domain: string | undefined,
  accountId: string | undefined,
): string[] {
  const keys = new Set<string>();
  if (email !== undefined) keys.add(`e:${email}`);
  if (phone !== undefined) keys.add(`p:${phone.tail}`);
  // Every contact at a company shares its domain: a block of colleagues, not of duplicates.
  if (domain !== undefined && entity === 'account') keys.add(`d:${domain}`);
  if (name.key.length > 0) keys.add(`n:${name.key}`);
  if (name.cjk) {
    const chars = [...name.key];
    if (chars.length > 2) for (const gram of bigrams(name.key)) keys.add(`b:${gram}`);
    if (accountId !== undefined) for (const char of chars) keys.add(`k:${accountId}:${char}`);
  } else {
    for (const token of name.tokens) {
      if (token.length >= 2) keys.add(`t:${token}`);
      if (accountId !== undefined) keys.add(`k:${accountId}:${token}`);
    }
  }
  if (typoWord.length >= MIN_TYPO_WORD) keys.add(halfKey(typoWord, typoWord.length, 'h')).add(halfKey(typoWord, typoWord.length, 't'));
  return [...keys];
}

/** The typo keys a record looks up besides its own: its halves as a word one letter shorter or longer. */
export function typoProbes(record: PreparedRecord): string[] {
  const word = record.typoWord;
  if (word.length < MIN_TYPO_WORD) return [];
  const length = word.length;
  return [halfKey(word, length - 1, 'h'), halfKey(word, length - 1, 't'), halfKey(word, length + 1, 'h'), halfKey(word, length + 1, 't')];
}

/** Points for a name similarity: rising to nameSimilar just below equal, falling to nameDifferent. */
export function namePoints(similarity: number, weights: EntityWeights): number {
  if (similarity >= 1) return weights.nameEqual;
  if (similarity >= NAME_CLOSE) return weights.nameSimilar;
  if (similarity >= NAME_NEUTRAL) return (weights.nameSimilar * (similarity - NAME_NEUTRAL)) / (NAME_CLOSE - NAME_NEUTRAL);
  if (similarity <= NAME_UNLIKE) return weights.nameDifferent;
  return (weights.nameDifferent * (NAME_NEUTRAL - similarity)) / (NAME_NEUTRAL - NAME_UNLIKE);
}

export type PairScore = { readonly score: number; readonly points: number; readonly reasons: MatchReason[] };

/** The score for a number of points: the logistic function. */
export function scoreOfPoints(points: number): number {
  return sigmoid(points);
}

/** The points a score needs (inverse of scoreOfPoints); -Infinity for 0. */
export function pointsForScore(score: number): number {
  return Math.log(score / (1 - score));
}

function fieldPoints(a: string | undefined, b: string | undefined, weights: FieldWeights): number {
  if (a === undefined || b === undefined) return 0;
  return a === b ? weights.agree : weights.disagree;
}

/** Points for the names, with the common-name penalty for equal ones. */
function nameEvidence(
  a: PreparedRecord,
  b: PreparedRecord,
  weights: EntityWeights,
  nameCounts: ReadonlyMap<string, number>,
  sameAccount: boolean,
): { points: number; similarity: number } {
  const similarity = nameSimilarity(a.name, b.name);
  let points = namePoints(similarity, weights);
  // Within one company namesakes are rare, so how common a name is across all records only counts
  // for contacts not known to share an account.
  if (similarity >= 1 && !sameAccount) {
    // A duplicate cluster is two or three records; a name carried by more is common.
    const carriers = nameCounts.get(a.name.key) ?? 0;
    if (carriers > COMMON_NAME_FROM) points -= Math.min(weights.commonNamePenaltyMax, Math.log2(carriers / COMMON_NAME_FROM));
  }
  return { points, similarity };
}

/**
 * The evidence score of two prepared records. `nameCounts` holds how many indexed records carry each
 * canonical name, for the common-name penalty. When even equal names could not lift the pair to
 * `minPoints`, the names are not compared and the result is undefined; so is a pair below minPoints.
 */
export function scorePair(
  a: PreparedRecord,
  b: PreparedRecord,
  entity: DedupEntity,
  nameCounts: ReadonlyMap<string, number>,
  minPoints = -Infinity,
): PairScore | undefined {
  const weights = EVIDENCE_WEIGHTS[entity];
  const email = fieldPoints(a.email, b.email, weights.email);
  const phone = phonePoints(a.phone, b.phone, weights.phone);
  const domain = fieldPoints(a.domain, b.domain, weights.domain);
  const city = fieldPoints(a.city, b.city, weights.city);
  // The same country is too common to count for a pair; another country counts against it.
  const country = fieldPoints(a.country, b.country, weights.country);
  const account = entity === 'contact' ? fieldPoints(a.accountId, b.accountId, weights.account) : 0;
  const fields = PRIOR_POINTS + email + phone + domain + city + country + account;
  if (fields + weights.nameEqual < minPoints) return undefined;
  const name = nameEvidence(a, b, weights, nameCounts, account > 0);
  const points = fields + name.points;
  if (points < minPoints) return undefined;
  const reasons: MatchReason[] = [];
  if (name.similarity >= 1) reasons.push('same_name');
  else if (name.similarity >= SIMILAR_NAME_REASON) reasons.push('similar_name');
  if (email > 0) reasons.push('same_email');
  if (phone > 0) reasons.push('same_phone');
  if (domain > 0) reasons.push('same_domain');
  if (city > 0) reasons.push('same_city');
  if (account > 0) reasons.push('same_account');
  return { score: scoreOfPoints(points), points, reasons };
}
