import { Router, type Request } from 'express';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';
import type { PutDbtSelectorRequest } from '../../../shared/api/dbt';
import { badRequest } from '../../http/app-error';
import { actorOf, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseDomainKey } from '../../http/params';
import { parseDto } from '../../http/validate';
import { parseJsonFile } from './dbt-artifacts';
import { postResults } from './dbt-results.service';
import { dbtStatus, putSelector, syncManifest } from './dbt.service';

export class PutDbtSelectorDto implements PutDbtSelectorRequest {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  groups?: string[];
  @IsOptional() @IsArray() @ArrayMaxSize(200) @IsString({ each: true }) @MaxLength(200, { each: true }) tags?: string[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(500, { each: true })
  pathPrefixes?: string[];
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5000)
  @IsString({ each: true })
  @MaxLength(512, { each: true })
  uniqueIds?: string[];
  /** base URL of the files in the repository; null clears it */
  @IsOptional()
  @ValidateIf((_o, value) => value !== null)
  @IsString()
  @MaxLength(500)
  @Matches(/^(https?:\/\/\S+)?$/i, { message: 'repoUrl must be an http(s) URL' })
  repoUrl?: string | null;
}

export class DbtSyncQuery {
  @IsOptional() @IsIn(['true', 'false', '1', '0']) dryRun?: string;
  /** the planHash of the reviewed dry run: the sync is refused (409) if the plan differs */
  @IsOptional() @IsString() @Matches(/^[0-9a-f]{16}$/) planHash?: string;
}

/**
 * Reads the raw body up to the documented limit. A larger body is drained (so the client hears
 * the answer) and refused with a 400 that names the limit.
 */
async function readUpload(req: Request, limit: number, field: string): Promise<Buffer> {
  const tooLarge = (bytes: number) =>
    badRequest(
      field,
      `is ${bytes} bytes; a dbt upload may be at most ${limit} bytes (${Math.round(limit / 2 ** 20)} MiB)`,
    );
  const declared = Number(req.get('content-length') ?? NaN);
  const parts: Buffer[] = [];
  let size = 0;
  await new Promise<void>((resolve, reject) => {
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) parts.push(chunk);
    });
    req.on('end', () => resolve());
    req.on('error', reject);
  });
  if (size > limit || declared > limit) throw tooLarge(Math.max(size, Number.isFinite(declared) ? declared : 0));
  return Buffer.concat(parts);
}

/** /domains/:key/dbt: the dbt selector, manifest sync and test results of a domain. */
export function dbtRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/:key/dbt', requireUser, async (req, res) => {
    res.json(await dbtStatus(deps, actorOf(req), parseDomainKey(req.params.key)));
  });
  router.put('/:key/dbt/selector', requireUser, async (req, res) => {
    const key = parseDomainKey(req.params.key);
    res.json(await putSelector(deps, actorOf(req), key, parseDto(PutDbtSelectorDto, req.body)));
  });
  router.post('/:key/dbt/sync', requireUser, async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const query = parseDto(DbtSyncQuery, req.query, 'query');
    const body = await readUpload(req, deps.config.dbtMaxBytes, 'manifest');
    const dryRun = query.dryRun === 'true' || query.dryRun === '1';
    res.json(
      await syncManifest(deps, actorOf(req), key, parseJsonFile(body, 'manifest'), {
        dryRun,
        expectedHash: query.planHash,
      }),
    );
  });
  router.post('/:key/dbt/results', requireUser, async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const body = await readUpload(req, deps.config.dbtMaxBytes, 'body');
    res.json(await postResults(deps, actorOf(req), key, parseJsonFile(body, 'body')));
  });
  return router;
}
