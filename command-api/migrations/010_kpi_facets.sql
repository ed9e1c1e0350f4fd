-- Per-minute counts by facet: the breakdowns walls show (受理方式, 诉求类型, 报警类型, 好差评…) without
-- reading raw rows. One row per (minute, kind, facet, value, type, town); `measure` sums a number the
-- facet carries (wait seconds of a hall call). `label` is display text from the source (category names);
-- rows of one value share it, so any() of it is the label. The facet expressions here are repeated in
-- command-api/src/kpis/facets.sql.ts for drill-down; kpi int tests check both agree.
CREATE TABLE IF NOT EXISTS kpi_facet_minute
(
    minute DateTime('UTC'),
    kind LowCardinality(String),
    facet LowCardinality(String),
    value String,
    type LowCardinality(String),
    town_code LowCardinality(String),
    label String,
    events UInt64,
    measure Float64
)
ENGINE = SummingMergeTree((events, measure))
PARTITION BY toYYYYMM(minute)
ORDER BY (facet, kind, minute, value, type, town_code)
SETTINGS non_replicated_deduplication_window = 1000;

-- Backfill from events already stored, once (the view below does the rest; the pipeline is not running
-- while migrations run). Guarded so a rerun after a crash cannot count twice.
INSERT INTO kpi_facet_minute
SELECT
    toStartOfMinute(time) AS minute,
    kind,
    f.1 AS facet,
    f.2 AS value,
    type,
    town_code,
    any(f.3) AS label,
    count() AS events,
    sum(f.4) AS measure
FROM events
ARRAY JOIN arrayConcat(
    multiIf(
        type = 'cn.zhongshu.hotline.ticket.v1', [
            ('channel', JSONExtractString(envelope, 'data', 'channel'), '', 0.),
            ('ticketKind', JSONExtractString(envelope, 'data', 'kind'), '', 0.),
            ('handling', if(JSONExtractBool(envelope, 'data', 'needsHandling'), 'dispatched', 'answered'), '', 0.),
            ('category', JSONExtractString(envelope, 'data', 'categoryCode'), JSONExtractString(envelope, 'data', 'categoryName'), 0.)],
        type = 'cn.zhongshu.urban.case.v1', [
            ('stage', JSONExtractString(envelope, 'data', 'stage'), '', 0.)],
        type = 'cn.zhongshu.safety.alarm.v1' AND JSONExtractString(envelope, 'data', 'status') IN ('', 'raised'), [
            ('alarmType', JSONExtractString(envelope, 'data', 'alarmType'), '', 0.),
            ('alarmSeverity', severity, '', 0.)],
        type = 'cn.zhongshu.device.status.v1', [
            ('deviceStatus', JSONExtractString(envelope, 'data', 'status'), '', 0.)],
        type = 'cn.zhongshu.approval.case.v1', [
            ('stage', JSONExtractString(envelope, 'data', 'stage'), '', 0.)],
        type = 'cn.zhongshu.hall.queue.v1' AND JSONExtractString(envelope, 'data', 'action') = 'call', [
            ('hallAction', 'call', '', 0.),
            ('wait', '', '', JSONExtractFloat(envelope, 'data', 'waitSeconds'))],
        type = 'cn.zhongshu.hall.queue.v1', [
            ('hallAction', JSONExtractString(envelope, 'data', 'action'), '', 0.)],
        type = 'cn.zhongshu.hall.evaluation.v1', [
            ('rating', toString(JSONExtractInt(envelope, 'data', 'rating')), '', 0.)],
        CAST([], 'Array(Tuple(String, String, String, Float64))')),
    multiIf(type = 'cn.zhongshu.device.status.v1' AND JSONExtractString(envelope, 'data', 'status') IN ('offline', 'fault'),
        [('deviceAlarm', JSONExtractString(envelope, 'data', 'status'), '', 0.)],
       type = 'cn.zhongshu.device.telemetry.v1' AND severity IN ('major', 'critical'),
        [('deviceAlarm', 'threshold', '', 0.)],
        CAST([], 'Array(Tuple(String, String, String, Float64))')),
    if(grid_code != '' AND kind IN ('hotline', 'urban', 'safety'),
        [('grid', grid_code, '', 0.)],
        CAST([], 'Array(Tuple(String, String, String, Float64))')),
    [('source', source, '', 0.)]
) AS f
WHERE (SELECT count() FROM kpi_facet_minute) = 0
GROUP BY minute, kind, facet, value, type, town_code;

CREATE MATERIALIZED VIEW IF NOT EXISTS kpi_facet_minute_mv TO kpi_facet_minute AS
SELECT
    toStartOfMinute(time) AS minute,
    kind,
    f.1 AS facet,
    f.2 AS value,
    type,
    town_code,
    any(f.3) AS label,
    count() AS events,
    sum(f.4) AS measure
FROM events
ARRAY JOIN arrayConcat(
    multiIf(
        type = 'cn.zhongshu.hotline.ticket.v1', [
            ('channel', JSONExtractString(envelope, 'data', 'channel'), '', 0.),
            ('ticketKind', JSONExtractString(envelope, 'data', 'kind'), '', 0.),
            ('handling', if(JSONExtractBool(envelope, 'data', 'needsHandling'), 'dispatched', 'answered'), '', 0.),
            ('category', JSONExtractString(envelope, 'data', 'categoryCode'), JSONExtractString(envelope, 'data', 'categoryName'), 0.)],
        type = 'cn.zhongshu.urban.case.v1', [
            ('stage', JSONExtractString(envelope, 'data', 'stage'), '', 0.)],
        type = 'cn.zhongshu.safety.alarm.v1' AND JSONExtractString(envelope, 'data', 'status') IN ('', 'raised'), [
            ('alarmType', JSONExtractString(envelope, 'data', 'alarmType'), '', 0.),
            ('alarmSeverity', severity, '', 0.)],
        type = 'cn.zhongshu.device.status.v1', [
            ('deviceStatus', JSONExtractString(envelope, 'data', 'status'), '', 0.)],
        type = 'cn.zhongshu.approval.case.v1', [
            ('stage', JSONExtractString(envelope, 'data', 'stage'), '', 0.)],
        type = 'cn.zhongshu.hall.queue.v1' AND JSONExtractString(envelope, 'data', 'action') = 'call', [
            ('hallAction', 'call', '', 0.),
            ('wait', '', '', JSONExtractFloat(envelope, 'data', 'waitSeconds'))],
        type = 'cn.zhongshu.hall.queue.v1', [
            ('hallAction', JSONExtractString(envelope, 'data', 'action'), '', 0.)],
        type = 'cn.zhongshu.hall.evaluation.v1', [
            ('rating', toString(JSONExtractInt(envelope, 'data', 'rating')), '', 0.)],
        CAST([], 'Array(Tuple(String, String, String, Float64))')),
    multiIf(type = 'cn.zhongshu.device.status.v1' AND JSONExtractString(envelope, 'data', 'status') IN ('offline', 'fault'),
        [('deviceAlarm', JSONExtractString(envelope, 'data', 'status'), '', 0.)],
       type = 'cn.zhongshu.device.telemetry.v1' AND severity IN ('major', 'critical'),
        [('deviceAlarm', 'threshold', '', 0.)],
        CAST([], 'Array(Tuple(String, String, String, Float64))')),
    if(grid_code != '' AND kind IN ('hotline', 'urban', 'safety'),
        [('grid', grid_code, '', 0.)],
        CAST([], 'Array(Tuple(String, String, String, Float64))')),
    [('source', source, '', 0.)]
) AS f
GROUP BY minute, kind, facet, value, type, town_code;
