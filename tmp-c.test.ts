import { loadConfig } from '../work/h-sso/server/config';
try { loadConfig({ CAIRN_PUBLIC_URL: 'https://c.x', CAIRN_OIDC_ISSUER: 'nope', CAIRN_OIDC_CLIENT_ID: 'c', CAIRN_OIDC_CLIENT_SECRET: 'hunter2-secret', CAIRN_OIDC_ALLOWED_DOMAINS: 'acme.com' }); } catch (e) { console.log(e); }
