import type { RootCauseView } from '../../../shared/api/investigations';
import { conflict, notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { auditable, recordAudit } from '../audit/audit.service';
import type { CreateRootCauseDto, UpdateRootCauseDto } from './investigations.dto';
import { presentRootCause } from './investigations.presenter';
import { RootCause } from './root-cause.entity';

export async function listRootCauses(deps: AppDeps, includeRetired: boolean): Promise<RootCauseView[]> {
  const rows = await deps.dataSource.getRepository(RootCause).find({
    where: includeRetired ? {} : { retired: false },
    order: { position: 'ASC', key: 'ASC' },
  });
  return rows.map(presentRootCause);
}

export async function createRootCause(deps: AppDeps, actor: Actor, input: CreateRootCauseDto): Promise<RootCauseView> {
  return deps.dataSource.transaction(async (tx) => {
    if (await tx.existsBy(RootCause, { key: input.key })) {
      throw conflict('unique_violation', `A root cause with key ${input.key} already exists.`);
    }
    const [{ next }]: { next: number }[] = await tx.query(
      `SELECT coalesce(max(position), 0)::int + 1 AS next FROM root_cause`,
    );
    const rootCause = await tx.save(
      tx.create(RootCause, { key: input.key, label: input.label.trim(), retired: false, position: next }),
    );
    await recordAudit(tx, actor, {
      action: 'root_cause.create',
      entityType: 'root_cause',
      entityId: rootCause.key,
      after: auditable(rootCause),
    });
    return presentRootCause(rootCause);
  });
}

/** Relabel or retire; investigations keep the key they were resolved with either way. */
export async function updateRootCause(
  deps: AppDeps,
  actor: Actor,
  key: string,
  input: UpdateRootCauseDto,
): Promise<RootCauseView> {
  return deps.dataSource.transaction(async (tx) => {
    const rootCause = await tx.findOne(RootCause, { where: { key }, lock: { mode: 'pessimistic_write' } });
    if (!rootCause) throw notFound(`Root cause ${key}`);
    const before = auditable(rootCause);
    if (input.label !== undefined) rootCause.label = input.label.trim();
    if (input.retired !== undefined) rootCause.retired = input.retired;
    await tx.save(rootCause);
    await recordAudit(tx, actor, {
      action: 'root_cause.update',
      entityType: 'root_cause',
      entityId: rootCause.key,
      before,
      after: auditable(rootCause),
    });
    return presentRootCause(rootCause);
  });
}

// The DTOs moved to investigations.dto.ts; re-exported for modules that import them from here (openapi).
