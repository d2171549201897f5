import { notificationPath, type NotificationKind } from '../../../shared/api/inbox';
import { NOTIFICATION_KIND_LABELS as KIND_LABELS } from '../../../shared/api/notification-preferences';

/** What a mail says about one notification. */
export interface MailItem {
  kind: NotificationKind;
  domainKey: string | null;
  entityType: string;
  entityId: string;
  message: string;
  createdAt: Date;
}

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/**
 * The page in Cairn a notification names, as the inbox links it (notificationPath), else the inbox itself.
 */
export function notificationLink(
  publicUrl: string,
  item: Pick<MailItem, 'domainKey' | 'entityType' | 'entityId'>,
): string {
  return `${publicUrl}${notificationPath(item) ?? '/inbox'}`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** A subject line stays one short line whatever the message. */
function subjectOf(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 140 ? `${line.slice(0, 139)}…` : line;
}

function footer(publicUrl: string): { text: string; html: string } {
  const settings = `${publicUrl}/settings/notifications`;
  return {
    text: `\n--\nYou get this because of your Cairn notification preferences: ${settings}\n`,
    html: `<p style="color:#666;font-size:12px">You get this because of your Cairn <a href="${escapeHtml(settings)}">notification preferences</a>.</p>`,
  };
}

/** The mail for one notification sent right away. */
export function immediateMail(publicUrl: string, item: MailItem): MailContent {
  const link = notificationLink(publicUrl, item);
  const label = KIND_LABELS[item.kind] ?? item.kind;
  const end = footer(publicUrl);
  return {
    subject: `[Cairn] ${subjectOf(item.message)}`,
    text: `${label}${item.domainKey ? ` · ${item.domainKey}` : ''}\n\n${item.message}\n\nOpen in Cairn: ${link}\n${end.text}`,
    html:
      `<p><strong>${escapeHtml(label)}</strong>${item.domainKey ? ` · ${escapeHtml(item.domainKey)}` : ''}</p>` +
      `<p>${escapeHtml(item.message)}</p>` +
      `<p><a href="${escapeHtml(link)}">Open in Cairn</a></p>${end.html}`,
  };
}

/** The heading of the digest's section for notifications about no domain. */
export const NO_DOMAIN_HEADING = 'Not about one domain';

/**
 * Groups a person's digest items by domain key (alphabetically, the items without a domain last),
 * oldest item first within a group.
 */
export function groupByDomain(items: readonly MailItem[]): { domainKey: string | null; items: MailItem[] }[] {
  const groups = new Map<string | null, MailItem[]>();
  for (const item of [...items].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime())) {
    const group = groups.get(item.domainKey) ?? [];
    group.push(item);
    groups.set(item.domainKey, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([domainKey, grouped]) => ({ domainKey, items: grouped }));
}

/** One mail with every pending digest item of a person, a section per domain. */
export function digestMail(publicUrl: string, items: readonly MailItem[]): MailContent {
  const groups = groupByDomain(items);
  const count = items.length;
  const domains = groups.filter((group) => group.domainKey !== null).length;
  const subject = `[Cairn] Your daily digest: ${count} notification${count === 1 ? '' : 's'}${
    domains ? ` in ${domains} domain${domains === 1 ? '' : 's'}` : ''
  }`;
  const end = footer(publicUrl);
  const text = groups
    .map((group) => {
      const heading = group.domainKey ?? NO_DOMAIN_HEADING;
      const lines = group.items.map(
        (item) => `- ${KIND_LABELS[item.kind] ?? item.kind}: ${item.message}\n  ${notificationLink(publicUrl, item)}`,
      );
      return `${heading}\n${lines.join('\n')}`;
    })
    .join('\n\n');
  const html = groups
    .map((group) => {
      const heading = group.domainKey
        ? `<a href="${escapeHtml(`${publicUrl}/domains/${encodeURIComponent(group.domainKey)}`)}">${escapeHtml(group.domainKey)}</a>`
        : escapeHtml(NO_DOMAIN_HEADING);
      const lines = group.items.map(
        (item) =>
          `<li>${escapeHtml(KIND_LABELS[item.kind] ?? item.kind)}: <a href="${escapeHtml(notificationLink(publicUrl, item))}">${escapeHtml(item.message)}</a></li>`,
      );
      return `<h2 style="font-size:16px">${heading}</h2><ul>${lines.join('')}</ul>`;
    })
    .join('');
  return {
    subject,
    text: `${text}\n\nYour inbox: ${publicUrl}/inbox\n${end.text}`,
    html: `${html}<p><a href="${escapeHtml(`${publicUrl}/inbox`)}">Your inbox</a></p>${end.html}`,
  };
}
