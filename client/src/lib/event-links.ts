import type { EventLink } from '@shared/api/audit';
import { paths } from '../paths';

/** The page an audit event or timeline entry names; null when it names a domain page and no domain is known. */
export function eventLinkPath(link: EventLink, domainKey: string | null): string | null {
  switch (link.to) {
    case 'ticket':
      return paths.ticket(link.ref);
    case 'investigation':
      return paths.investigation(link.ref);
    case 'artifact':
      return paths.artifact(link.ref);
    case 'members':
      return domainKey ? paths.domain(domainKey, 'members') : null;
    case 'gate':
    case 'domain':
      return domainKey ? paths.domain(domainKey, 'gate') : null;
    case 'users':
      return paths.adminUsers();
    case 'thresholds':
      return paths.adminThresholds();
    case 'root_causes':
      return paths.adminRootCauses();
    case 'webhooks':
      return paths.adminWebhooks();
  }
}
