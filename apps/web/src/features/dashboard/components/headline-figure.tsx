// One figure of a headline (target, current value, gap…): its label and its value, as a pair of a
// definition list, with a test id on the value.
import type { ReactNode } from 'react';

export function HeadlineFigure({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <div className="tuowei-headline-figure">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}
