import { Router } from 'express';
import { actorOf, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseUuid } from '../../http/params';
import { expectedVersion } from '../../http/preconditions';
import { parseDto } from '../../http/validate';
import { CreateMonitorDto, MonitorRunsQuery, UpdateMonitorDto } from './monitors.dto';
import {
  createMonitor,
  deleteMonitor,
  getMonitor,
  latestObservations,
  listMonitors,
  listRuns,
  requestRun,
  updateMonitor,
} from './monitors.service';

/** /artifacts/:id/monitors: the monitors of a metric. */
export function artifactMonitorsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/:id/monitors', requireUser, async (req, res) => {
    res.json(await listMonitors(deps, actorOf(req), parseUuid(req.params.id, 'Artifact')));
  });
  router.post('/:id/monitors', requireUser, async (req, res) => {
    const artifactId = parseUuid(req.params.id, 'Artifact');
    const monitor = await createMonitor(deps, actorOf(req), artifactId, parseDto(CreateMonitorDto, req.body));
    res.status(201).location(`/api/v1/monitors/${monitor.id}`).json(monitor);
  });
  return router;
}

/** /monitors/:id: one monitor, its runs and its newest observations. */
export function monitorsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/:id', requireUser, async (req, res) => {
    res.json(await getMonitor(deps, actorOf(req), parseUuid(req.params.id, 'Monitor')));
  });
  router.patch('/:id', requireUser, async (req, res) => {
    const id = parseUuid(req.params.id, 'Monitor');
    const { version, ...changes } = parseDto(UpdateMonitorDto, req.body);
    // optional: a monitor is edited by few; send a version to be safe against a concurrent edit
    const expected = expectedVersion(req.get('If-Match'), version, false);
    res.json(await updateMonitor(deps, actorOf(req), id, changes, expected));
  });
  router.delete('/:id', requireUser, async (req, res) => {
    await deleteMonitor(deps, actorOf(req), parseUuid(req.params.id, 'Monitor'));
    res.status(204).end();
  });
  router.post('/:id/run', requireUser, async (req, res) => {
    const result = await requestRun(deps, actorOf(req), parseUuid(req.params.id, 'Monitor'));
    res.status(result.queued ? 202 : 200).json(result.run);
  });
  router.get('/:id/runs', requireUser, async (req, res) => {
    const { limit } = parseDto(MonitorRunsQuery, req.query, 'query');
    res.json(await listRuns(deps, parseUuid(req.params.id, 'Monitor'), limit));
  });
  router.get('/:id/observations', requireUser, async (req, res) => {
    res.json(await latestObservations(deps, parseUuid(req.params.id, 'Monitor')));
  });
  return router;
}
