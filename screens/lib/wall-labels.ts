import type { KpiItem, KpiReason } from './kpi-types';
import { messages, type Locale, type MessageKey } from './messages';
import type { Translate } from './locale';

const isKey = (key: string): key is MessageKey => key in messages;

/** The catalogue label of a theme's KPI (`kpi.hotline.channels`); the id itself if it has none. */
export function kpiLabel(t: Translate, theme: string, id: string): string {
  const key = `kpi.${theme}.${id}`;
  return isKey(key) ? t(key) : id;
}

/**
 * The label of one breakdown item or series line: its enum name from the catalogue (`enum.channel.phone`,
 * `kind.hotline`, `severity.major`), else the label the data brought (a category name, a town), else the key.
 */
export function itemLabel(t: Translate, domain: string | undefined, item: Pick<KpiItem, 'key' | 'label'>): string {
  if (domain) {
    const key =
      domain === 'kind' || domain === 'severity' || domain === 'deviceStatus'
        ? `${domain}.${item.key}`
        : `enum.${domain}.${item.key}`;
    if (isKey(key)) return t(key);
  }
  return item.label || item.key;
}

export function columnLabel(t: Translate, column: string): string {
  const key = `col.${column}`;
  return isKey(key) ? t(key) : column;
}

export function reasonText(reason: KpiReason, locale: Locale): string {
  return locale === 'en' ? reason.en : reason.zh;
}
