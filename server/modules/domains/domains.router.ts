import { Router } from 'express';
import { actorOf, requireRole, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseDomainKey, parseUuid } from '../../http/params';
import { expectedVersion, versioned } from '../../http/preconditions';
import { parseDto } from '../../http/validate';
import { listDomainEvents } from './domain-events';
import {
  CreateDomainDto,
  DomainEventsQuery,
  DomainListQuery,
  PutMemberDto,
  RemoveMemberDto,
  UpdateDomainDto,
} from './domains.dto';
import {
  createDomain,
  getDomain,
  listDomains,
  listMembers,
  removeMember,
  setMemberRoles,
  updateDomain,
} from './domains.service';

/** /domains: the portfolio, one domain, its members and its timeline. */
export function domainsRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(requireUser);

  router.get('/', async (req, res) => {
    res.json(await listDomains(deps, parseDto(DomainListQuery, req.query, 'query')));
  });
  router.post('/', requireRole('admin', 'member'), async (req, res) => {
    const domain = await createDomain(deps, actorOf(req), parseDto(CreateDomainDto, req.body));
    res.status(201).location(`/api/v1/domains/${domain.key}`).json(domain);
  });
  router.get('/:key', async (req, res) => {
    res.json(versioned(req, res, await getDomain(deps, actorOf(req), parseDomainKey(req.params.key))));
  });
  router.patch('/:key', async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const body = parseDto(UpdateDomainDto, req.body);
    const expected = expectedVersion(req.get('If-Match'), body.version);
    res.json(versioned(req, res, await updateDomain(deps, actorOf(req), key, body, expected)));
  });
  router.get('/:key/members', async (req, res) => {
    res.json(await listMembers(deps, parseDomainKey(req.params.key)));
  });
  router.put('/:key/members/:userId', async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const userId = parseUuid(req.params.userId, 'User');
    const body = parseDto(PutMemberDto, req.body);
    res.json(await setMemberRoles(deps, actorOf(req), key, userId, body.roles, body.reason?.trim() || undefined));
  });
  router.delete('/:key/members/:userId', async (req, res) => {
    // The reason may come as a body or, for clients that send no body with DELETE, as ?reason=.
    const reason = parseDto(RemoveMemberDto, req.body ?? { reason: req.query.reason }).reason?.trim() || undefined;
    await removeMember(
      deps,
      actorOf(req),
      parseDomainKey(req.params.key),
      parseUuid(req.params.userId, 'User'),
      reason,
    );
    res.status(204).end();
  });
  router.get('/:key/events', async (req, res) => {
    res.json(
      await listDomainEvents(deps, parseDomainKey(req.params.key), parseDto(DomainEventsQuery, req.query, 'query')),
    );
  });
  return router;
}
