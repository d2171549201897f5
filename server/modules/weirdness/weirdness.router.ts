import { Router } from 'express';
import { expectedVersion, versioned } from '../../http/preconditions';
import { CreateCommentDto } from '../tickets/comments.dto';
import { actorOf, requireRole, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseDomainKey, parseIntId } from '../../http/params';
import { parseDto } from '../../http/validate';
import {
  CreateInvestigationDto,
  CreateRootCauseDto,
  InvestigationListQuery,
  InvestigationTransitionDto,
  OddityRateQuery,
  RootCauseListQuery,
  UpdateInvestigationDto,
  UpdateRootCauseDto,
  UpdateTriageTargetsDto,
} from './investigations.dto';
import {
  addInvestigationComment,
  createInvestigation,
  getInvestigation,
  listAllInvestigations,
  listDomainInvestigations,
  listInvestigationComments,
  updateInvestigation,
} from './investigations.service';
import { domainOddityRate } from './oddity.service';
import { loadReview } from './review.service';
import { createRootCause, listRootCauses, updateRootCause } from './root-causes.service';
import { transitionInvestigation } from './transitions.service';
import { getTriageTargets, updateTriageTargets } from './triage-targets';
import { domainConfidence } from '../confidence/confidence.service';

/** /domains/:key/{investigations,oddity-rate,confidence,review}: weirdness of one domain. */
export function domainWeirdnessRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/:key/investigations', requireUser, async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const query = parseDto(InvestigationListQuery, req.query, 'query');
    res.json(await listDomainInvestigations(deps, actorOf(req), key, query));
  });
  router.post('/:key/investigations', requireUser, async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const view = await createInvestigation(deps, actorOf(req), key, parseDto(CreateInvestigationDto, req.body));
    res.status(201).location(`/api/v1/investigations/${view.id}`).json(view);
  });
  router.get('/:key/oddity-rate', requireUser, async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const { weeks } = parseDto(OddityRateQuery, req.query, 'query');
    res.json(await domainOddityRate(deps, key, weeks));
  });
  // the stored assessment (recomputed on change and nightly), never fitted per request
  router.get('/:key/confidence', requireUser, async (req, res) => {
    res.json(await domainConfidence(deps, parseDomainKey(req.params.key)));
  });
  router.get('/:key/review', requireUser, async (req, res) => {
    res.json(await loadReview(deps, actorOf(req), parseDomainKey(req.params.key)));
  });
  return router;
}

/** /investigations: the cross-domain list and one investigation's detail, edits, moves, comments. */
export function investigationsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', requireUser, async (req, res) => {
    const query = parseDto(InvestigationListQuery, req.query, 'query');
    res.json(await listAllInvestigations(deps, actorOf(req), query));
  });
  router.get('/:id', requireUser, async (req, res) => {
    res.json(
      versioned(req, res, await getInvestigation(deps, actorOf(req), parseIntId(req.params.id, 'Investigation'))),
    );
  });
  router.patch('/:id', requireUser, async (req, res) => {
    const id = parseIntId(req.params.id, 'Investigation');
    const input = parseDto(UpdateInvestigationDto, req.body);
    const expected = expectedVersion(req.get('If-Match'), input.version);
    res.json(versioned(req, res, await updateInvestigation(deps, actorOf(req), id, input, expected)));
  });
  router.post('/:id/transitions', requireUser, async (req, res) => {
    const id = parseIntId(req.params.id, 'Investigation');
    const input = parseDto(InvestigationTransitionDto, req.body);
    // A transition names its starting state, so the version is optional here.
    const expected = expectedVersion(req.get('If-Match'), input.version, false);
    res.json(versioned(req, res, await transitionInvestigation(deps, actorOf(req), id, input, expected)));
  });
  router.get('/:id/comments', requireUser, async (req, res) => {
    res.json(await listInvestigationComments(deps, parseIntId(req.params.id, 'Investigation')));
  });
  router.post('/:id/comments', requireUser, async (req, res) => {
    const id = parseIntId(req.params.id, 'Investigation');
    const { body } = parseDto(CreateCommentDto, req.body);
    // Comments have no URL of their own: the list they join.
    res
      .status(201)
      .location(`/api/v1/investigations/${id}/comments`)
      .json(await addInvestigationComment(deps, actorOf(req), id, body));
  });
  return router;
}

/** /root-causes: everyone reads the list, admins add, relabel and retire. */
export function rootCausesRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', requireUser, async (req, res) => {
    const { includeRetired } = parseDto(RootCauseListQuery, req.query, 'query');
    res.json(await listRootCauses(deps, includeRetired === 'true'));
  });
  router.post('/', requireRole('admin'), async (req, res) => {
    const rootCause = await createRootCause(deps, actorOf(req), parseDto(CreateRootCauseDto, req.body));
    res.status(201).location(`/api/v1/root-causes/${rootCause.key}`).json(rootCause);
  });
  router.patch('/:key', requireRole('admin'), async (req, res) => {
    res.json(await updateRootCause(deps, actorOf(req), String(req.params.key), parseDto(UpdateRootCauseDto, req.body)));
  });
  return router;
}

/** /settings/triage-targets: days to triage per severity; everyone reads, admins tune. */
export function triageTargetsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/', requireUser, async (_req, res) => {
    res.json(await getTriageTargets(deps));
  });
  router.put('/', requireRole('admin'), async (req, res) => {
    res.json(await updateTriageTargets(deps, actorOf(req), parseDto(UpdateTriageTargetsDto, req.body)));
  });
  return router;
}
