import crypto from 'node:crypto';
import { promisify } from 'node:util';

const scrypt = promisify(crypto.scrypt) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/**
 * OWASP's minimum for scrypt (Password Storage Cheat Sheet): N=2^17, r=8, p=1. One hash takes
 * 128·N·r = 128 MiB for a few hundred milliseconds, so `maxmem` must allow it (Node's default
 * is 32 MiB).
 */
export const SCRYPT_COST = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
const MAX_MEMORY = 256 * 1024 * 1024;

/**
 * `scrypt-nfkc`: the password was NFKC-normalised before hashing, so "Å" typed as one code point
 * or as A + ring signs in alike. `scrypt`: the bytes as typed (hashes made before normalisation).
 */
const SCHEME = 'scrypt-nfkc';
const LEGACY_SCHEME = 'scrypt';

/** The form of a password that is hashed and compared. */
export function normalisePassword(password: string): string {
  return password.normalize('NFKC');
}

/** scrypt with a random salt, encoded as `scrypt-nfkc$N$r$p$salt$hash`. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const { N, r, p } = SCRYPT_COST;
  const hash = await scrypt(normalisePassword(password), salt, KEY_LENGTH, { N, r, p, maxmem: MAX_MEMORY });
  return [SCHEME, N, r, p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export interface PasswordCheck {
  valid: boolean;
  /** the hash is of an older scheme or a lower cost: hash the password again now that it is known */
  needsRehash: boolean;
}

/** A stored cost this code never wrote is refused rather than computed (it could ask for gigabytes). */
function knownCost(n: number, r: number, p: number): boolean {
  return [2 ** 14, SCRYPT_COST.N].includes(n) && r === SCRYPT_COST.r && p === SCRYPT_COST.p;
}

export async function checkPassword(password: string, encoded: string): Promise<PasswordCheck> {
  const [scheme, n, r, p, salt, hash] = encoded.split('$');
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if ((scheme !== SCHEME && scheme !== LEGACY_SCHEME) || !salt || !hash || !knownCost(cost.N, cost.r, cost.p)) {
    return { valid: false, needsRehash: false };
  }
  const expected = Buffer.from(hash, 'base64');
  const input = scheme === SCHEME ? normalisePassword(password) : password;
  const actual = await scrypt(input, Buffer.from(salt, 'base64'), expected.length, { ...cost, maxmem: MAX_MEMORY });
  const valid = actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
  return { valid, needsRehash: valid && (scheme !== SCHEME || cost.N < SCRYPT_COST.N) };
}

/** A precomputed hash at today's cost, so a login for an unknown email costs as much as a real one. */
export const DUMMY_PASSWORD_HASH = [
  SCHEME,
  SCRYPT_COST.N,
  SCRYPT_COST.r,
  SCRYPT_COST.p,
  Buffer.alloc(16).toString('base64'),
  Buffer.alloc(64).toString('base64'),
].join('$');

/** SHA-256 in hex, for session ids and API tokens (high-entropy secrets need no slow hash). */
export function sha256(value: string): string {
  return crypto.createHash('sha256').update(value).digest('hex');
}

export function randomSecret(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}
