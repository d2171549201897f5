import {
  CreateArtifactDto,
  CreateCaveatDto,
  UpdateArtifactDto,
  ArtifactListQuery,
} from '../../modules/artifacts/artifacts.dto';
import { AuditExportQuery } from '../../modules/audit/audit-export';
import { DbtSyncQuery, PutDbtSelectorDto } from '../../modules/dbt/dbt.router';
import { BadgeQuery, CatalogQueryDto, WeirdnessReportDto } from '../../modules/catalog/catalog.dto';
import { AuditQuery } from '../../modules/audit/audit.router';
import { SearchQueryDto } from '../../modules/search/search.dto';
import {
  CreateDomainDto,
  DomainEventsQuery,
  DomainListQuery,
  PutMemberDto,
  RemoveMemberDto,
  UpdateDomainDto,
} from '../../modules/domains/domains.dto';
import {
  AcknowledgeRiskDto,
  GateAdditionDto,
  ReasonDto,
  ReconfirmDto,
  RecycleDto,
  OptionalReasonDto,
  SignOffDto,
  WaiverDto,
} from '../../modules/gates/gates.dto';
import { UpdateSeverityWeightsDto } from '../../modules/confidence/confidence.dto';
import { InboxQueryDto } from '../../modules/inbox/inbox.dto';
import { UpdateNotificationPreferencesDto } from '../../modules/inbox/notification-preferences.dto';
import { DecisionsQuery } from '../../modules/reviews/reviews.dto';
import { ThresholdsDto } from '../../modules/settings/settings.dto';
import { ImportedHistoryQuery } from '../../modules/transfer/transfer.router';
import { BulkTicketsDto } from '../../modules/tickets/tickets-bulk';
import { TicketExportQuery } from '../../modules/tickets/tickets-export';
import { CreateCommentDto } from '../../modules/tickets/comments.dto';
import { CreateTicketDto, TicketListQuery, UpdateTicketDto } from '../../modules/tickets/tickets.dto';
import {
  ChangePasswordDto,
  CreateTokenDto,
  UpdateProfileDto,
  CreateUserDto,
  LoginDto,
  UpdateUserDto,
  UserListQuery,
} from '../../modules/users/users.dto';
import {
  CreateWebhookDto,
  UpdateWebhookDto,
  WebhookDeliveryQueryDto,
  WebhookListQuery,
} from '../../modules/webhooks/webhooks.dto';
import {
  CreateInvestigationDto,
  InvestigationListQuery,
  InvestigationTransitionDto,
  OddityRateQuery,
  UpdateInvestigationDto,
  CreateRootCauseDto,
  RootCauseListQuery,
  UpdateRootCauseDto,
  UpdateTriageTargetsDto,
} from '../../modules/weirdness/investigations.dto';
import { CreateMonitorDto, MonitorRunsQuery, UpdateMonitorDto } from '../../modules/monitors/monitors.dto';
import { CreateDataSourceDto, SourceQueryDto, UpdateDataSourceDto } from '../../modules/sources/sources.dto';
import { InvestigationExportQuery } from '../../modules/weirdness/investigations-export';

type Dto = new () => object;

/** A response body: a named type of shared/api, a page or list of one, raw JSON Schema, or none. */
export type Body =
  | string
  | { page: string }
  | { array: string }
  | { schema: Record<string, unknown> }
  | { csv: true }
  | { svg: true }
  | null;

/** One documented API operation (path relative to /api/v1, OpenAPI `{param}` style). */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  tag: string;
  summary: string;
  /** false: no authentication needed */
  auth?: boolean;
  body?: Dto;
  /** a body described by a component schema instead of a DTO class (the domain import) */
  bodySchema?: string;
  query?: Dto;
  /** success status → body */
  ok: Record<number, Body>;
  /** error statuses beyond the common ones (400, 401, 403, 404, 503) */
  errors?: number[];
  /** takes If-Match */
  ifMatch?: boolean;
}

const op = (
  method: Operation['method'],
  path: string,
  tag: string,
  summary: string,
  rest: Omit<Operation, 'method' | 'path' | 'tag' | 'summary'>,
): Operation => ({
  method,
  path,
  tag,
  summary,
  ...rest,
});

