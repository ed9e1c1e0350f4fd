import type { Severity, SourceKind } from '@zhongshu/stream/contracts';

/**
 * The one message catalogue of the screens. Every piece of UI text goes through `t()`:
 * zh-CN is the product language, English sits alongside for partners and reviewers.
 * Placeholders are written `{name}` and filled from `vars`.
 */
export const messages = {
  'app.name': { zh: '中枢 · 城市运行指挥中心', en: 'Zhongshu · City Operations Command Centre' },
  'app.description': {
    zh: '一网统管：全区实时城市运行态势',
    en: 'One network for the whole district: live city operations',
  },
  'home.title': { zh: '中枢', en: 'Zhongshu' },
  'home.subtitle': { zh: '城市运行“一网统管”中枢', en: 'The hub for running a city as one network' },
  'home.wall': { zh: '进入指挥大屏', en: 'Open the command wall' },
  'home.wallHint': { zh: '指挥长大屏 · 全区实时态势', en: "Commander's wall · the whole district live" },

  'wall.title': { zh: '秀英区城市运行指挥中心', en: 'Xiuying District City Operations Command Centre' },
  'wall.subtitle': { zh: '一网管全区 · 一屏观数据', en: 'One network runs the district · one screen shows it' },
  'wall.loading': { zh: '正在加载…', en: 'Loading…' },
  'wall.loadFailed': { zh: '数据加载失败，正在重试', en: 'Loading failed, retrying' },

  'live.connecting': { zh: '正在连接', en: 'Connecting' },
  'live.online': { zh: '实时连接', en: 'Live' },
  'live.offline': { zh: '实时数据中断', en: 'Live data interrupted' },
  'freshness.label': { zh: '最新事件', en: 'Newest event' },
  'freshness.none': { zh: '暂无事件', en: 'No events yet' },
  'freshness.justNow': { zh: '刚刚', en: 'just now' },
  'freshness.seconds': { zh: '{n}秒前', en: '{n} s ago' },
  'freshness.minutes': { zh: '{n}分钟前', en: '{n} min ago' },
  'freshness.hours': { zh: '{n}小时前', en: '{n} h ago' },

  'kpi.title': { zh: '今日事件总量', en: "Today's events" },
  'kpi.total': { zh: '全区合计', en: 'District total' },
  'kpi.lastHour': { zh: '近1小时', en: 'Last hour' },
  'kpi.share': { zh: '占比', en: 'Share' },
  'kpi.unit': { zh: '件', en: '' },

  'map.title': { zh: '全域态势', en: 'District situation' },
  'map.points': { zh: '实时点位', en: 'Live points' },
  'map.towns': { zh: '镇街', en: 'Towns' },
  'map.grids': { zh: '网格', en: 'Grids' },
  'map.hotTowns': { zh: '热点镇街', en: 'Busiest towns' },
  'map.hotTownsHint': { zh: '近{n}条事件', en: 'last {n} events' },
  'map.unavailable': { zh: '地图暂不可用', en: 'Map unavailable' },

  'feed.title': { zh: '实时事件', en: 'Live events' },
  'feed.empty': { zh: '等待实时事件…', en: 'Waiting for live events…' },
  'feed.count': { zh: '最新{n}条', en: 'Newest {n}' },

  'trend.title': { zh: '分钟级趋势', en: 'Per-minute trend' },
  'trend.window': { zh: '近60分钟 · 件/分钟', en: 'Last 60 min · events per minute' },

  'kind.hotline': { zh: '12345热线', en: '12345 hotline' },
  'kind.urban': { zh: '城市管理', en: 'Urban mgmt' },
  'kind.safety': { zh: '社会治安', en: 'Public safety' },
  'kind.device': { zh: '物联感知', en: 'IoT devices' },
  'kind.approval': { zh: '政务审批', en: 'Approvals' },
  'kind.hall': { zh: '政务大厅', en: 'Service hall' },

  'severity.info': { zh: '提示', en: 'Info' },
  'severity.minor': { zh: '一般', en: 'Minor' },
  'severity.major': { zh: '重要', en: 'Major' },
  'severity.critical': { zh: '紧急', en: 'Critical' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type MessageKey = keyof typeof messages;
export type Locale = 'zh' | 'en';
export const DEFAULT_LOCALE: Locale = 'zh';

/** BCP 47 tags for `<html lang>` and `Intl` formatting. */
export const LOCALE_TAGS: Record<Locale, string> = { zh: 'zh-CN', en: 'en' };

export type Vars = Record<string, string | number>;

export function t(key: MessageKey, vars?: Vars, locale: Locale = DEFAULT_LOCALE): string {
  const text: string = messages[key][locale];
  return vars ? text.replace(/\{(\w+)\}/g, (match, name: string) => (name in vars ? String(vars[name]) : match)) : text;
}

export const kindKey = (kind: SourceKind): MessageKey => `kind.${kind}`;
export const severityKey = (severity: Severity): MessageKey => `severity.${severity}`;

/** `?lang=en` switches; anything else is zh-CN. */
export function localeFromSearch(search: string): Locale {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : DEFAULT_LOCALE;
}
