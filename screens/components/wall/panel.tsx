import type { ReactNode } from 'react';

interface PanelProps {
  title: string;
  /** Right side of the title bar: legend, counters. */
  extra?: ReactNode;
  className?: string;
  children: ReactNode;
  testId?: string;
}

/** The framed DataV-style box every widget sits in: corner brackets, a title bar with a glowing rule. */
export function Panel({ title, extra, className, children, testId }: PanelProps) {
  return (
    <section className={`panel ${className ?? ''}`} data-testid={testId}>
      <i className="panel-corner tl" />
      <i className="panel-corner tr" />
      <i className="panel-corner bl" />
      <i className="panel-corner br" />
      <header className="panel-head">
        <h2 className="panel-title">
          <span className="panel-title-mark" aria-hidden />
          {title}
        </h2>
        {extra ? <div className="panel-extra">{extra}</div> : null}
      </header>
      <div className="panel-body">{children}</div>
    </section>
  );
}
