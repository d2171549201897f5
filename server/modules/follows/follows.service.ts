import type { DataSource, EntityManager } from 'typeorm';
import type { FollowSubject, FollowView } from '../../../shared/api/follows';
import { notFound } from '../../http/app-error';
import type { Actor } from '../../http/context';
import { recordAudit } from '../audit/audit.service';
import { Artifact } from '../artifacts/artifact.entity';
import { Domain } from '../domains/domain.entity';
import { Follow } from './follow.entity';

interface Subject {
  type: FollowSubject;
  id: string;
  domainId: string;
}

async function findSubject(tx: EntityManager, type: FollowSubject, ref: string): Promise<Subject> {
  if (type === 'domain') {
    const domain = await tx.findOneBy(Domain, { key: ref });
    if (!domain) throw notFound('Domain');
    return { type, id: domain.id, domainId: domain.id };
  }
  const artifact = await tx.findOneBy(Artifact, { id: ref });
  if (!artifact) throw notFound('Artifact');
  return { type, id: artifact.id, domainId: artifact.domainId };
}

async function viewOf(tx: EntityManager, subject: Subject, userId: string): Promise<FollowView> {
  const [row]: { followers: number; mine: boolean }[] = await tx.query(
    `SELECT count(*)::int AS followers, COALESCE(bool_or(user_id = $3), false) AS mine
       FROM follow WHERE subject_type = $1 AND subject_id = $2`,
    [subject.type, subject.id, userId],
  );
  return { subjectType: subject.type, subjectId: subject.id, following: row.mine, followers: Number(row.followers) };
}

/** Whether the caller follows a domain (by key) or an artifact (by id), and how many people do. */
export async function getFollow(
  dataSource: DataSource,
  actor: Actor,
  type: FollowSubject,
  ref: string,
): Promise<FollowView> {
  const subject = await findSubject(dataSource.manager, type, ref);
  return viewOf(dataSource.manager, subject, actor.user.id);
}

/**
 * Anyone signed in, viewers included, follows or unfollows for themselves. Idempotent: following
 * twice or unfollowing what one does not follow changes nothing and writes no audit event.
 */
export async function setFollow(
  dataSource: DataSource,
  actor: Actor,
  type: FollowSubject,
  ref: string,
  following: boolean,
  now: Date,
): Promise<FollowView> {
  return dataSource.transaction(async (tx) => {
    const subject = await findSubject(tx, type, ref);
    const key = { userId: actor.user.id, subjectType: subject.type, subjectId: subject.id };
    let changed = false;
    if (following) {
      const inserted: unknown[] = await tx.query(
        `INSERT INTO follow (user_id, subject_type, subject_id, domain_id, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT DO NOTHING RETURNING user_id`,
        [key.userId, key.subjectType, key.subjectId, subject.domainId, now],
      );
      changed = inserted.length > 0;
    } else {
      const deleted = await tx.delete(Follow, key);
      changed = (deleted.affected ?? 0) > 0;
    }
    if (changed) {
      await recordAudit(tx, actor, {
        action: following ? 'follow.create' : 'follow.delete',
        entityType: subject.type,
        entityId: subject.id,
        domainId: subject.domainId,
        before: { following: !following },
        after: { following },
      });
    }
    return viewOf(tx, subject, actor.user.id);
  });
}

/**
 * Who follows what a piece of trust news is about: followers of the domain and of every artifact
 * in it for domain news (an artifact's trust derives from its domain's); followers of the artifact
 * and of its domain for artifact news.
 */
export async function followersOf(
  tx: EntityManager,
  subject: { domainId: string; artifactId?: string },
): Promise<string[]> {
  const rows: { user_id: string }[] = subject.artifactId
    ? await tx.query(
        `SELECT DISTINCT user_id FROM follow
          WHERE (subject_type = 'artifact' AND subject_id = $2) OR (subject_type = 'domain' AND subject_id = $1)`,
        [subject.domainId, subject.artifactId],
      )
    : await tx.query(`SELECT DISTINCT user_id FROM follow WHERE domain_id = $1`, [subject.domainId]);
  return rows.map((row) => row.user_id);
}
