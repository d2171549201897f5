import { notificationPath, type NotificationKind } from '../../../shared/api/inbox';
import type { WebhookEventPayload } from '../../../shared/api/webhooks';

/** What each event is called in a Slack message's header. */
const SLACK_TITLES: Record<NotificationKind, string> = {
  signoff_requested: 'Sign-off requested',
  assigned: 'Ticket assigned',
  investigation_reported: 'Weirdness reported',
  domain_at_risk: 'Domain at risk',
  mentioned: 'Mentioned',
  certification_review_due: 'Certification review due',
  investigation_closed: 'Investigation closed',
  domain_recovered: 'Domain trusted again',
  domain_certified: 'Domain certified',
  artifact_deprecated: 'Artifact deprecated',
  caveat_added: 'Caveat added',
};

/** One Block Kit block of the kinds Cairn sends. */
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: boolean } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] }
  | {
      type: 'actions';
      elements: { type: 'button'; text: { type: 'plain_text'; text: string }; url: string; action_id: string }[];
    };

/** The body POSTed to a Slack incoming webhook: `text` is the notification fallback. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Slack's mrkdwn needs only &, < and > escaped (https://api.slack.com/reference/surfaces/formatting). */
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Where in Cairn the event leads, as the inbox links it. */
export function cairnLink(payload: WebhookEventPayload, publicUrl: string): string {
  return `${publicUrl}${notificationPath({ ...payload, domainKey: payload.domainKey ?? null }) ?? '/inbox'}`;
}

/**
 * A Cairn event as a Slack Block Kit message: a header saying what happened, the message, the
 * domain and the time, and a button that opens the thing in Cairn (CAIRN_PUBLIC_URL).
 */
export function slackMessage(payload: WebhookEventPayload, publicUrl: string): SlackMessage {
  const title = SLACK_TITLES[payload.type] ?? payload.type;
  const domain = payload.domainKey ? `Domain *${escapeMrkdwn(payload.domainKey)}*` : 'All domains';
  const seconds = Math.floor(new Date(payload.occurredAt).getTime() / 1000);
  return {
    text: `${title}: ${payload.message}`.slice(0, 3000),
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: title.slice(0, 150), emoji: false } },
      { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(payload.message).slice(0, 3000) } },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: domain },
          { type: 'mrkdwn', text: `<!date^${seconds}^{date_short_pretty} {time}|${payload.occurredAt}>` },
        ],
      },
      {
        type: 'actions',
        elements: [
          {
            type: 'button',
            text: { type: 'plain_text', text: 'Open in Cairn' },
            url: cairnLink(payload, publicUrl),
            action_id: 'open_in_cairn',
          },
        ],
      },
    ],
  };
}
