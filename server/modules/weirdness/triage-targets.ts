import type { EntityManager } from 'typeorm';
import { layerNumbers } from '../../../shared/workflow/layers';
import { SEVERITIES } from '../../../shared/api/enums';
import type { TriageTargetsView } from '../../../shared/api/investigations';
import { TRIAGE_TARGET_DAYS } from '../../../shared/workflow/investigation';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { recordAudit } from '../audit/audit.service';
import { Setting } from '../settings/setting.entity';
import type { UpdateTriageTargetsDto } from './investigations.dto';

export const TRIAGE_TARGETS_SETTING = 'triage_targets';

/** Days to triage per severity: the admin's setting over TRIAGE_TARGET_DAYS, ignoring junk values. */
export async function loadTriageTargets(tx: EntityManager): Promise<TriageTargetsView> {
  const row = await tx.findOneBy(Setting, { key: TRIAGE_TARGETS_SETTING });
  return triageTargetsFrom(row?.value);
}

/** The stored setting value layered over TRIAGE_TARGET_DAYS; anything but a positive number is ignored. */
export function triageTargetsFrom(value: unknown): TriageTargetsView {
  return layerNumbers(TRIAGE_TARGET_DAYS, [value], 'positive');
}

export async function saveTriageTargets(
  tx: EntityManager,
  actor: Actor,
  input: UpdateTriageTargetsDto,
): Promise<TriageTargetsView> {
  // Serializes concurrent edits: each layers its keys over what the previous one stored.
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [TRIAGE_TARGETS_SETTING]);
  const before = await loadTriageTargets(tx);
  const after = { ...before };
  for (const severity of SEVERITIES) {
    const value = input[severity];
    // null or undefined leave the stored target as it is
    if (typeof value === 'number') after[severity] = value;
  }
  await tx.upsert(Setting, { key: TRIAGE_TARGETS_SETTING, value: after }, ['key']);
  await recordAudit(tx, actor, {
    action: 'setting.update',
    entityType: 'setting',
    entityId: TRIAGE_TARGETS_SETTING,
    before,
    after,
  });
  return after;
}

export async function getTriageTargets(deps: AppDeps): Promise<TriageTargetsView> {
  return loadTriageTargets(deps.dataSource.manager);
}

/** PUT /settings/triage-targets: given severities are layered over the stored targets. */
export async function updateTriageTargets(
  deps: AppDeps,
  actor: Actor,
  input: UpdateTriageTargetsDto,
): Promise<TriageTargetsView> {
  return deps.dataSource.transaction((tx) => saveTriageTargets(tx, actor, input));
}

// The DTO moved to investigations.dto.ts; re-exported for modules that import it from here (openapi).
