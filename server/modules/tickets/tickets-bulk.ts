import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDefined,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Router } from 'express';
import type { DataSource } from 'typeorm';
import { TICKET_STATUSES, type TicketStatus } from '../../../shared/api/enums';
import type { BulkTicketChanges, BulkTicketsRequest, BulkTicketsResult } from '../../../shared/api/tickets';
import { badRequest, notFound } from '../../http/app-error';
import { actorOf, requireUser } from '../../http/auth';
import type { Actor } from '../../http/context';
import type { AppDeps } from '../../http/deps';
import { parseDomainKey } from '../../http/params';
import { parseDto } from '../../http/validate';
import { assertContribute, lockDomain, touchDomain } from '../domains/domain-access';
import { recheckSignOffs } from '../gates/staleness';
import { Ticket } from './ticket.entity';
import { MAX_LABEL_LENGTH, MAX_LABELS } from './tickets.dto';
import { presentTicket } from './tickets.presenter';
import { selectTicketRecords } from './tickets.query';
import { applyTicketChanges, assertReferences, normalizeLabels, permissionsIn } from './tickets.service';

export const MAX_BULK_TICKETS = 200;
const TICKET_KEY = /^[A-Za-z][A-Za-z0-9]{1,9}-\d{1,9}$/;

export class BulkTicketChangesDto implements BulkTicketChanges {
  @IsOptional() @IsIn(TICKET_STATUSES) status?: TicketStatus;

  /** null unassigns, so only undefined skips the check */
  @ValidateIf((_: object, value: unknown) => value !== undefined && value !== null)
  @IsUUID()
  assigneeId?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LABELS)
  @IsString({ each: true })
  @Length(1, MAX_LABEL_LENGTH, { each: true })
  addLabels?: string[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LABELS)
  @IsString({ each: true })
  @Length(1, MAX_LABEL_LENGTH, { each: true })
  removeLabels?: string[];
}

export class BulkTicketsDto implements BulkTicketsRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_BULK_TICKETS)
  @IsString({ each: true })
  @Matches(TICKET_KEY, { each: true, message: 'each ticket key must look like RET-12' })
  ticketKeys: string[];

  @IsDefined()
  @ValidateNested()
  @Type(() => BulkTicketChangesDto)
  changes: BulkTicketChangesDto;
}

/**
 * One change applied to many tickets of a domain in one transaction: all or nothing. The domain
 * row is locked first, then the tickets in number order (the order every writer uses), and each
 * ticket goes through the same rules as a PATCH (applyTicketChanges): its own audit event, the
 * assignment notification, the reopen rule. No If-Match: a bulk change is a deliberate overwrite
 * of those fields, not an edit of a version the caller read.
 */
export async function bulkUpdateTickets(
  dataSource: DataSource,
  actor: Actor,
  domainKey: string,
  input: BulkTicketsDto,
  now: Date,
): Promise<BulkTicketsResult> {
  const { changes } = input;
  const keys = [...new Set(input.ticketKeys.map((key) => key.toUpperCase()))];
  const { status, assigneeId, addLabels, removeLabels } = changes;
  if (status === undefined && assigneeId === undefined && addLabels === undefined && removeLabels === undefined) {
    throw badRequest('changes', 'must change status, assigneeId, addLabels or removeLabels');
  }
  return dataSource.transaction(async (tx) => {
    const domain = await lockDomain(tx, domainKey);
    const permissions = await permissionsIn(tx, actor, domain.id);
    assertContribute(permissions);
    const tickets = await tx
      .createQueryBuilder(Ticket, 't')
      .where('t.key IN (:...keys)', { keys })
      .orderBy('t.number', 'ASC')
      .setLock('pessimistic_write')
      .getMany();
    const missing = keys.filter((key) => !tickets.some((ticket) => ticket.key === key));
    if (missing.length) throw notFound(`Ticket ${missing.join(', ')}`);
    const foreign = tickets.filter((ticket) => ticket.domainId !== domain.id);
    if (foreign.length) {
      throw badRequest('ticketKeys', `${foreign.map((t) => t.key).join(', ')} not in domain ${domain.key}`);
    }
    await assertReferences(tx, domain.id, { assigneeId });
    const added = normalizeLabels(addLabels);
    const removed = new Set(normalizeLabels(removeLabels));
    const reopened: string[] = [];
    for (const ticket of tickets) {
      const labels =
        addLabels || removeLabels
          ? normalizeLabels([...ticket.labels.filter((label) => !removed.has(label)), ...added])
          : undefined;
      if (labels && labels.length > MAX_LABELS) {
        throw badRequest('changes.addLabels', `${ticket.key} would have more than ${MAX_LABELS} labels`);
      }
      const cause = await applyTicketChanges(tx, actor, domain, ticket, { status, assigneeId, labels }, now);
      if (cause) reopened.push(cause);
    }
    // One look at the gate for the whole change, as signers see it after every ticket moved.
    await recheckSignOffs(tx, actor, domain, now, reopened.length ? reopened.join('; ') : undefined);
    await touchDomain(tx, domain.id, now);
    const records = await selectTicketRecords(tx, 't.id = ANY($1::uuid[])', [tickets.map((ticket) => ticket.id)]);
    const byKey = new Map(records.map((record) => [record.key, record]));
    return { tickets: keys.map((key) => presentTicket(byKey.get(key)!, permissions)) };
  });
}

/** POST /domains/:key/tickets/bulk. */
export function domainTicketsBulkRouter(deps: AppDeps): Router {
  const router = Router();
  router.post('/:key/tickets/bulk', requireUser, async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const input = parseDto(BulkTicketsDto, req.body);
    res.json(await bulkUpdateTickets(deps.dataSource, actorOf(req), key, input, deps.now()));
  });
  return router;
}
