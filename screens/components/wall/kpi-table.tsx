'use client';

import { useMemo } from 'react';
import type { Kpi } from '../../lib/kpi-types';
import { useLocale, useT } from '../../lib/locale';
import { LOCALE_TAGS } from '../../lib/messages';
import { columnLabel, itemLabel, reasonText } from '../../lib/wall-labels';
import { useOpenDrill } from './drill-context';
import { KpiUnavailable } from './kpi-unavailable';

interface KpiTableProps {
  theme: string;
  kpi: Kpi | undefined;
  title: string;
  /** Catalogue domain of row keys (e.g. `deviceType`); rows without one show their label. */
  domain?: string;
  limit?: number;
  /** Columns whose value is 1/0 for up/down. */
  flags?: readonly string[];
}

/** Rows × columns (by department, by type); a column the data cannot fill yet says so below the table. */
export function KpiTable({ theme, kpi, title, domain, limit = 8, flags = [] }: KpiTableProps) {
  const t = useT();
  const locale = useLocale();
  const openDrill = useOpenDrill();
  const format = useMemo(() => new Intl.NumberFormat(LOCALE_TAGS[locale], { maximumFractionDigits: 1 }), [locale]);
  if (!kpi) return <div className="ktable pending" />;
  if (kpi.status === 'unavailable') return <KpiUnavailable reason={kpi.reason} />;
  if (kpi.kind !== 'table') return null;
  const rows = kpi.rows.slice(0, limit);
  const missing = new Set(kpi.missing.map((m) => m.column));
  return (
    <div className="ktable" data-testid={`table-${kpi.id}`}>
      <table>
        <thead>
          <tr>
            <th />
            {kpi.columns.map((column) => (
              <th key={column} className={missing.has(column) ? 'missing' : undefined}>
                {columnLabel(t, column)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const label = itemLabel(t, domain, row);
            return (
              <tr
                key={row.key}
                className={kpi.drill ? 'drillable' : undefined}
                data-key={row.key}
                onClick={
                  kpi.drill
                    ? () => openDrill({ theme, kpi: kpi.id, key: row.key, title: `${title} · ${label}` })
                    : undefined
                }
              >
                <th title={label}>{label}</th>
                {row.values.map((value, index) => {
                  const column = kpi.columns[index] ?? '';
                  if (value === null)
                    return (
                      <td key={column} className="none">
                        {t('value.none')}
                      </td>
                    );
                  if (flags.includes(column))
                    return (
                      <td key={column} className={value ? 'up' : 'down'}>
                        {t(value ? 'value.yes' : 'value.no')}
                      </td>
                    );
                  return <td key={column}>{format.format(value)}</td>;
                })}
              </tr>
            );
          })}
          {rows.length === 0 ? (
            <tr>
              <td className="empty" colSpan={kpi.columns.length + 1}>
                {t('drill.empty')}
              </td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {kpi.missing.length > 0 ? (
        <p className="ktable-note" data-testid={`table-note-${kpi.id}`}>
          {[...new Map(kpi.missing.map((m) => [m.reason.code, m])).values()]
            .map(
              (m) =>
                `${kpi.missing
                  .filter((x) => x.reason.code === m.reason.code)
                  .map((x) => columnLabel(t, x.column))
                  .join('、')}：${reasonText(m.reason, locale)}`,
            )
            .join('；')}
        </p>
      ) : null}
    </div>
  );
}
