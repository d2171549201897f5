import type { GateView } from '../../../shared/api/domains';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { recordClockDrift } from './certification.service';
import { loadGateStateByKey } from './gate-state';
import { presentGate } from './gates.presenter';

/**
 * The current gate of a domain as the caller sees it. Read in one statement; when it shows a
 * sign-off whose evidence drifted with nobody recording it yet (a windowed criterion flipped as the
 * clock moved), the staleness is recorded first, so it stays final, and the gate read again.
 */
export async function getGate(deps: AppDeps, actor: Actor, key: string): Promise<GateView> {
  const now = deps.now();
  let state = await loadGateStateByKey(deps.dataSource.manager, key, now);
  if (state.decisions.some((d) => d.stale && !d.record.staleAt)) {
    await recordClockDrift(deps, null, key);
    state = await loadGateStateByKey(deps.dataSource.manager, key, now);
  }
  return presentGate(state, actor);
}
