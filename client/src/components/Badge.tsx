import type { ReactNode } from 'react';

export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'muted';

interface BadgeProps {
  tone?: BadgeTone;
  title?: string;
  children: ReactNode;
  testId?: string;
}

export function Badge({ tone = 'neutral', title, children, testId }: BadgeProps) {
  return (
    <span className={`badge badge-${tone}`} title={title} data-testid={testId}>
      {children}
    </span>
  );
}
