import type { GateView } from '../../../shared/api/domains';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { findDomain } from '../domains/domain-access';
import { loadGateState } from './gate-state';
import { presentGate } from './gates.presenter';

/** The current gate of a domain as the caller sees it. */
export async function getGate(deps: AppDeps, actor: Actor, key: string): Promise<GateView> {
  const now = deps.now();
  return deps.dataSource.transaction(async (tx) => presentGate(await loadGateState(tx, await findDomain(tx, key), now), actor));
}
