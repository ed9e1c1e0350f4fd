'use client';

import type { KpiReason } from '../../lib/kpi-types';
import { useLocale, useT } from '../../lib/locale';
import { reasonText } from '../../lib/wall-labels';

/** Where a KPI has no data yet: a calm "—" and the reason, never a made-up number. */
export function KpiUnavailable({ reason }: { reason: KpiReason }) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="kpi-unavailable" data-testid="kpi-unavailable" data-reason={reason.code}>
      <b>{t('value.none')}</b>
      <span>{reasonText(reason, locale)}</span>
    </div>
  );
}
