import type { User } from '../modules/users/user.entity';

/** Who is acting, for services and the audit log. */
export interface Actor {
  user: User;
  requestId: string | null;
  /** how the caller authenticated */
  via: 'session' | 'token';
  sessionIdHash?: string;
  /** the API token of a bearer caller */
  tokenId?: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}
