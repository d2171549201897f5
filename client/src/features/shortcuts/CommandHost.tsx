import { useEffect, useMemo, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { TicketKind } from '@shared/api/enums';
import { ErrorState } from '../../components/States';
import { paths } from '../../paths';
import { useMe } from '../auth/hooks';
import { useDomain } from '../domains/hooks';
import { ReportInvestigationDialog } from '../investigations/ReportInvestigationDialog';
import { CommandPalette, type PaletteAction } from '../search/CommandPalette';
import { TicketFormDialog } from '../tickets/TicketFormDialog';
import { isPhaseOrNull } from '../tickets/ticket-options';
import { ShortcutsDialog } from './ShortcutsDialog';
import { GO_TO, domainKeyOf, isTyping } from './shortcuts';
import { useRouteFocus } from './use-route-focus';

/** How long `g` waits for its second key. */
const SEQUENCE_MS = 1500;

type Open = { what: 'palette' } | { what: 'shortcuts' } | { what: 'ticket' | 'report'; domainKey: string } | null;

/**
 * The keyboard layer of the signed-in app: the command palette (Ctrl+K, ⌘K, `/`), the shortcuts
 * (`?` lists them), focus on the new page's heading after a navigation, and the dialogs the
 * palette and the shortcuts open (new ticket, report weirdness), reused from their features.
 */
export function CommandHost() {
  const me = useMe();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const currentDomainKey = domainKeyOf(pathname);
  const [open, setOpen] = useState<Open>(null);
  const announcement = useRouteFocus();
  const pendingG = useRef(0);

  useEffect(() => {
    function handleKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        setOpen((current) => (current?.what === 'palette' ? null : { what: 'palette' }));
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (isTyping(event.target) || document.querySelector('dialog[open]')) return;
      const sequence = Date.now() - pendingG.current < SEQUENCE_MS;
      pendingG.current = 0;
      if (sequence) {
        const place = GO_TO.find((p) => p.key === event.key.toLowerCase());
        if (place) {
          event.preventDefault();
          void navigate(place.path());
        }
        return;
      }
      switch (event.key) {
        case 'g':
          pendingG.current = Date.now();
          return;
        case '/':
          event.preventDefault();
          setOpen({ what: 'palette' });
          return;
        case '?':
          event.preventDefault();
          setOpen({ what: 'shortcuts' });
          return;
        case 'c':
          if (currentDomainKey && pathname.startsWith('/domains/') && me.can.contribute) {
            event.preventDefault();
            setOpen({ what: 'ticket', domainKey: currentDomainKey });
          }
          return;
      }
    }
    window.addEventListener('keydown', handleKeyDown);
    return () => window.removeEventListener('keydown', handleKeyDown);
  }, [currentDomainKey, me.can.contribute, navigate, pathname]);

  const actions = useMemo<PaletteAction[]>(() => {
    const goTo = GO_TO.map((place): PaletteAction => ({
      id: `go-${place.key}`,
      label: place.label,
      hint: `g ${place.key}`,
      keywords: place.key === 'b' ? 'portfolio home' : place.key === 'i' ? 'notifications bell' : undefined,
      run: () => void navigate(place.path()),
    }));
    const contribute: PaletteAction[] = me.can.contribute
      ? [
          {
            id: 'new-ticket',
            label: 'New ticket',
            hint: 'c',
            keywords: 'create task concern',
            needsDomain: true,
            run: (domainKey) => domainKey && setOpen({ what: 'ticket', domainKey }),
          },
          {
            id: 'report-weirdness',
            label: 'Report weirdness',
            keywords: 'oddity investigation looks weird',
            needsDomain: true,
            run: (domainKey) => domainKey && setOpen({ what: 'report', domainKey }),
          },
        ]
      : [];
    return [
      ...goTo,
      ...contribute,
      {
        id: 'shortcuts',
        label: 'Keyboard shortcuts',
        hint: '?',
        keywords: 'help keys',
        run: () => setOpen({ what: 'shortcuts' }),
      },
    ];
  }, [me.can.contribute, navigate]);

  const close = () => setOpen(null);
  return (
    <>
      <p className="visually-hidden" aria-live="polite" data-testid="route-announcer">
        {announcement}
      </p>
      {open?.what === 'palette' ? (
        <CommandPalette onClose={close} actions={actions} currentDomainKey={currentDomainKey} />
      ) : null}
      {open?.what === 'shortcuts' ? <ShortcutsDialog onClose={close} /> : null}
      {open?.what === 'ticket' ? <NewTicket domainKey={open.domainKey} onClose={close} /> : null}
      {open?.what === 'report' ? <ReportWeirdness domainKey={open.domainKey} onClose={close} /> : null}
    </>
  );
}

/**
 * The domain's own report dialog; before hand-off, when a domain takes no investigations yet, its
 * new-ticket dialog as a concern instead, so the report is kept rather than refused.
 */
function ReportWeirdness({ domainKey, onClose }: { domainKey: string; onClose: () => void }) {
  const domain = useDomain(domainKey);
  if (domain.isError) return <ErrorState error={domain.error} title={`Domain ${domainKey} could not be loaded`} />;
  if (!domain.data) return null;
  if (domain.data.can.reportInvestigation)
    return <ReportInvestigationDialog open onClose={onClose} domainKey={domain.data.key} />;
  return <NewTicket domainKey={domainKey} onClose={onClose} kind="concern" />;
}

/** The domain's own new-ticket dialog, in its current phase; the new ticket's page opens after. */
function NewTicket({ domainKey, onClose, kind }: { domainKey: string; onClose: () => void; kind?: TicketKind }) {
  const domain = useDomain(domainKey);
  const navigate = useNavigate();
  if (domain.isError) return <ErrorState error={domain.error} title={`Domain ${domainKey} could not be loaded`} />;
  if (!domain.data) return null;
  return (
    <TicketFormDialog
      open
      onClose={onClose}
      domainKey={domain.data.key}
      defaultPhase={isPhaseOrNull(domain.data.stage) ?? 'confidence'}
      defaultKind={kind}
      onSaved={(ticket) => void navigate(paths.ticket(ticket.key))}
    />
  );
}
