import type { GateView } from '../../../shared/api/domains';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { loadGateStateByKey } from './gate-state';
import { presentGate } from './gates.presenter';

/** The current gate of a domain as the caller sees it. */
export async function getGate(deps: AppDeps, actor: Actor, key: string): Promise<GateView> {
  const now = deps.now();
  // One statement, outside any transaction: the gate is read as one consistent snapshot.
  return presentGate(await loadGateStateByKey(deps.dataSource.manager, key, now), actor);
}
