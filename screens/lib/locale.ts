'use client';

import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { DEFAULT_LOCALE, LOCALE_TAGS, localeFromSearch, t, type Locale, type MessageKey, type Vars } from './messages';

// The export is static HTML in zh-CN; `?lang=en` is read on the client after hydration.
const subscribe = (onChange: () => void) => {
  window.addEventListener('popstate', onChange);
  return () => window.removeEventListener('popstate', onChange);
};
const clientLocale = () => localeFromSearch(window.location.search);
const serverLocale = () => DEFAULT_LOCALE;

export function useLocale(): Locale {
  const locale = useSyncExternalStore(subscribe, clientLocale, serverLocale);
  useEffect(() => {
    document.documentElement.lang = LOCALE_TAGS[locale];
  }, [locale]);
  return locale;
}

export type Translate = (key: MessageKey, vars?: Vars) => string;

export function useT(): Translate {
  const locale = useLocale();
  return useCallback((key, vars) => t(key, vars, locale), [locale]);
}
