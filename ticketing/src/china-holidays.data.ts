/**
 * Built-in national arrangements (放假调休安排) of the State Council General Office. Each year lists the
 * days off that would otherwise be working days' neighbours (法定假日 and the 调休 days folded into them)
 * and the 调休 make-up working days (上班的周六/周日). A city adds other years, or corrects these, through
 * `CalendarConfig`; a configured year replaces the built-in one as a whole, so a correction never mixes sources.
 */
export interface CalendarYear {
  /** Days off, YYYY-MM-DD, weekends inside a holiday included (harmless; they are off anyway). */
  holidays: string[];
  /** Make-up working days (调休上班), usually a Saturday or Sunday. */
  workdays: string[];
}

/** Year (as a string, JSON-friendly) → that year's arrangement. */
export type CalendarConfig = Record<string, CalendarYear>;

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * 国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号, 2025-11-04; published by Xinhua and on
 * www.gov.cn/zhengce/content/202511/content_7047090.htm):
 * 元旦 1月1日–3日, 1月4日(日)上班; 春节 2月15日–23日, 2月14日(六)、2月28日(六)上班; 清明 4月4日–6日;
 * 劳动节 5月1日–5日, 5月9日(六)上班; 端午 6月19日–21日; 中秋 9月25日–27日;
 * 国庆 10月1日–7日, 9月20日(日)、10月10日(六)上班.
 */
const CN_2026: CalendarYear = {
  holidays: [
    ...range('2026-01-01', '2026-01-03'),
    ...range('2026-02-15', '2026-02-23'),
    ...range('2026-04-04', '2026-04-06'),
    ...range('2026-05-01', '2026-05-05'),
    ...range('2026-06-19', '2026-06-21'),
    ...range('2026-09-25', '2026-09-27'),
    ...range('2026-10-01', '2026-10-07'),
  ],
  workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
};

/**
 * 国务院办公厅关于2025年部分节假日安排的通知 (www.gov.cn/zhengce/content/202411/content_6986382.htm), kept so
 * orders accepted in late 2025 and still open in 2026 count their time correctly.
 */
const CN_2025: CalendarYear = {
  holidays: [
    '2025-01-01',
    ...range('2025-01-28', '2025-02-04'),
    ...range('2025-04-04', '2025-04-06'),
    ...range('2025-05-01', '2025-05-05'),
    ...range('2025-05-31', '2025-06-02'),
    ...range('2025-10-01', '2025-10-08'),
  ],
  workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
};

export const BUILT_IN_CN_CALENDAR: Readonly<CalendarConfig> = Object.freeze({ '2025': CN_2025, '2026': CN_2026 });
