import { useState } from 'react';
import { Link } from 'react-router';
import type { CatalogEntryView, WeirdnessReportResult } from '@shared/api/catalog';
import { canReportInvestigation } from '@shared/workflow/definition';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { isApiError } from '../../lib/api';
import { paths } from '../../paths';
import { useReportWeirdness } from './hooks';

/** The "This looks weird" button of a catalog entry, for members; the dialog it opens. */
export function ReportWeirdnessButton({ entry }: { entry: CatalogEntryView }) {
  const [open, setOpen] = useState(false);
  const [result, setResult] = useState<WeirdnessReportResult | null>(null);
  if (!entry.can.report) return null;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="report-weirdness">
        This looks weird
      </Button>
      {result ? <ReportReceipt result={result} onDismiss={() => setResult(null)} /> : null}
      {open ? (
        <ReportWeirdnessDialog
          entry={entry}
          onClose={() => setOpen(false)}
          onReported={(reported) => {
            setOpen(false);
            setResult(reported);
          }}
        />
      ) : null}
    </>
  );
}

function ReportReceipt({ result, onDismiss }: { result: WeirdnessReportResult; onDismiss: () => void }) {
  return (
    <p className="catalog-receipt" role="status" data-testid="report-receipt">
      {result.message}{' '}
      {result.investigationId !== null ? (
        <Link to={paths.investigation(result.investigationId)}>Open investigation #{result.investigationId}</Link>
      ) : result.ticketKey ? (
        <Link to={paths.ticket(result.ticketKey)}>Open {result.ticketKey}</Link>
      ) : null}{' '}
      <Button size="small" variant="ghost" onClick={onDismiss} aria-label="Dismiss">
        ✕
      </Button>
    </p>
  );
}

interface DialogProps {
  entry: CatalogEntryView;
  onClose: () => void;
  onReported: (result: WeirdnessReportResult) => void;
}

const FIELDS = ['title', 'observed', 'expected', 'link'];

function ReportWeirdnessDialog({ entry, onClose, onReported }: DialogProps) {
  const report = useReportWeirdness(entry.id);
  const [title, setTitle] = useState('');
  const [observed, setObserved] = useState('');
  const [expected, setExpected] = useState('');
  const [link, setLink] = useState('');
  const error = isApiError(report.error) ? report.error : null;

  return (
    <Dialog
      open
      title={`This looks weird: ${entry.name}`}
      onClose={onClose}
      submitLabel="Report"
      busy={report.isPending}
      error={report.error}
      handledFields={FIELDS}
      testId="report-dialog"
      onSubmit={() =>
        report.mutate(
          { title: title.trim(), observed, expected: expected || undefined, link: link.trim() || undefined },
          { onSuccess: onReported },
        )
      }
    >
      <p className="small muted">
        {canReportInvestigation(entry.domain.stage)
          ? `Your report becomes an investigation that the leads of ${entry.domain.name} triage.`
          : `${entry.domain.name} is before hand-off: your report is kept as a concern ticket for its leads.`}
      </p>
      <Field label="Title" required error={error?.fieldError('title')}>
        {(control) => (
          <input {...control} value={title} onChange={(e) => setTitle(e.target.value)} data-testid="report-title" />
        )}
      </Field>
      <Field label="What you saw" required error={error?.fieldError('observed')}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={observed}
            onChange={(e) => setObserved(e.target.value)}
            data-testid="report-observed"
          />
        )}
      </Field>
      <Field label="What you expected" error={error?.fieldError('expected')}>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={expected}
            onChange={(e) => setExpected(e.target.value)}
            data-testid="report-expected"
          />
        )}
      </Field>
      <Field label="Where you saw it (link)" hint="A dashboard or notebook address" error={error?.fieldError('link')}>
        {(control) => (
          <input
            {...control}
            type="url"
            value={link}
            onChange={(e) => setLink(e.target.value)}
            placeholder="https://"
            data-testid="report-link"
          />
        )}
      </Field>
    </Dialog>
  );
}
