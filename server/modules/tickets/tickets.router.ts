import { Router } from 'express';
import { actorOf, requireUser } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { parseDomainKey, parseTicketKey } from '../../http/params';
import { parseDto } from '../../http/validate';
import { expectedVersion, versioned } from '../../http/preconditions';
import { CreateCommentDto } from './comments.dto';
import { CreateTicketDto, TicketListQuery, UpdateTicketDto } from './tickets.dto';
import { presentTicket } from './tickets.presenter';
import { listTickets } from './tickets-list.service';
import { addTicketComment, createTicket, getTicket, listTicketComments, updateTicket } from './tickets.service';

/** /domains/:key/tickets: a domain's tickets. */
export function domainTicketsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/:key/tickets', requireUser, async (req, res) => {
    const query = parseDto(TicketListQuery, req.query, 'query');
    const { permissions, ...page } = await listTickets(
      deps.dataSource,
      actorOf(req),
      parseDomainKey(req.params.key),
      query,
    );
    res.json({ ...page, items: page.items.map((ticket) => presentTicket(ticket, permissions)) });
  });
  router.post('/:key/tickets', requireUser, async (req, res) => {
    const key = parseDomainKey(req.params.key);
    const { ticket, permissions } = await createTicket(
      deps.dataSource,
      actorOf(req),
      key,
      parseDto(CreateTicketDto, req.body),
      deps.now(),
    );
    res.status(201).location(`/api/v1/tickets/${ticket.key}`).json(presentTicket(ticket, permissions));
  });
  return router;
}

/** /tickets/:ticketKey: one ticket and its comments. */
export function ticketsRouter(deps: AppDeps): Router {
  const router = Router();
  router.get('/:ticketKey', requireUser, async (req, res) => {
    const { ticket, permissions } = await getTicket(
      deps.dataSource,
      actorOf(req),
      parseTicketKey(req.params.ticketKey),
    );
    res.json(versioned(req, res, presentTicket(ticket, permissions)));
  });
  router.patch('/:ticketKey', requireUser, async (req, res) => {
    const key = parseTicketKey(req.params.ticketKey);
    const { version, ...changes } = parseDto(UpdateTicketDto, req.body);
    const expected = expectedVersion(req.get('If-Match'), version);
    const { ticket, permissions } = await updateTicket(
      deps.dataSource,
      actorOf(req),
      key,
      changes,
      expected,
      deps.now(),
    );
    res.json(versioned(req, res, presentTicket(ticket, permissions)));
  });
  router.get('/:ticketKey/comments', requireUser, async (req, res) => {
    res.json(await listTicketComments(deps.dataSource, parseTicketKey(req.params.ticketKey)));
  });
  router.post('/:ticketKey/comments', requireUser, async (req, res) => {
    const key = parseTicketKey(req.params.ticketKey);
    const { body } = parseDto(CreateCommentDto, req.body);
    // Comments have no URL of their own: the list they join.
    res
      .status(201)
      .location(`/api/v1/tickets/${key}/comments`)
      .json(await addTicketComment(deps.dataSource, actorOf(req), key, body, deps.now()));
  });
  return router;
}
