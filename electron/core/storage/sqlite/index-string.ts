/**
 * RxDB orders index strings with JavaScript's `<`, i.e. by UTF-16 code unit. SQLite's BINARY
 * collation compares UTF-8 bytes, i.e. by code point. The two orders differ only for code units
 * from U+D800 up (surrogates sort below U+E000..U+FFFF in UTF-16 but astral code points sort above
 * them in UTF-8), and RxDB's own upper bound INDEX_MAX is U+FFFF. So every index string and every
 * range bound goes through this order-preserving map before it reaches SQLite:
 * - code units below U+D800 stay as they are (UTF-8 byte order agrees with code unit order there);
 * - each code unit c >= U+D800 (lone or paired surrogate, or U+E000..U+FFFF) becomes the astral
 *   code point U+10000 + (c - U+D800), which UTF-8 encodes with a 4-byte sequence that sorts
 *   above every 1..3 byte sequence and, among astral code points, in code point order.
 * The map is injective and monotonic per code unit, so comparing the encoded strings in SQLite
 * gives exactly the order RxDB's memory storage sees. Lone surrogates, which UTF-8 cannot carry,
 * also survive this way instead of being replaced by U+FFFD.
 */
const NEEDS_ENCODING = /[\uD800-\uFFFF]/;
const ASTRAL_BASE = 0x10000 - 0xd800;

export function encodeIndexString(value: string): string {
  if (!NEEDS_ENCODING.test(value)) {
    return value;
  }
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const unit = value.charCodeAt(i);
    out += unit < 0xd800 ? value[i] : String.fromCodePoint(unit + ASTRAL_BASE);
  }
  return out;
}
