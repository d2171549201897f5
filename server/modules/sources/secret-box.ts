import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../config';

/** The file holding a generated key when CAIRN_SECRET_KEY is unset (the embedded demo). */
export const SECRET_KEY_FILE = 'secret-key';
const VERSION = 'v1';

const keys = new Map<string, Buffer>();

/** 32 bytes from any long text: HKDF-SHA256, so a passphrase and a base64 key both work. */
function deriveKey(material: string): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', material, 'cairn', 'data-source-credentials', 32));
}

/**
 * The key material: CAIRN_SECRET_KEY, or a random key written once to `<dataDir>/secret-key`
 * (mode 0600). Several processes starting at once agree on the file: the first write wins (`wx`).
 */
function keyMaterial(config: Pick<Config, 'secretKey' | 'dataDir'>): string {
  if (config.secretKey) return config.secretKey;
  const file = path.join(config.dataDir, SECRET_KEY_FILE);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  fs.mkdirSync(config.dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, `${crypto.randomBytes(32).toString('base64')}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return fs.readFileSync(file, 'utf8').trim();
}

function keyOf(config: Pick<Config, 'secretKey' | 'dataDir'>): Buffer {
  const cacheKey = config.secretKey ? `env:${config.secretKey}` : `file:${config.dataDir}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = deriveKey(keyMaterial(config));
    keys.set(cacheKey, key);
  }
  return key;
}

/** AES-256-GCM: `v1.<iv>.<tag>.<ciphertext>`, base64url parts; the record id is bound as associated data. */
export function sealSecret(config: Pick<Config, 'secretKey' | 'dataDir'>, plain: string, boundTo: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', keyOf(config), iv);
  cipher.setAAD(Buffer.from(boundTo));
  const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), sealed].map((part) => (typeof part === 'string' ? part : part.toString('base64url'))).join('.');
}

/** The plain secret; throws when the key changed or the text was tampered with. */
export function openSecret(config: Pick<Config, 'secretKey' | 'dataDir'>, sealed: string, boundTo: string): string {
  const [version, iv, tag, body] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('Unknown secret format.');
  const decipher = crypto.createDecipheriv('aes-256-gcm', keyOf(config), Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(boundTo));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}