/** Every route of the API. A test fails when the app has a route this list does not name, or the reverse. */
export const OPERATIONS: Operation[] = [
  op('get', '/health', 'operations', 'Liveness and database status', {
    auth: false,
    ok: {
      200: {
        schema: {
          type: 'object',
          required: ['status', 'database'],
          properties: { status: { type: 'string' }, database: { type: 'object' } },
        },
      },
    },
  }),
  op('get', '/health/live', 'operations', 'Liveness: the process answers (no database check)', {
    auth: false,
    ok: {
      200: { schema: { type: 'object', required: ['status'], properties: { status: { const: 'ok' } } } },
    },
  }),
  op('get', '/health/ready', 'operations', 'Readiness: the database answers; 503 problem+json when it does not', {
    auth: false,
    ok: {
      200: {
        schema: {
          type: 'object',
          required: ['status', 'database'],
          properties: {
            status: { const: 'ready' },
            database: {
              type: 'object',
              required: ['status', 'latencyMs', 'embedded'],
              properties: { status: { const: 'up' }, latencyMs: { type: 'integer' }, embedded: { type: 'boolean' } },
            },
          },
        },
      },
    },
  }),
  op('get', '/openapi.json', 'operations', 'This OpenAPI document', {
    auth: false,
    ok: { 200: { schema: { type: 'object' } } },
  }),

  op('post', '/auth/login', 'auth', 'Sign in; sets the session cookie', {
    auth: false,
    body: LoginDto,
    ok: { 200: 'MeResponse' },
    // 401 wrong email or password or a deactivated account, 403 missing CSRF header, 429 too many
    // attempts from this address or too many failures for this account (with Retry-After)
    errors: [401, 403, 429],
  }),
  op('get', '/auth/providers', 'auth', 'How one may sign in here: password, single sign-on or both', {
    auth: false,
    ok: { 200: 'AuthProvidersResponse' },
  }),
  op('get', '/auth/oidc/start', 'auth', 'Start single sign-on: redirects to the OpenID Connect provider', {
    auth: false,
    // 404 when single sign-on is not configured; a provider that cannot be reached redirects to
    // /login?error=sso_unavailable
    ok: { 303: null },
  }),
  op(
    'get',
    '/auth/oidc/callback',
    'auth',
    "The provider's answer: signs in and redirects, or redirects to /login?error=<code>",
    {
      auth: false,
      ok: { 303: null },
    },
  ),
  op('post', '/auth/logout', 'auth', 'Sign out: ends the session, or revokes the API token that calls it', {
    ok: { 204: null },
  }),
  op('post', '/auth/password', 'auth', 'Change my own password; ends my other sessions and revokes my API tokens', {
    body: ChangePasswordDto,
    ok: { 204: null },
    // 400 wrong current password or a weak new one, 429 too many wrong current passwords
    errors: [400, 429],
  }),
  op('get', '/auth/me', 'auth', 'The signed-in user and what they may do', { ok: { 200: 'MeResponse' } }),
  op('get', '/tokens', 'auth', 'My personal API tokens', { ok: { 200: { array: 'ApiTokenView' } } }),
  op('post', '/tokens', 'auth', 'Create a personal API token (the secret is shown once)', {
    body: CreateTokenDto,
    ok: { 201: 'CreatedToken' },
  }),
  op('delete', '/tokens/{id}', 'auth', 'Revoke a token', { ok: { 204: null } }),

  op('get', '/users', 'users', 'Find users', { query: UserListQuery, ok: { 200: { page: 'UserView' } } }),
  op('post', '/users', 'users', 'Create a user (admin)', {
    body: CreateUserDto,
    ok: { 201: 'UserView' },
    errors: [409],
  }),
  op('patch', '/users/{id}', 'users', 'Change name, role, password or deactivate (admin)', {
    body: UpdateUserDto,
    ok: { 200: 'UserView' },
    errors: [409],
  }),

  op('get', '/audit', 'audit', 'The audit log, filtered (admin)', {
    query: AuditQuery,
    ok: { 200: { page: 'AuditEventView' } },
  }),

  op('get', '/audit.csv', 'audit', 'The audit log as CSV, same filters (admin); streamed', {
    query: AuditExportQuery,
    ok: { 200: { csv: true } },
  }),
  op('patch', '/me', 'auth', 'Change my own name, time zone or theme', {
    body: UpdateProfileDto,
    ok: { 200: 'MeResponse' },
  }),
  op('get', '/me/work', 'tickets', 'Open tickets assigned to me and open investigations I investigate', {
    ok: { 200: 'MyWorkView' },
  }),
  op('get', '/domains', 'domains', 'The portfolio: domains with their gate status and counts', {
    query: DomainListQuery,
    ok: { 200: { page: 'DomainSummary' } },
  }),
  op('post', '/domains', 'domains', 'Create a domain; the creator becomes its ds_lead', {
    body: CreateDomainDto,
    ok: { 201: 'DomainView' },
    errors: [409],
  }),
  op('get', '/domains/{key}', 'domains', 'One domain with what the caller may do', { ok: { 200: 'DomainView' } }),
  op('patch', '/domains/{key}', 'domains', 'Edit a domain', {
    body: UpdateDomainDto,
    ok: { 200: 'DomainView' },
    errors: [409],
    ifMatch: true,
  }),
  op('get', '/domains/{key}/members', 'domains', 'Members and their domain roles', {
    ok: { 200: { array: 'DomainMemberView' } },
  }),
  op('put', '/domains/{key}/members/{userId}', 'domains', "Set a user's roles in the domain", {
    body: PutMemberDto,
    ok: { 200: { array: 'DomainMemberView' } },
    errors: [409],
  }),
  op('delete', '/domains/{key}/members/{userId}', 'domains', 'Remove a member', {
    body: RemoveMemberDto,
    ok: { 204: null },
    // 409 role_decided: the member decided in a required role this round (an admin may, with a reason)
    errors: [409],
  }),
  op(
    'get',
    '/domains/{key}/export',
    'domains',
    'Everything of one domain, history included, as JSON; audit diffs for admins only',
    {
      ok: { 200: 'DomainExportFile' },
    },
  ),
  op(
    'post',
    '/domains/import',
    'domains',
    'Import a domain exported by another Cairn (admin); idempotent, all or nothing; its sign-offs, waivers and events become imported history',
    {
      bodySchema: 'DomainExportFile',
      ok: { 200: 'ImportResultView', 201: 'ImportResultView' },
      errors: [409],
    },
  ),
  op('get', '/domains/{key}/dbt', 'dbt', "A domain's dbt selector, synced artifacts and dbt tests", {
    ok: { 200: 'DbtStatusView' },
  }),
  op('put', '/domains/{key}/dbt/selector', 'dbt', 'Set which dbt nodes belong to the domain (lead or admin)', {
    body: PutDbtSelectorDto,
    ok: { 200: 'DbtSelector' },
  }),
  op(
    'post',
    '/domains/{key}/dbt/sync',
    'dbt',
    "Sync the domain's artifacts from a dbt manifest.json: ?dryRun=true answers the plan (members), otherwise a lead applies it",
    {
      bodySchema: 'DbtManifestFile',
      query: DbtSyncQuery,
      ok: { 200: 'DbtSyncResult' },
      errors: [409],
    },
  ),
  op(
    'post',
    '/domains/{key}/dbt/results',
    'dbt',
    "Record a dbt run's test results: failing tests open or add to investigations",
    {
      bodySchema: 'DbtResultsUpload',
      ok: { 200: 'DbtResultsResult' },
    },
  ),
  op(
    'get',
    '/domains/{key}/imported-history',
    'domains',
    'Sign-offs, waivers and audit events another Cairn recorded',
    {
      query: ImportedHistoryQuery,
      ok: { 200: { page: 'DomainExportImportedRecord' } },
    },
  ),
  op('get', '/domains/{key}/events', 'domains', "The domain's timeline", {
    query: DomainEventsQuery,
    ok: { 200: { page: 'DomainEventView' } },
  }),

  op('get', '/domains/{key}/gate', 'gates', 'The current gate: criteria, sign-offs, blocking reasons', {
    ok: { 200: 'GateView' },
  }),
  op('post', '/domains/{key}/signoffs', 'gates', 'Approve or reject the current gate in a role', {
    body: SignOffDto,
    ok: { 201: 'SignOffView' },
    errors: [409],
  }),
  op('post', '/domains/{key}/signoffs/{id}/withdraw', 'gates', 'Withdraw your own sign-off while its round is open', {
    body: OptionalReasonDto,
    ok: { 200: 'SignOffView' },
    errors: [409],
  }),
  op('post', '/domains/{key}/advance', 'gates', 'Pass the open gate to the next phase', {
    ok: { 200: 'DomainView' },
    errors: [409],
  }),
  op('post', '/domains/{key}/recycle', 'gates', 'Send the domain back to an earlier phase', {
    body: RecycleDto,
    ok: { 200: 'DomainView' },
    errors: [409],
  }),
  op('post', '/domains/{key}/hold', 'gates', 'Put the domain on hold', {
    body: ReasonDto,
    ok: { 200: 'DomainView' },
    errors: [409],
  }),
  op('post', '/domains/{key}/resume', 'gates', 'Resume a held domain', {
    body: OptionalReasonDto,
    ok: { 200: 'DomainView' },
    errors: [409],
  }),
  op('post', '/domains/{key}/waivers', 'gates', 'Waive a criterion of the current gate (admin)', {
    body: WaiverDto,
    ok: { 201: 'WaiverView' },
    errors: [409],
  }),
  op('delete', '/domains/{key}/waivers/{id}', 'gates', 'Revoke a waiver (admin)', { ok: { 204: null } }),
  op('post', '/domains/{key}/signoffs/{id}/override', 'gates', 'Override a standing rejection with a reason (admin)', {
    body: ReasonDto,
    ok: { 200: 'SignOffView' },
    errors: [409],
  }),
  op(
    'post',
    '/domains/{key}/gate/additions',
    'gates',
    "Add a catalog criterion or a required role to a domain's gate (admin)",
    {
      body: GateAdditionDto,
      ok: { 201: 'GateAdditionView' },
      errors: [409],
    },
  ),
  op('delete', '/domains/{key}/gate/additions/{id}', 'gates', 'Remove a gate addition, with a reason (admin)', {
    body: ReasonDto,
    ok: { 204: null },
  }),
  op('post', '/domains/{key}/risk/acknowledge', 'gates', "A lead takes on a certified domain's at-risk alarm", {
    body: AcknowledgeRiskDto,
    ok: { 200: 'DomainView' },
    errors: [409],
  }),
  op(
    'post',
    '/domains/{key}/reconfirm',
    'gates',
    'The ds_lead re-confirms a certified domain (review, or after an acknowledged risk)',
    {
      body: ReconfirmDto,
      ok: { 200: 'DomainView' },
      errors: [409],
    },
  ),
  op('get', '/settings/thresholds', 'gates', 'Global gate thresholds', { ok: { 200: 'GateThresholds' } }),
  op('put', '/settings/thresholds', 'gates', 'Tune global gate thresholds (admin)', {
    body: ThresholdsDto,
    ok: { 200: 'GateThresholds' },
  }),
  op('get', '/reviews/pending', 'gates', 'Gates waiting for my sign-off', {
    ok: { 200: { array: 'PendingReviewView' } },
  }),
  op('get', '/reviews/decisions', 'gates', 'Past sign-offs with their frozen evidence', {
    query: DecisionsQuery,
    ok: { 200: { page: 'DecisionView' } },
  }),
  op(
    'get',
    '/insights',
    'insights',
    'Portfolio insights: summary, cumulative flow, time in phase, certifications, oddity rate',
    {
      ok: { 200: 'InsightsView' },
    },
  ),
  op(
    'get',
    '/search',
    'search',
    'Domains, artifacts, tickets, investigations and people in one ranked list (exact key, prefix, text), keyset-paginated',
    {
      query: SearchQueryDto,
      ok: { 200: 'SearchResults' },
    },
  ),

  op('get', '/domains/{key}/tickets', 'tickets', "A domain's tickets", {
    query: TicketListQuery,
    ok: { 200: { page: 'TicketView' } },
  }),
  op('post', '/domains/{key}/tickets', 'tickets', 'Create a ticket', {
    body: CreateTicketDto,
    ok: { 201: 'TicketView' },
  }),
  op('get', '/domains/{key}/tickets.csv', 'tickets', "A domain's tickets as CSV, same filters and sort; streamed", {
    query: TicketExportQuery,
    ok: { 200: { csv: true } },
  }),
  op(
    'post',
    '/domains/{key}/tickets/bulk',
    'tickets',
    'Change status, assignee or labels of many tickets; all or nothing',
    {
      body: BulkTicketsDto,
      ok: { 200: 'BulkTicketsResult' },
    },
  ),
  op('get', '/tickets/{ticketKey}', 'tickets', 'One ticket', { ok: { 200: 'TicketView' } }),
  op('patch', '/tickets/{ticketKey}', 'tickets', 'Edit, assign or move a ticket', {
    body: UpdateTicketDto,
    ok: { 200: 'TicketView' },
    errors: [409],
    ifMatch: true,
  }),
  op('get', '/tickets/{ticketKey}/comments', 'tickets', "A ticket's comments", {
    ok: { 200: { array: 'CommentView' } },
  }),
  op('post', '/tickets/{ticketKey}/comments', 'tickets', 'Comment on a ticket (markdown)', {
    body: CreateCommentDto,
    ok: { 201: 'CommentView' },
  }),

  op('get', '/domains/{key}/artifacts', 'artifacts', "A domain's metrics, datasets and analyses", {
    query: ArtifactListQuery,
    ok: { 200: { page: 'ArtifactView' } },
  }),
  op('post', '/domains/{key}/artifacts', 'artifacts', 'Create an artifact', {
    body: CreateArtifactDto,
    ok: { 201: 'ArtifactView' },
  }),
  op('get', '/artifacts/{id}', 'artifacts', 'One artifact with its caveats', { ok: { 200: 'ArtifactView' } }),
  op('patch', '/artifacts/{id}', 'artifacts', 'Edit an artifact', {
    body: UpdateArtifactDto,
    ok: { 200: 'ArtifactView' },
    errors: [409],
    ifMatch: true,
  }),
  op('get', '/artifacts/{id}/caveats', 'artifacts', "An artifact's caveats", { ok: { 200: { array: 'CaveatView' } } }),
  op('post', '/artifacts/{id}/caveats', 'artifacts', 'Add a caveat', {
    body: CreateCaveatDto,
    ok: { 201: 'CaveatView' },
  }),

  op(
    'get',
    '/catalog',
    'catalog',
    'Every artifact of every domain with its trust; searched, filtered, by trust then relevance',
    {
      query: CatalogQueryDto,
      ok: { 200: { page: 'CatalogEntryView' } },
    },
  ),
  op('get', '/catalog/{id}', 'catalog', "One artifact's catalog entry (its page)", { ok: { 200: 'CatalogEntryView' } }),
  op(
    'get',
    '/badges/artifacts/{id}.svg',
    'catalog',
    "An artifact's trust badge as SVG (no session: the token is the key)",
    {
      auth: false,
      query: BadgeQuery,
      ok: { 200: { svg: true }, 304: null },
    },
  ),
  op('get', '/badges/artifacts/{id}.json', 'catalog', "An artifact's trust badge as JSON, for BI tools (no session)", {
    auth: false,
    query: BadgeQuery,
    ok: { 200: 'BadgeView', 304: null },
  }),
  op(
    'get',
    '/badges/domains/{key}.svg',
    'catalog',
    "A domain's trust badge as SVG (no session: the token is the key)",
    {
      auth: false,
      query: BadgeQuery,
      ok: { 200: { svg: true }, 304: null },
    },
  ),
  op('get', '/badges/domains/{key}.json', 'catalog', "A domain's trust badge as JSON, for BI tools (no session)", {
    auth: false,
    query: BadgeQuery,
    ok: { 200: 'BadgeView', 304: null },
  }),
  op(
    'post',
    '/artifacts/{id}/badge-token',
    'catalog',
    "A new token for an artifact's badge URLs (lead); the old ones stop answering",
    {
      ok: { 200: 'BadgeTokenView' },
    },
  ),
  op(
    'post',
    '/domains/{key}/badge-token',
    'catalog',
    "A new token for a domain's badge URLs (lead); the old ones stop answering",
    {
      ok: { 200: 'BadgeTokenView' },
    },
  ),
  op(
    'post',
    '/artifacts/{id}/reports',
    'catalog',
    '"This looks weird": an investigation, or a concern ticket before hand-off',
    {
      body: WeirdnessReportDto,
      ok: { 201: 'WeirdnessReportResult' },
    },
  ),

  op('get', '/investigations', 'weirdness', 'The weirdness log across domains', {
    query: InvestigationListQuery,
    ok: { 200: { page: 'InvestigationView' } },
  }),
  op('get', '/investigations.csv', 'weirdness', 'The weirdness log as CSV, same filters and sort; streamed', {
    query: InvestigationExportQuery,
    ok: { 200: { csv: true } },
  }),
  op('get', '/domains/{key}/investigations', 'weirdness', "A domain's weirdness log", {
    query: InvestigationListQuery,
    ok: { 200: { page: 'InvestigationView' } },
  }),
  op('post', '/domains/{key}/investigations', 'weirdness', 'Report an oddity', {
    body: CreateInvestigationDto,
    ok: { 201: 'InvestigationView' },
    errors: [409],
  }),
  op('get', '/investigations/{id}', 'weirdness', 'One investigation with comments', {
    ok: { 200: 'InvestigationView' },
  }),
  op('patch', '/investigations/{id}', 'weirdness', 'Edit an investigation', {
    body: UpdateInvestigationDto,
    ok: { 200: 'InvestigationView' },
    errors: [409],
    ifMatch: true,
  }),
  op('post', '/investigations/{id}/transitions', 'weirdness', 'Triage, investigate, resolve, dismiss or reopen', {
    body: InvestigationTransitionDto,
    ok: { 200: 'InvestigationView' },
    errors: [409],
    ifMatch: true,
  }),
  op('get', '/investigations/{id}/comments', 'weirdness', "An investigation's comments", {
    ok: { 200: { array: 'CommentView' } },
  }),
  op('post', '/investigations/{id}/comments', 'weirdness', 'Comment on an investigation', {
    body: CreateCommentDto,
    ok: { 201: 'CommentView' },
  }),
  op('get', '/domains/{key}/oddity-rate', 'weirdness', 'Weekly oddity rate', {
    query: OddityRateQuery,
    ok: { 200: 'OddityRateView' },
  }),
  op('get', '/domains/{key}/confidence', 'weirdness', 'Measured confidence: rate, trend, fit and forecast', {
    ok: { 200: 'DomainConfidenceView' },
  }),
  op('get', '/domains/{key}/review', 'weirdness', 'Evidence for the confidence gate', {
    ok: { 200: 'ConfidenceReviewView' },
  }),
  op('get', '/root-causes', 'weirdness', 'Root causes', {
    query: RootCauseListQuery,
    ok: { 200: { array: 'RootCauseView' } },
  }),
  op('post', '/root-causes', 'weirdness', 'Add a root cause (admin)', {
    body: CreateRootCauseDto,
    ok: { 201: 'RootCauseView' },
    errors: [409],
  }),
  op('patch', '/root-causes/{key}', 'weirdness', 'Relabel or retire a root cause (admin)', {
    body: UpdateRootCauseDto,
    ok: { 200: 'RootCauseView' },
  }),
  op('get', '/settings/triage-targets', 'weirdness', 'Time-to-triage targets per severity (days)', {
    ok: { 200: 'TriageTargetsView' },
  }),
  op('put', '/settings/triage-targets', 'weirdness', 'Tune time-to-triage targets (admin)', {
    body: UpdateTriageTargetsDto,
    ok: { 200: 'TriageTargetsView' },
  }),

  op('get', '/settings/severity-weights', 'weirdness', 'How much each severity counts in the oddity rate', {
    ok: { 200: 'SeverityWeights' },
  }),
  op('put', '/settings/severity-weights', 'weirdness', 'Tune the severity weights of the oddity rate (admin)', {
    body: UpdateSeverityWeightsDto,
    ok: { 200: 'SeverityWeights' },
  }),

  op('get', '/inbox', 'inbox', 'My notifications', { query: InboxQueryDto, ok: { 200: { page: 'NotificationView' } } }),
  op('get', '/inbox/unread-count', 'inbox', 'How many are unread', { ok: { 200: 'UnreadCountView' } }),
  op('post', '/inbox/read-all', 'inbox', 'Mark all read', { ok: { 200: 'MarkAllReadResult' } }),
  op('post', '/inbox/{id}/read', 'inbox', 'Mark one read', { ok: { 200: 'NotificationView' } }),
  op('get', '/me/notification-preferences', 'inbox', 'My notification channel per event type, and whether email is on', {
    ok: { 200: 'NotificationPreferencesView' },
  }),
  op('put', '/me/notification-preferences', 'inbox', 'Choose the channel of some event types (inbox, email now, digest, none)', {
    body: UpdateNotificationPreferencesDto,
    ok: { 200: 'NotificationPreferencesView' },
  }),

  op('get', '/domains/{key}/follow', 'follows', 'Whether I follow the domain, and how many do', { ok: { 200: 'FollowView' } }),
  op('put', '/domains/{key}/follow', 'follows', 'Follow the domain (anyone signed in)', { ok: { 200: 'FollowView' } }),
  op('delete', '/domains/{key}/follow', 'follows', 'Stop following the domain', { ok: { 200: 'FollowView' } }),
  op('get', '/artifacts/{id}/follow', 'follows', 'Whether I follow the artifact, and how many do', {
    ok: { 200: 'FollowView' },
  }),
  op('put', '/artifacts/{id}/follow', 'follows', 'Follow the artifact (anyone signed in)', { ok: { 200: 'FollowView' } }),
  op('delete', '/artifacts/{id}/follow', 'follows', 'Stop following the artifact', { ok: { 200: 'FollowView' } }),
  op('get', '/webhooks', 'webhooks', 'Registered webhooks (admin)', {
    query: WebhookListQuery,
    ok: { 200: { page: 'WebhookView' } },
  }),
  op('post', '/webhooks', 'webhooks', 'Register a webhook (admin)', {
    body: CreateWebhookDto,
    ok: { 201: 'CreatedWebhookView' },
  }),
  op('patch', '/webhooks/{id}', 'webhooks', 'Change a webhook (admin)', {
    body: UpdateWebhookDto,
    ok: { 200: 'WebhookView' },
  }),
  op('delete', '/webhooks/{id}', 'webhooks', 'Delete a webhook (admin)', { ok: { 204: null } }),
  op('get', '/webhooks/{id}/deliveries', 'webhooks', 'Delivery log (admin)', {
    query: WebhookDeliveryQueryDto,
    ok: { 200: { page: 'WebhookDeliveryView' } },
  }),
  op('post', '/webhooks/deliveries/{id}/redeliver', 'webhooks', 'Deliver again (admin)', {
    ok: { 202: 'WebhookDeliveryView' },
    errors: [409],
  }),

  op('get', '/sources', 'monitors', 'Data sources monitors read from (admin)', { ok: { 200: { array: 'DataSourceView' } } }),
  op('post', '/sources', 'monitors', 'Add a data source; the password is stored encrypted, never returned (admin)', {
    body: CreateDataSourceDto,
    ok: { 201: 'DataSourceView' },
    errors: [409],
  }),
  op('get', '/sources/{id}', 'monitors', 'One data source (admin)', { ok: { 200: 'DataSourceView' } }),
  op('patch', '/sources/{id}', 'monitors', 'Change a data source; password null removes it (admin)', {
    body: UpdateDataSourceDto,
    ok: { 200: 'DataSourceView' },
    errors: [409],
  }),
  op('delete', '/sources/{id}', 'monitors', 'Delete a data source no monitor reads from (admin)', {
    ok: { 204: null },
    errors: [409],
  }),
  op('post', '/sources/{id}/test', 'monitors', 'Test the connection: select 1 within the timeout (admin)', {
    ok: { 200: 'ConnectionTestResult' },
  }),
  op('post', '/sources/{id}/query', 'monitors', 'Preview a read-only query, capped at the row limit (admin)', {
    body: SourceQueryDto,
    ok: { 200: 'SourceQueryResult' },
  }),
  op('get', '/artifacts/{id}/monitors', 'monitors', 'The monitors of a metric', { ok: { 200: { array: 'MonitorView' } } }),
  op('post', '/artifacts/{id}/monitors', 'monitors', 'Watch a metric: a read-only query on a data source, on a cron schedule (lead or admin)', {
    body: CreateMonitorDto,
    ok: { 201: 'MonitorView' },
  }),
  op('get', '/monitors/{id}', 'monitors', 'One monitor with its last run', { ok: { 200: 'MonitorView' } }),
  op('patch', '/monitors/{id}', 'monitors', 'Change a monitor (lead or admin); a version is optional', {
    body: UpdateMonitorDto,
    ok: { 200: 'MonitorView' },
    errors: [412],
  }),
  op('delete', '/monitors/{id}', 'monitors', 'Delete a monitor with its runs (its investigations stay; lead or admin)', {
    ok: { 204: null },
  }),
  op('post', '/monitors/{id}/run', 'monitors', 'Run now: queued as a job (202) or, without a worker, run in the request (200); lead or admin', {
    ok: { 200: 'MonitorRunView', 202: 'MonitorRunView' },
    errors: [409],
  }),
  op('get', '/monitors/{id}/runs', 'monitors', 'The newest runs of a monitor', {
    query: MonitorRunsQuery,
    ok: { 200: { array: 'MonitorRunView' } },
  }),
  op('get', '/monitors/{id}/observations', 'monitors', "The newest finished run's points with the expected value and band", {
    ok: { 200: 'MonitorObservationsView' },
  }),
];
