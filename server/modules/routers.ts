import type { Router } from 'express';
import type { AppDeps } from '../http/deps';
import { artifactsRouter, domainArtifactsRouter } from './artifacts/artifacts.router';
import { auditCsvRouter } from './audit/audit-export';
import { artifactBadgeTokenRouter, domainBadgeTokenRouter } from './catalog/badges.router';
import { artifactReportsRouter, catalogRouter } from './catalog/catalog.router';
import { dbtRouter } from './dbt/dbt.router';
import { domainsRouter } from './domains/domains.router';
import { artifactFollowRouter, domainFollowRouter } from './follows/follows.router';
import { gatesRouter } from './gates/gates.router';
import { inboxRouter } from './inbox/inbox.router';
import { insightsRouter } from './insights/insights.router';
import { meRouter } from './me/me.router';
import { reviewsRouter } from './reviews/reviews.router';
import { searchRouter } from './search/search.router';
import { settingsRouter } from './settings/settings.router';
import { severityWeightsRouter } from './confidence/confidence.router';
import { transferRouter } from './transfer/transfer.router';
import { domainTicketsBulkRouter } from './tickets/tickets-bulk';
import { domainTicketsCsvRouter } from './tickets/tickets-export';
import { domainTicketsRouter, ticketsRouter } from './tickets/tickets.router';
import { webhooksRouter } from './webhooks/webhooks.router';
import { sourcesRouter } from './sources/sources.router';
import { artifactMonitorsRouter, monitorsRouter } from './monitors/monitors.router';
import { investigationsCsvRouter } from './weirdness/investigations-export';
import {
  domainWeirdnessRouter,
  investigationsRouter,
  rootCausesRouter,
  triageTargetsRouter,
} from './weirdness/weirdness.router';

/**
 * Feature routers mounted under /api/v1, in one list so app.ts stays small. Each entry is
 * [mount path, router].
 */
export function featureRouters(deps: AppDeps): [string, Router][] {
  return [
    ['/inbox', inboxRouter(deps)],
    ['/webhooks', webhooksRouter(deps)],
    ['/sources', sourcesRouter(deps)],
    ['/artifacts', artifactMonitorsRouter(deps)],
    ['/monitors', monitorsRouter(deps)],
    ['/audit.csv', auditCsvRouter(deps)],
    ['/domains', domainTicketsCsvRouter(deps)],
    ['/domains', domainTicketsBulkRouter(deps)],
    ['/domains', domainTicketsRouter(deps)],
    ['/tickets', ticketsRouter(deps)],
    ['/domains', domainArtifactsRouter(deps)],
    ['/artifacts', artifactsRouter(deps)],
    ['/artifacts', artifactReportsRouter(deps)],
    ['/artifacts', artifactBadgeTokenRouter(deps)],
    ['/artifacts', artifactFollowRouter(deps)],
    ['/domains', domainFollowRouter(deps)],
    ['/domains', domainBadgeTokenRouter(deps)],
    ['/catalog', catalogRouter(deps)],
    ['/me', meRouter(deps)],
    ['/domains', domainWeirdnessRouter(deps)],
    ['/investigations.csv', investigationsCsvRouter(deps)],
    ['/investigations', investigationsRouter(deps)],
    ['/root-causes', rootCausesRouter(deps)],
    ['/settings/triage-targets', triageTargetsRouter(deps)],
    ['/settings/severity-weights', severityWeightsRouter(deps)],
    ['/domains', transferRouter(deps)],
    ['/domains', dbtRouter(deps)],
    ['/domains', domainsRouter(deps)],
    ['/domains', gatesRouter(deps)],
    ['/settings', settingsRouter(deps)],
    ['/reviews', reviewsRouter(deps)],
    ['/insights', insightsRouter(deps)],
    ['/search', searchRouter(deps)],
  ];
}
