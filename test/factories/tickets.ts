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
