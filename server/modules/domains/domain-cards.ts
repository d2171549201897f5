import type { EntityManager } from 'typeorm';
import { loadGateStates, loadGateStatesByIds, type GateState } from '../gates/gate-state';
import type { Domain } from './domain.entity';

/** A domain with everything its board card and page show. */
export interface DomainCard {
  domain: Domain;
  gate: GateState;
  /** new investigations per ISO week (UTC), oldest first, the current week last */
  oddity: number[];
}

export function toCard(gate: GateState): DomainCard {
  return { domain: gate.domain, gate, oddity: gate.oddity };
}

/** Cards of the given domain entities, in input order, in one statement. */
export async function loadDomainCards(tx: EntityManager, domains: Domain[], now: Date): Promise<DomainCard[]> {
  const gates = await loadGateStates(tx, domains, now);
  return domains.map((domain) => toCard(gates.get(domain.id)!));
}

/** Cards of domains known by id, in the order of `ids`, in one statement. */
export async function loadDomainCardsByIds(tx: EntityManager, ids: string[], now: Date): Promise<DomainCard[]> {
  return (await loadGateStatesByIds(tx, ids, now)).map(toCard);
}
