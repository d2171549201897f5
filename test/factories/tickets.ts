import type { Domain } from '../../server/modules/domains/domain.entity';
import type { Ticket } from '../../server/modules/tickets/ticket.entity';
import type { TestContext } from '../setup/test-app';
import { makeDomain, makeTicketRow } from './domains';

export { makeDomain };

/** A ticket numbered from the domain's counter like the API does (creates a domain when none is given). */
export async function makeTicket(
  ctx: TestContext,
  overrides: Partial<Ticket> & { domain?: Domain } = {},
): Promise<Ticket> {
  const { domain: given, ...fields } = overrides;
  return makeTicketRow(ctx, given ?? (await makeDomain(ctx)), fields);
}

/**
 * Runs `count` requests at once on PostgreSQL. The embedded PGlite socket multiplexer interleaves
 * the protocol messages of concurrent connections and can hang, so there they run one by one: the
 * outcome must be the same, only the race is PostgreSQL's to prove.
 */
export async function race<T>(count: number, run: (index: number) => Promise<T>): Promise<T[]> {
  if (!process.env.CAIRN_TEST_EMBEDDED) return Promise.all(Array.from({ length: count }, (_, i) => run(i)));
  const results: T[] = [];
  for (let i = 0; i < count; i++) results.push(await run(i));
  return results;
}
