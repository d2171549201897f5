import type { EntityManager } from 'typeorm';
import type { CommentView } from '../../../shared/api/tickets';
import type { Actor } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { touchDomain } from '../domains/domain-access';
import { notify } from '../inbox/notify';
import { Comment } from './comment.entity';

export interface CommentSubject {
  subjectType: Comment['subjectType'];
  /** ticket uuid, or investigation id as text */
  subjectId: string;
  domainId: string;
  /** how notifications name and link the subject, e.g. { entityId: 'RET-12', label: 'RET-12' } */
  notifyAs?: { entityId: string; label: string };
}

// `@dana` or `@dana.smith`: preceded by a start or a non-word character, so emails do not match
const MENTION = /(?:^|[^\w@.])@([a-z0-9][\w.-]{0,63})/gi;

/** The lower-cased words after `@` in a markdown body, trailing punctuation dropped. */
export function mentionedWords(body: string): string[] {
  const words = new Set<string>();
  for (const match of body.matchAll(MENTION)) words.add(match[1].replace(/[.-]+$/, '').toLowerCase());
  return [...words].filter(Boolean).slice(0, 50);
}

/** Active users whose email local part or name without spaces matches one of the words. */
async function usersMentioned(tx: EntityManager, words: string[]): Promise<string[]> {
  if (!words.length) return [];
  const rows: { id: string }[] = await tx.query(
    `SELECT id FROM "user"
      WHERE active AND (lower(split_part(email, '@', 1)) = ANY($1) OR lower(replace(name, ' ', '')) = ANY($1))`,
    [words],
  );
  return rows.map((row) => row.id);
}

/**
 * Notifies the people `text` @mentions on a subject (a comment, or a ticket's or investigation's
 * own description). `before`, on an edit, is the text as it was: whoever it already mentioned has
 * been told, so only the newly mentioned hear of it. The actor is never told about themselves.
 */
export async function notifyMentions(
  tx: EntityManager,
  actor: Actor,
  subject: CommentSubject,
  text: string,
  now: Date,
  before = '',
): Promise<void> {
  const already = new Set(mentionedWords(before));
  const words = mentionedWords(text).filter((word) => !already.has(word));
  if (!words.length) return;
  const label = subject.notifyAs?.label ?? `${subject.subjectType} ${subject.subjectId}`;
  await notify(
    tx,
    await usersMentioned(tx, words),
    {
      kind: 'mentioned',
      domainId: subject.domainId,
      entityType: subject.subjectType,
      entityId: subject.notifyAs?.entityId ?? subject.subjectId,
      at: now,
      message: `${actor.user.name} mentioned you on ${label}`,
    },
    actor.user.id,
  );
}

function presentComment(comment: Comment, author: { id: string; name: string; email: string } | null): CommentView {
  return { id: comment.id, author, body: comment.body, createdAt: comment.createdAt.toISOString() };
}

/**
 * Adds a markdown comment (stored raw) to a ticket or an investigation in the caller's
 * transaction: notifies the people it @mentions, writes the audit event and touches the domain.
 * The caller has already checked the subject exists and the actor may comment.
 */
export async function addComment(
  tx: EntityManager,
  actor: Actor,
  subject: CommentSubject & { body: string },
  now: Date,
): Promise<CommentView> {
  const comment = await tx.save(
    tx.create(Comment, {
      subjectType: subject.subjectType,
      subjectId: subject.subjectId,
      domainId: subject.domainId,
      authorId: actor.user.id,
      body: subject.body,
      createdAt: now,
    }),
  );
  await notifyMentions(tx, actor, subject, subject.body, now);
  await recordAudit(tx, actor, {
    action: 'comment.create',
    entityType: 'comment',
    entityId: comment.id,
    domainId: subject.domainId,
    after: { subjectType: comment.subjectType, subjectId: comment.subjectId, body: comment.body },
  });
  await touchDomain(tx, subject.domainId, now);
  return presentComment(comment, { id: actor.user.id, name: actor.user.name, email: actor.user.email });
}

/** The comments of one subject, oldest first, with their authors (one query). */
export async function listComments(
  em: EntityManager,
  subjectType: Comment['subjectType'],
  subjectId: string,
): Promise<CommentView[]> {
  const rows: {
    id: string;
    body: string;
    created_at: Date;
    author_id: string | null;
    name: string | null;
    email: string | null;
  }[] = await em.query(
    `SELECT c.id, c.body, c.created_at, c.author_id, u.name, u.email
       FROM comment c LEFT JOIN "user" u ON u.id = c.author_id
      WHERE c.subject_type = $1 AND c.subject_id = $2
      ORDER BY c.created_at, c.id`,
    [subjectType, subjectId],
  );
  return rows.map((row) => ({
    id: row.id,
    body: row.body,
    createdAt: new Date(row.created_at).toISOString(),
    author: row.author_id && row.name ? { id: row.author_id, name: row.name, email: row.email ?? '' } : null,
  }));
}
