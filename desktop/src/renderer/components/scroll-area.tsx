// A wide table's horizontal scroll box. It takes keyboard focus (WCAG 2.1.1: a scrollable
// region must be reachable without a mouse), so it is a labelled region.
import type { ReactNode } from 'react';

export function ScrollArea({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to scroll by keyboard.
    <section className="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
