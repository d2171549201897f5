import { Router } from 'express';
import { actorOf, requireRole } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseUuid } from '../../http/params';
import { parseDto } from '../../http/validate';
import { CreateDataSourceDto, SourceQueryDto, UpdateDataSourceDto } from './sources.dto';
import { presentDataSource } from './sources.presenter';
import {
  createDataSource,
  deleteDataSource,
  getDataSource,
  listDataSources,
  previewQuery,
  testDataSource,
  updateDataSource,
} from './sources.service';

/** /sources: the data sources monitors read from; admins only (they hold credentials). */
export function sourcesRouter(deps: AppDeps): Router {
  const router = Router();
  router.use(requireRole('admin'));
  router.get('/', async (_req, res) => {
    res.json((await listDataSources(deps)).map(({ source, hasPassword }) => presentDataSource(source, hasPassword)));
  });
  router.post('/', async (req, res) => {
    const { source, hasPassword } = await createDataSource(deps, actorOf(req), parseDto(CreateDataSourceDto, req.body));
    res.status(201).location(`/api/v1/sources/${source.id}`).json(presentDataSource(source, hasPassword));
  });
  router.get('/:id', async (req, res) => {
    const { source, hasPassword } = await getDataSource(deps, parseUuid(req.params.id, 'Data source'));
    res.json(presentDataSource(source, hasPassword));
  });
  router.patch('/:id', async (req, res) => {
    const id = parseUuid(req.params.id, 'Data source');
    const { source, hasPassword } = await updateDataSource(deps, actorOf(req), id, parseDto(UpdateDataSourceDto, req.body));
    res.json(presentDataSource(source, hasPassword));
  });
  router.delete('/:id', async (req, res) => {
    await deleteDataSource(deps, actorOf(req), parseUuid(req.params.id, 'Data source'));
    res.status(204).end();
  });
  router.post('/:id/test', async (req, res) => {
    res.json(await testDataSource(deps, parseUuid(req.params.id, 'Data source')));
  });
  router.post('/:id/query', async (req, res) => {
    const id = parseUuid(req.params.id, 'Data source');
    res.json(await previewQuery(deps, id, parseDto(SourceQueryDto, req.body).sql));
  });
  return router;
}
