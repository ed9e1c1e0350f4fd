'use client';

import type { LiveEvent, LiveOrder } from '@zhongshu/stream/contracts';
import { useEffect, useState, type ReactNode } from 'react';
import { useLocale, useT } from '../../lib/locale';
import { fetchMapJson, MAP_API, type EventDetailResponse, type MapDevice } from '../../lib/map-api';
import { DEVICE_STATUS_COLORS, WARNING_COLORS } from '../../lib/map-palette';
import { kindKey, LOCALE_TAGS, severityKey, type MessageKey } from '../../lib/messages';
import { KIND_COLORS, SEVERITY_COLORS } from '../../lib/palette';
import { KIND_ORDER } from './cluster-protocol';

export type MapSelection =
  | { type: 'event'; id: string; live?: LiveEvent }
  | { type: 'cluster'; lng: number; lat: number; count: number; byKind: number[]; clusterId: number }
  | { type: 'order'; order: LiveOrder }
  | { type: 'device'; device: MapDevice };

interface Props {
  selection: MapSelection;
  token?: string;
  timeZone?: string;
  onClose: () => void;
  onZoomIn: (selection: Extract<MapSelection, { type: 'cluster' }>) => void;
}

/** What a click on the map found: one event, a cluster, a work order or a device. */
export function MapDetailPanel({ selection, token, timeZone, onClose, onZoomIn }: Props) {
  const t = useT();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const title: MessageKey =
    selection.type === 'event'
      ? 'map.detail.event'
      : selection.type === 'cluster'
        ? 'map.detail.cluster'
        : selection.type === 'order'
          ? 'map.detail.order'
          : 'map.detail.device';
  return (
    <aside className="cmap-detail" data-testid="map-detail" data-type={selection.type}>
      <header>
        <h3>{t(title)}</h3>
        <button type="button" className="cmap-detail-close" onClick={onClose} aria-label={t('map.detail.close')}>
          ×
        </button>
      </header>
      {selection.type === 'event' ? <EventBody selection={selection} token={token} timeZone={timeZone} /> : null}
      {selection.type === 'cluster' ? <ClusterBody selection={selection} onZoomIn={onZoomIn} /> : null}
      {selection.type === 'order' ? <OrderBody order={selection.order} timeZone={timeZone} /> : null}
      {selection.type === 'device' ? <DeviceBody device={selection.device} timeZone={timeZone} /> : null}
    </aside>
  );
}

function useTime(timeZone?: string) {
  const locale = useLocale();
  return (iso: string | undefined) => {
    if (!iso) return '';
    const date = new Date(iso);
    if (Number.isNaN(date.getTime())) return iso;
    return new Intl.DateTimeFormat(LOCALE_TAGS[locale], {
      timeZone,
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).format(date);
  };
}

function Row({ label, children }: { label: MessageKey; children: ReactNode }) {
  const t = useT();
  if (children === undefined || children === null || children === '') return null;
  return (
    <div className="cmap-detail-row">
      <dt>{t(label)}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Chip({ color, children }: { color: string; children: ReactNode }) {
  return (
    <span className="cmap-chip" style={{ ['--chip' as string]: color }}>
      {children}
    </span>
  );
}

function EventBody({
  selection,
  token,
  timeZone,
}: {
  selection: Extract<MapSelection, { type: 'event' }>;
  token?: string;
  timeZone?: string;
}) {
  const t = useT();
  const time = useTime(timeZone);
  const [detail, setDetail] = useState<EventDetailResponse | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    setDetail(null);
    fetchMapJson<EventDetailResponse>(MAP_API.event(selection.id), token, abort.signal)
      .then(setDetail)
      .catch(() => undefined); // the live summary (if any) stays; an event not yet stored is simply brief
    return () => abort.abort();
  }, [selection.id, token]);
  const event = detail ?? selection.live;
  if (!event) return <p className="cmap-detail-wait">{t('map.detail.loading')}</p>;
  return (
    <>
      <p className="cmap-detail-summary" data-testid="map-detail-summary">
        {event.summary}
      </p>
      <dl>
        <Row label="map.detail.source">
          <Chip color={KIND_COLORS[event.kind]}>{t(kindKey(event.kind))}</Chip>
        </Row>
        <Row label="map.detail.severity">
          <Chip color={SEVERITY_COLORS[event.severity]}>{t(severityKey(event.severity))}</Chip>
        </Row>
        <Row label="map.detail.time">{time(event.time)}</Row>
        <Row label="map.detail.town">{event.townName}</Row>
        <Row label="map.detail.grid">{detail?.grid}</Row>
        <Row label="map.detail.address">{detail?.address}</Row>
        <Row label="map.detail.category">{event.category}</Row>
      </dl>
    </>
  );
}

function ClusterBody({
  selection,
  onZoomIn,
}: {
  selection: Extract<MapSelection, { type: 'cluster' }>;
  onZoomIn: Props['onZoomIn'];
}) {
  const t = useT();
  const max = Math.max(1, ...selection.byKind);
  return (
    <>
      <p className="cmap-detail-count">
        <b data-testid="map-detail-count">{selection.count}</b>
        <span>{t('map.detail.count')}</span>
      </p>
      <ul className="cmap-detail-kinds">
        {KIND_ORDER.map((kind, i) =>
          selection.byKind[i] > 0 ? (
            <li key={kind} style={{ ['--kind' as string]: KIND_COLORS[kind] }}>
              <span>{t(kindKey(kind))}</span>
              <i style={{ width: `${(selection.byKind[i] / max) * 100}%` }} />
              <b>{selection.byKind[i]}</b>
            </li>
          ) : null,
        )}
      </ul>
      <button type="button" className="cmap-detail-action" onClick={() => onZoomIn(selection)}>
        {t('map.detail.zoomIn')}
      </button>
    </>
  );
}

function OrderBody({ order, timeZone }: { order: LiveOrder; timeZone?: string }) {
  const t = useT();
  const time = useTime(timeZone);
  return (
    <>
      <p className="cmap-detail-summary">{order.title}</p>
      <dl>
        <Row label="map.detail.warning">
          <Chip color={WARNING_COLORS[order.warning]}>{t(`warning.${order.warning}`)}</Chip>
        </Row>
        <Row label="map.detail.status">{order.status}</Row>
        <Row label="map.detail.deadline">{time(order.deadline)}</Row>
        <Row label="map.detail.department">{order.leadDepartment}</Row>
        <Row label="map.detail.town">{order.townName}</Row>
        <Row label="map.detail.source">{order.source ? t(kindKey(order.source)) : undefined}</Row>
      </dl>
    </>
  );
}

function DeviceBody({ device, timeZone }: { device: MapDevice; timeZone?: string }) {
  const t = useT();
  const time = useTime(timeZone);
  return (
    <>
      <p className="cmap-detail-summary">{device.id}</p>
      <dl>
        <Row label="map.detail.status">
          <Chip color={DEVICE_STATUS_COLORS[device.status]}>{t(`deviceStatus.${device.status}`)}</Chip>
        </Row>
        <Row label="map.detail.type">
          {device.type === device.category ? device.type : `${device.type} · ${device.category}`}
        </Row>
        <Row label="map.detail.since">{time(device.since)}</Row>
        <Row label="map.detail.lastSeen">{time(device.lastSeen)}</Row>
        <Row label="map.detail.town">{device.townName}</Row>
      </dl>
    </>
  );
}
