import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_THRESHOLDS, mergeThresholds } from '../../../shared/workflow/definition';
import type { GateThresholds } from '../../../shared/workflow/types';
import type { Actor } from '../../http/context';
import { lockDomainById } from '../domains/domain-access';
import { recheckSignOffs } from '../gates/staleness';
import { recordAudit } from '../audit/audit.service';
import type { Domain } from '../domains/domain.entity';
import { Setting } from './setting.entity';

export const THRESHOLDS_SETTING = 'gate_thresholds';

/** The admin's global threshold overrides (partial; defaults fill the rest). */
export async function globalThresholdOverrides(tx: EntityManager): Promise<Partial<GateThresholds>> {
  const row = await tx.findOneBy(Setting, { key: THRESHOLDS_SETTING });
  const value = row?.value;
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Partial<GateThresholds>) : {};
}

/** Defaults, then the global settings, then the domain's own overrides. */
export function effectiveThresholds(
  global: Partial<GateThresholds>,
  domain: Pick<Domain, 'thresholds'>,
): GateThresholds {
  return mergeThresholds(DEFAULT_THRESHOLDS, global, domain.thresholds);
}

export async function getGlobalThresholds(dataSource: DataSource): Promise<GateThresholds> {
  return mergeThresholds(DEFAULT_THRESHOLDS, await globalThresholdOverrides(dataSource.manager));
}

/**
 * Stores the admin's thresholds. Given keys are layered over the stored ones, so a client that
 * sends one changed number does not reset the others.
 */
export async function putGlobalThresholds(
  dataSource: DataSource,
  actor: Actor,
  input: Partial<GateThresholds>,
  now: Date,
): Promise<GateThresholds> {
  return dataSource.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [THRESHOLDS_SETTING]);
    const before = await globalThresholdOverrides(tx);
    const after: Partial<GateThresholds> = { ...before };
    for (const key of Object.keys(DEFAULT_THRESHOLDS) as (keyof GateThresholds)[]) {
      if (typeof input[key] === 'number') after[key] = input[key];
    }
    await tx.upsert(Setting, { key: THRESHOLDS_SETTING, value: after }, ['key']);
    await recordAudit(tx, actor, {
      action: 'setting.update',
      entityType: 'setting',
      entityId: THRESHOLDS_SETTING,
      before,
      after,
    });
    // New numbers can flip criteria of every open round: record what went stale, domain by domain.
    const open: { id: string }[] = await tx.query(
      `SELECT DISTINCT d.id FROM domain d JOIN sign_off s ON s.domain_id = d.id AND s.phase = d.stage AND s.round = d.gate_round
        WHERE s.stale_at IS NULL AND s.superseded_at IS NULL ORDER BY d.id`,
    );
    for (const { id } of open) await recheckSignOffs(tx, actor, await lockDomainById(tx, id), now);
    return mergeThresholds(DEFAULT_THRESHOLDS, after);
  });
}
