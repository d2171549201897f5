import type { BadgeTokenView } from '../../../shared/api/catalog';
import crypto from 'node:crypto';

/** A new badge token in SQL (migration BadgeTokens): 244 random bits as 64 hex digits. */
export const BADGE_TOKEN_DEFAULT = 'new_badge_token()';

/** A new badge token (the same shape as the column default): 256 random bits as 64 hex digits. */
export function newBadgeToken(): string {
  return crypto.randomBytes(32).toString('hex');
}

/** Whether a presented token is the stored one, in time that does not depend on where they differ. */
export function sameToken(stored: string, presented: unknown): boolean {
  if (typeof presented !== 'string' || presented.length !== stored.length) return false;
  return crypto.timingSafeEqual(Buffer.from(stored), Buffer.from(presented));
}

/** The badge URLs of an artifact (relative to the API's origin), for those signed in. */
export function artifactBadgeUrls(id: string, token: string): BadgeTokenView {
  const base = `/api/v1/badges/artifacts/${id}`;
  return { svgUrl: `${base}.svg?token=${token}`, jsonUrl: `${base}.json?token=${token}` };
}

export function domainBadgeUrls(key: string, token: string): BadgeTokenView {
  const base = `/api/v1/badges/domains/${key}`;
  return { svgUrl: `${base}.svg?token=${token}`, jsonUrl: `${base}.json?token=${token}` };
}
