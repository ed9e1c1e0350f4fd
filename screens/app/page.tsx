'use client';

import { useT } from '../lib/locale';

export default function HomePage() {
  const t = useT();
  return (
    <main className="home">
      <h1>{t('home.title')}</h1>
      <p>{t('home.subtitle')}</p>
      {/* A plain link: the exported pages are separate HTML files served by the command API. */}
      <a className="home-link" href="/wall/">
        <span>{t('home.wall')}</span>
        <small>{t('home.wallHint')}</small>
      </a>
    </main>
  );
}
