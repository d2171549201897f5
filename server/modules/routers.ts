import type { Router } from 'express';
import type { AppDeps } from '../http/deps';
import { domainWeirdnessRouter, investigationsRouter, rootCausesRouter, triageTargetsRouter } from './weirdness/weirdness.router';
import { inboxRouter } from './inbox/inbox.router';

/**
 * Feature routers mounted under /api/v1, in one list so app.ts stays small. Each entry is
 * [mount path, router].
 */
export function featureRouters(deps: AppDeps): [string, Router][] {
  return [
    ['/inbox', inboxRouter(deps)],
    ['/domains', domainWeirdnessRouter(deps)],
    ['/investigations', investigationsRouter(deps)],
    ['/root-causes', rootCausesRouter(deps)],
    ['/settings/triage-targets', triageTargetsRouter(deps)],
  ];
}
