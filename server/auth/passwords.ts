import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

const KEY_LEN = 32;
const R = 8;
const P = 1;

const derive = (password: string, salt: Buffer, n: number): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    // maxmem must exceed 128 * N * r bytes or node refuses the cost.
    scrypt(password.normalize('NFKC'), salt, KEY_LEN, { N: n, r: R, p: P, maxmem: 256 * n * R }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });

/** `scrypt$N$r$p$salt$hash`: the parameters travel with the hash so the cost can be raised later. */
export const hashPassword = async (password: string, cost: number): Promise<string> => {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return ['scrypt', cost, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
};

export const verifyPassword = async (password: string, stored: string): Promise<boolean> => {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !salt || !hash || Number(r) !== R || Number(p) !== P) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), Number(n));
  return actual.length === expected.length && timingSafeEqual(actual, expected);
};

/** A hash nobody's password matches, verified for unknown e-mails so timing does not reveal accounts. */
export const makeDummyHash = (cost: number): Promise<string> => hashPassword(randomBytes(16).toString('hex'), cost);
