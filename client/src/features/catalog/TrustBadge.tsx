import type { TrustStatus, TrustView } from '@shared/api/catalog';
import type { DomainStage } from '@shared/api/enums';
import { Badge, type BadgeTone } from '../../components/Badge';

export const TRUST_LABELS: Record<TrustStatus, string> = {
  certified: 'Certified',
  at_risk: 'At risk',
  in_progress: 'In progress',
  deprecated: 'Deprecated',
};

const TRUST_TONES: Record<TrustStatus, BadgeTone> = {
  certified: 'success',
  at_risk: 'danger',
  in_progress: 'warning',
  deprecated: 'muted',
};

export const STAGE_LABELS: Record<DomainStage, string> = {
  specs: 'gathering specs',
  scoping: 'scoping',
  handoff: 'product hand-off',
  weirdness: 'exploring weirdness',
  confidence: 'confidence',
  certified: 'certified domain',
};

/** The trust status in words: "In progress · scoping", "At risk". */
export function trustText(trust: TrustView): string {
  if (trust.status === 'in_progress' && trust.phase)
    return `${TRUST_LABELS.in_progress} · ${STAGE_LABELS[trust.phase]}`;
  return TRUST_LABELS[trust.status];
}

export function TrustBadge({ trust }: { trust: TrustView }) {
  return (
    <Badge tone={TRUST_TONES[trust.status]} title={trust.reason ?? undefined} testId="trust-badge">
      {trustText(trust)}
    </Badge>
  );
}
