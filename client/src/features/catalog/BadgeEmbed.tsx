import { useState } from 'react';
import type { BadgeTokenView, CatalogEntryView } from '@shared/api/catalog';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/Dialog';
import { useRotateBadge } from './hooks';

const absolute = (url: string) => new URL(url, window.location.origin).toString();

/**
 * The badges of an artifact and of its domain, with what to paste into a dashboard, a notebook or
 * a wiki. The URLs carry a token: anyone holding one sees the name, status and caveat count.
 */
export function BadgeEmbed({ entry }: { entry: CatalogEntryView }) {
  const rotate = useRotateBadge({ id: entry.id, domainKey: entry.domain.key });
  const [confirm, setConfirm] = useState<'artifact' | 'domain' | null>(null);
  return (
    <section className="catalog-embed" aria-labelledby="catalog-embed-title" data-testid="badge-embed">
      <h2 id="catalog-embed-title">Badges</h2>
      <p className="small muted">
        Embed these where people look at the data. They show only the name, the trust status and the number of caveats,
        to anyone holding the address.
      </p>
      <BadgeRow
        title={`This ${entry.type}`}
        badge={entry.badges.artifact}
        name={entry.name}
        testId="badge-artifact"
        onRotate={entry.can.rotateBadge ? () => setConfirm('artifact') : null}
      />
      <BadgeRow
        title={`The ${entry.domain.name} domain`}
        badge={entry.badges.domain}
        name={entry.domain.name}
        testId="badge-domain"
        onRotate={entry.can.rotateBadge ? () => setConfirm('domain') : null}
      />
      <ConfirmDialog
        open={confirm !== null}
        title="New badge address"
        message="Every badge embedded with the current address stops showing. Paste the new one where it should stay."
        confirmLabel="Make a new address"
        danger
        busy={rotate.isPending}
        error={rotate.error}
        onCancel={() => setConfirm(null)}
        onConfirm={() => confirm && rotate.mutate(confirm, { onSuccess: () => setConfirm(null) })}
        testId="rotate-badge-dialog"
      />
    </section>
  );
}

interface BadgeRowProps {
  title: string;
  badge: BadgeTokenView;
  name: string;
  testId: string;
  onRotate: (() => void) | null;
}

function BadgeRow({ title, badge, name, testId, onRotate }: BadgeRowProps) {
  const svg = absolute(badge.svgUrl);
  return (
    <div className="catalog-embed-row" data-testid={testId}>
      <div className="catalog-embed-head">
        <strong>{title}</strong>
        <img src={badge.svgUrl} alt={`Cairn trust badge of ${name}`} height={20} />
        {onRotate ? (
          <Button size="small" variant="ghost" onClick={onRotate} data-testid={`${testId}-rotate`}>
            New address
          </Button>
        ) : null}
      </div>
      <code data-testid={`${testId}-html`}>{`<img src="${svg}" alt="Cairn: ${name}">`}</code>
      <code>{`![Cairn: ${name}](${svg})`}</code>
      <code>{absolute(badge.jsonUrl)}</code>
    </div>
  );
}
