import express, { Router } from 'express';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { invalid } from '../../http/app-error';
import { actorOf, requireRole, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseDomainKey } from '../../http/params';
import { parseDto } from '../../http/validate';
import { IMPORT_LIMITS } from './transfer.schema';
import { exportDomain, importDomain, importedHistory } from './transfer.service';

export class ImportedHistoryQuery {
  @IsOptional() @IsInt() @Min(1) @Max(200) limit?: number;
  @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}

/** GET /domains/:key/export, POST /domains/import and the imported history of a domain. */
export function transferRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/:key/export', requireUser, async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const file = await exportDomain(deps, key, actorOf(req));
    res.setHeader('Content-Disposition', `attachment; filename="cairn-${key}.json"`);
    res.json(file);
  });
  router.get('/:key/imported-history', requireUser, async (req, res) => {
    const key = parseDomainKey(req.params.key);
    res.json(await importedHistory(deps, key, actorOf(req), parseDto(ImportedHistoryQuery, req.query, 'query')));
  });
  // The body stays raw here: the service checks its depth and parses it in slices, so a large
  // file never holds the event loop. Only admins get as far as reading it.
  router.post(
    '/import',
    requireRole('admin'),
    express.raw({ type: ['application/json', 'application/*+json'], limit: IMPORT_LIMITS.bodyBytes }),
    async (req, res) => {
      if (!Buffer.isBuffer(req.body))
        throw invalid('Send the export file as application/json.', [
          { field: 'body', message: 'must be a JSON document (content-type application/json)' },
        ]);
      const result = await importDomain(deps, actorOf(req), req.body);
      if (result.imported) res.status(201).location(`/api/v1/domains/${result.domainKey}`);
      res.json(result);
    },
  );
  return router;
}
