import { Router } from 'express';
import { actorOf, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseDomainKey, parseUuid } from '../../http/params';
import { parseDto } from '../../http/validate';
import { expectedVersion, versioned } from '../../http/preconditions';
import { ArtifactListQuery, CreateArtifactDto, CreateCaveatDto, UpdateArtifactDto } from './artifacts.dto';
import { presentArtifact } from './artifacts.presenter';
import { parseRecurrence } from '../monitors/caveat-recurrence';
import {
  addArtifactCaveat,
  createArtifact,
  getArtifact,
  listArtifactCaveats,
  listArtifacts,
  updateArtifact,
} from './artifacts.service';

/** /domains/:key/artifacts: a domain's metrics, datasets and analyses. */
export function domainArtifactsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/:key/artifacts', requireUser, async (req, res) => {
    const query = parseDto(ArtifactListQuery, req.query, 'query');
    const { permissions, ...page } = await listArtifacts(
      deps.dataSource,
      actorOf(req),
      parseDomainKey(req.params.key),
      query,
    );
    res.json({ ...page, items: page.items.map((artifact) => presentArtifact(artifact, permissions)) });
  });
  router.post('/:key/artifacts', requireUser, async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const { artifact, permissions } = await createArtifact(
      deps.dataSource,
      actorOf(req),
      key,
      parseDto(CreateArtifactDto, req.body),
      deps.now(),
    );
    res.status(201).location(`/api/v1/artifacts/${artifact.id}`).json(presentArtifact(artifact, permissions));
  });
  return router;
}

/** /artifacts/:id: one artifact and its caveats. */
export function artifactsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/:id', requireUser, async (req, res) => {
    const { artifact, permissions } = await getArtifact(
      deps.dataSource,
      actorOf(req),
      parseUuid(req.params.id, 'Artifact'),
    );
    res.json(versioned(req, res, presentArtifact(artifact, permissions)));
  });
  router.patch('/:id', requireUser, async (req, res) => {
    const id = parseUuid(req.params.id, 'Artifact');
    const { version, ...changes } = parseDto(UpdateArtifactDto, req.body);
    const expected = expectedVersion(req.get('If-Match'), version);
    const { artifact, permissions } = await updateArtifact(
      deps.dataSource,
      actorOf(req),
      id,
      changes,
      expected,
      deps.now(),
    );
    res.json(versioned(req, res, presentArtifact(artifact, permissions)));
  });
  router.get('/:id/caveats', requireUser, async (req, res) => {
    res.json(await listArtifactCaveats(deps.dataSource, parseUuid(req.params.id, 'Artifact')));
  });
  router.post('/:id/caveats', requireUser, async (req, res) => {
    const id = parseUuid(req.params.id, 'Artifact');
    const { text, recurrence } = parseDto(CreateCaveatDto, req.body);
    const checked = recurrence === undefined ? null : parseRecurrence(recurrence);
    res
      .status(201)
      .location(`/api/v1/artifacts/${id}/caveats`)
      .json(await addArtifactCaveat(deps.dataSource, actorOf(req), id, text, deps.now(), checked));
  });
  return router;
}
