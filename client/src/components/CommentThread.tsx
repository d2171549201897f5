import { useState, type FormEvent } from 'react';
import type { CommentView } from '@shared/api/tickets';
import { isApiError } from '../lib/api';
import { formatDateTime, formatRelative } from '../lib/format';
import { Button } from './Button';
import { Field, FormError } from './Field';
import { Markdown } from './Markdown';
import { EmptyState, ErrorState, Loading } from './States';

interface CommentThreadProps {
  comments: CommentView[] | undefined;
  loading: boolean;
  loadError: unknown;
  onRetry: () => void;
  /** absent when the user may not comment */
  onAdd?: (body: string, done: () => void) => void;
  adding: boolean;
  addError: unknown;
}

/** Comments rendered as safe markdown, oldest first, with a box to add one. */
export function CommentThread({ comments, loading, loadError, onRetry, onAdd, adding, addError }: CommentThreadProps) {
  const [body, setBody] = useState('');
  const error = isApiError(addError) ? addError : null;

  function handleSubmit(event: FormEvent) {
    event.preventDefault();
    onAdd?.(body.trim(), () => setBody(''));
  }

  return (
    <section className="panel" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments{comments ? ` (${comments.length})` : ''}</h2>
      {loading ? (
        <Loading label="Loading comments…" />
      ) : loadError ? (
        <ErrorState error={loadError} onRetry={onRetry} />
      ) : !comments?.length ? (
        <EmptyState title="No comments yet." />
      ) : (
        <div data-testid="comments">
          {comments.map((c) => (
            <article key={c.id} className="comment" data-testid="comment">
              <div className="comment-meta">
                <strong>{c.author?.name ?? 'Unknown'}</strong> ·{' '}
                <time dateTime={c.createdAt} title={formatDateTime(c.createdAt)}>
                  {formatRelative(c.createdAt)}
                </time>
              </div>
              <Markdown text={c.body} />
            </article>
          ))}
        </div>
      )}
      {onAdd ? (
        <form onSubmit={handleSubmit} aria-label="Add a comment" style={{ marginTop: '1rem' }}>
          <Field label="Add a comment" hint="Markdown is supported." error={error?.fieldError('body')}>
            {(control) => (
              <textarea
                {...control}
                value={body}
                onChange={(e) => setBody(e.target.value)}
                rows={3}
                data-testid="comment-body"
              />
            )}
          </Field>
          <FormError error={addError} handledFields={['body']} />
          <Button
            type="submit"
            variant="primary"
            busy={adding}
            disabledReason={body.trim() ? null : 'Write something first'}
            data-testid="comment-submit"
          >
            Comment
          </Button>
        </form>
      ) : null}
    </section>
  );
}
