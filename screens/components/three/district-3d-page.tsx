'use client';

import { useSyncExternalStore } from 'react';
import { useT } from '../../lib/locale';
import { kindKey } from '../../lib/messages';
import { KIND_COLORS, KINDS } from '../../lib/palette';
import { District3D } from './district-3d';

const noSubscribe = () => () => {};
/** Walls keep their token in the URL (`?token=`); `?orbit=0` stops the turn. */
const readParams = () => window.location.search;

/** /wall/3d: the 3D view on a whole screen, for a wall of its own or a 拼接屏 tile. */
export function District3DPage() {
  const t = useT();
  const search = useSyncExternalStore(noSubscribe, readParams, () => '');
  const params = new URLSearchParams(search);
  const token = params.get('token') ?? undefined;
  const orbit = params.get('orbit') !== '0';
  return (
    <main className="d3-page">
      <header className="d3-page-head">
        <h1>{t('three.title')}</h1>
        <p>{t('three.subtitle')}</p>
      </header>
      <District3D token={token} orbit={orbit} />
      <footer className="d3-page-legend">
        {KINDS.map((kind) => (
          <span key={kind} style={{ ['--kind' as string]: KIND_COLORS[kind] }}>
            <i />
            {t(kindKey(kind))}
          </span>
        ))}
      </footer>
    </main>
  );
}
