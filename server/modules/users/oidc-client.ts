import crypto from 'node:crypto';
import type { OidcConfig } from '../../config';
import { SsoRefused, type OidcClaims } from './oidc.service';

/**
 * The OpenID Connect protocol, by `openid-client`: discovery, the authorization request with PKCE,
 * state and nonce, and the code exchange that checks them. The login flow's secrets travel in a
 * short-lived cookie sealed with AES-GCM under a key derived from the client secret, so every app
 * process can open it and the browser can neither read nor change it.
 */

type OpenIdClient = typeof import('openid-client', { with: { 'resolution-mode': 'import' } });
type Configuration = import('openid-client', { with: { 'resolution-mode': 'import' } }).Configuration;

let openIdClient: Promise<OpenIdClient> | null = null;
// openid-client is an ES module; this package compiles to CommonJS, which loads it with import().
const loadOpenIdClient = (): Promise<OpenIdClient> => (openIdClient ??= import('openid-client'));

const configurations = new Map<string, Promise<Configuration>>();

/** The provider's metadata (discovered once per process; tried again after a failure). */
async function providerConfiguration(oidc: OidcConfig): Promise<Configuration> {
  const key = JSON.stringify([oidc.issuer, oidc.clientId, oidc.clientSecret]);
  let found = configurations.get(key);
  if (!found) {
    const client = await loadOpenIdClient();
    found = client.discovery(
      new URL(oidc.issuer),
      oidc.clientId,
      oidc.clientSecret,
      undefined,
      // plain http only for a provider on loopback (config.ts refuses any other http issuer)
      oidc.allowInsecureRequests ? { execute: [client.allowInsecureRequests] } : undefined,
    );
    configurations.set(key, found);
    found.catch(() => configurations.delete(key));
  }
  try {
    return await found;
  } catch {
    throw new SsoRefused('sso_unavailable');
  }
}

/** What the callback needs to check the provider's answer; sealed into the flow cookie. */
export interface LoginFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** where to go once signed in: a path of this site */
  returnTo: string;
  expiresAt: number;
}

export const FLOW_COOKIE = 'cairn_oidc';
export const FLOW_TTL_MS = 10 * 60_000;

function flowKey(oidc: OidcConfig): Buffer {
  return Buffer.from(crypto.hkdfSync('sha256', oidc.clientSecret, 'cairn', 'oidc login flow cookie', 32));
}

export function sealFlow(oidc: OidcConfig, flow: LoginFlow): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', flowKey(oidc), iv);
  const sealed = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

/** The flow of this browser, or null when the cookie is missing, altered or expired. */
export function openFlow(oidc: OidcConfig, value: string | undefined, now: Date): LoginFlow | null {
  if (!value) return null;
  try {
    const bytes = Buffer.from(value, 'base64url');
    if (bytes.length < 29) return null;
    const decipher = crypto.createDecipheriv('aes-256-gcm', flowKey(oidc), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    const text = Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]);
    const flow = JSON.parse(text.toString('utf8')) as LoginFlow;
    return flow.expiresAt > now.getTime() ? flow : null;
  } catch {
    return null;
  }
}

/** A path of this site to return to; anything else (another origin, `//evil`) becomes `/`. */
export function safeReturnTo(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || /^\/[/\\]/.test(value) || /[\r\n]/.test(value)) return '/';
  return value.split('#')[0].slice(0, 1000) || '/';
}

/** Starts a login: the provider's authorization URL and the flow to remember. */
export async function beginAuthorization(
  oidc: OidcConfig,
  returnTo: string,
  now: Date,
): Promise<{ url: URL; flow: LoginFlow }> {
  const configuration = await providerConfiguration(oidc);
  const client = await loadOpenIdClient();
  const codeVerifier = client.randomPKCECodeVerifier();
  const flow: LoginFlow = {
    state: client.randomState(),
    nonce: client.randomNonce(),
    codeVerifier,
    returnTo,
    expiresAt: now.getTime() + FLOW_TTL_MS,
  };
  const url = client.buildAuthorizationUrl(configuration, {
    redirect_uri: oidc.redirectUrl,
    scope: oidc.scopes,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url, flow };
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}

/**
 * Checks the provider's answer against the flow (state here, then state, nonce and PKCE by
 * openid-client), exchanges the code and returns the ID token's claims merged with userinfo.
 */
export async function completeAuthorization(
  oidc: OidcConfig,
  query: URLSearchParams,
  flow: LoginFlow,
): Promise<OidcClaims> {
  const state = query.get('state');
  if (!state || !sameSecret(state, flow.state)) throw new SsoRefused('state_mismatch');
  if (query.has('error')) throw new SsoRefused('provider_error');
  const configuration = await providerConfiguration(oidc);
  const client = await loadOpenIdClient();
  const currentUrl = new URL(oidc.redirectUrl);
  for (const [name, value] of query) currentUrl.searchParams.append(name, value);
  let tokens: Awaited<ReturnType<OpenIdClient['authorizationCodeGrant']>>;
  try {
    tokens = await client.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
  } catch (error) {
    throw refusalOf(client, error);
  }
  const idClaims = tokens.claims();
  if (!idClaims) throw new SsoRefused('token_rejected');
  let userinfo: Record<string, unknown> = {};
  if (configuration.serverMetadata().userinfo_endpoint) {
    try {
      userinfo = await client.fetchUserInfo(configuration, tokens.access_token, idClaims.sub);
    } catch (error) {
      throw refusalOf(client, error);
    }
  }
  // The ID token is the authority for who this is; userinfo adds the claims it left out.
  return { ...userinfo, ...idClaims, sub: idClaims.sub };
}

/** The messages of an error and its causes: openid-client wraps oauth4webapi's precise one. */
function messagesOf(error: unknown): string {
  const messages: string[] = [];
  for (let e = error; e instanceof Error && messages.length < 5; e = e.cause) messages.push(e.message);
  return messages.join(' / ');
}

function refusalOf(client: OpenIdClient, error: unknown): unknown {
  if (error instanceof client.AuthorizationResponseError) return new SsoRefused('provider_error');
  if (error instanceof client.ResponseBodyError) return new SsoRefused('token_rejected');
  const code = (error as { code?: string }).code;
  const messages = messagesOf(error);
  if (code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' && messages.includes('"nonce"'))
    return new SsoRefused('nonce_mismatch');
  if (code === 'OAUTH_INVALID_RESPONSE' && messages.includes('"state"')) return new SsoRefused('state_mismatch');
  if (error instanceof TypeError && messages.includes('fetch failed')) return new SsoRefused('sso_unavailable');
  return error;
}
