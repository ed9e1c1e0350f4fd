-- The latest state of each thing events talk about: a 数字城管 case, an alarm, an approval case, a device,
-- a hall window, a hall queue. Walls ask "how many are open now", "which windows are serving", "which
-- devices are offline"; this answers from one row per thing instead of scanning every event.
-- domain: urban_case | safety_alarm | approval_case | device | window | hall.
-- started_at: when the thing started counting (an approval case's first 受理; otherwise its first event).
-- detail: a flat JSON object of string values from the latest event (department, class, metrics…).
CREATE TABLE IF NOT EXISTS entity_state
(
    domain LowCardinality(String),
    entity String,
    first_at SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    last_at SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    started_at SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    events SimpleAggregateFunction(sum, UInt64),
    state AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
    town_code AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
    detail AggregateFunction(argMax, String, DateTime64(3, 'UTC')),
    last_event_id AggregateFunction(argMax, String, DateTime64(3, 'UTC'))
)
ENGINE = AggregatingMergeTree
ORDER BY (domain, entity)
SETTINGS non_replicated_deduplication_window = 1000;

INSERT INTO entity_state
SELECT
    e.1 AS domain,
    e.2 AS entity,
    min(time) AS first_at,
    max(time) AS last_at,
    min(if(e.4, time, toDateTime64('2100-01-01 00:00:00', 3, 'UTC'))) AS started_at,
    count() AS events,
    argMaxState(e.3, time) AS state,
    argMaxState(toString(town_code), time) AS town_code,
    argMaxState(e.5, time) AS detail,
    argMaxState(id, time) AS last_event_id
FROM events
ARRAY JOIN multiIf(
    type = 'cn.zhongshu.urban.case.v1', [(
        'urban_case', JSONExtractString(envelope, 'data', 'caseNo'), JSONExtractString(envelope, 'data', 'stage'), true,
        toJSONString(map(
            'classType', JSONExtractString(envelope, 'data', 'classType'),
            'classCode', JSONExtractString(envelope, 'data', 'classCode'),
            'className', JSONExtractString(envelope, 'data', 'className'),
            'reporterType', JSONExtractString(envelope, 'data', 'reporterType'),
            'department', JSONExtractString(envelope, 'data', 'department'))))],
    type = 'cn.zhongshu.safety.alarm.v1', [(
        'safety_alarm', JSONExtractString(envelope, 'data', 'alarmId'),
        if(JSONExtractString(envelope, 'data', 'status') = '', 'raised', JSONExtractString(envelope, 'data', 'status')), true,
        toJSONString(map(
            'alarmType', JSONExtractString(envelope, 'data', 'alarmType'),
            'level', toString(JSONExtractInt(envelope, 'data', 'level')),
            'severity', toString(severity))))],
    type = 'cn.zhongshu.approval.case.v1', [(
        'approval_case', JSONExtractString(envelope, 'data', 'caseNo'), JSONExtractString(envelope, 'data', 'stage'),
        JSONExtractString(envelope, 'data', 'stage') = 'accept',
        toJSONString(map(
            'itemName', JSONExtractString(envelope, 'data', 'itemName'),
            'department', JSONExtractString(envelope, 'data', 'department'),
            'committedDays', toString(JSONExtractInt(envelope, 'data', 'committedDays')),
            'statutoryDays', toString(JSONExtractInt(envelope, 'data', 'statutoryDays')),
            'onlineAvailable', if(JSONExtractBool(envelope, 'data', 'onlineAvailable'), 'true', 'false'))))],
    type = 'cn.zhongshu.device.status.v1', [(
        'device', JSONExtractString(envelope, 'data', 'deviceId'), JSONExtractString(envelope, 'data', 'status'), true,
        toJSONString(map(
            'deviceType', JSONExtractString(envelope, 'data', 'deviceType'),
            'reason', JSONExtractString(envelope, 'data', 'reason'),
            'metrics', '')))],
    type = 'cn.zhongshu.device.telemetry.v1', [(
        'device', JSONExtractString(envelope, 'data', 'deviceId'), 'online', true,
        toJSONString(map(
            'deviceType', JSONExtractString(envelope, 'data', 'deviceType'),
            'reason', '',
            'metrics', JSONExtractRaw(envelope, 'data', 'metrics'))))],
    type = 'cn.zhongshu.hall.queue.v1' AND JSONExtractString(envelope, 'data', 'windowNo') != ''
        AND JSONExtractString(envelope, 'data', 'windowState') != '', [
        ('window',
         concat(JSONExtractString(envelope, 'data', 'hallId'), '-W', JSONExtractString(envelope, 'data', 'windowNo')),
         JSONExtractString(envelope, 'data', 'windowState'), true,
         toJSONString(map(
             'hallId', JSONExtractString(envelope, 'data', 'hallId'),
             'windowNo', JSONExtractString(envelope, 'data', 'windowNo')))),
        ('hall', JSONExtractString(envelope, 'data', 'hallId'), JSONExtractString(envelope, 'data', 'action'), true,
         toJSONString(map('waitingCount', toString(JSONExtractInt(envelope, 'data', 'waitingCount')))))],
    type = 'cn.zhongshu.hall.queue.v1', [
        ('hall', JSONExtractString(envelope, 'data', 'hallId'), JSONExtractString(envelope, 'data', 'action'), true,
         toJSONString(map('waitingCount', toString(JSONExtractInt(envelope, 'data', 'waitingCount')))))],
    CAST([], 'Array(Tuple(String, String, String, Bool, String))')) AS e
WHERE (SELECT count() FROM entity_state) = 0
GROUP BY domain, entity;

CREATE MATERIALIZED VIEW IF NOT EXISTS entity_state_mv TO entity_state AS
SELECT
    e.1 AS domain,
    e.2 AS entity,
    min(time) AS first_at,
    max(time) AS last_at,
    min(if(e.4, time, toDateTime64('2100-01-01 00:00:00', 3, 'UTC'))) AS started_at,
    count() AS events,
    argMaxState(e.3, time) AS state,
    argMaxState(toString(town_code), time) AS town_code,
    argMaxState(e.5, time) AS detail,
    argMaxState(id, time) AS last_event_id
FROM events
ARRAY JOIN multiIf(
    type = 'cn.zhongshu.urban.case.v1', [(
        'urban_case', JSONExtractString(envelope, 'data', 'caseNo'), JSONExtractString(envelope, 'data', 'stage'), true,
        toJSONString(map(
            'classType', JSONExtractString(envelope, 'data', 'classType'),
            'classCode', JSONExtractString(envelope, 'data', 'classCode'),
            'className', JSONExtractString(envelope, 'data', 'className'),
            'reporterType', JSONExtractString(envelope, 'data', 'reporterType'),
            'department', JSONExtractString(envelope, 'data', 'department'))))],
    type = 'cn.zhongshu.safety.alarm.v1', [(
        'safety_alarm', JSONExtractString(envelope, 'data', 'alarmId'),
        if(JSONExtractString(envelope, 'data', 'status') = '', 'raised', JSONExtractString(envelope, 'data', 'status')), true,
        toJSONString(map(
            'alarmType', JSONExtractString(envelope, 'data', 'alarmType'),
            'level', toString(JSONExtractInt(envelope, 'data', 'level')),
            'severity', toString(severity))))],
    type = 'cn.zhongshu.approval.case.v1', [(
        'approval_case', JSONExtractString(envelope, 'data', 'caseNo'), JSONExtractString(envelope, 'data', 'stage'),
        JSONExtractString(envelope, 'data', 'stage') = 'accept',
        toJSONString(map(
            'itemName', JSONExtractString(envelope, 'data', 'itemName'),
            'department', JSONExtractString(envelope, 'data', 'department'),
            'committedDays', toString(JSONExtractInt(envelope, 'data', 'committedDays')),
            'statutoryDays', toString(JSONExtractInt(envelope, 'data', 'statutoryDays')),
            'onlineAvailable', if(JSONExtractBool(envelope, 'data', 'onlineAvailable'), 'true', 'false'))))],
    type = 'cn.zhongshu.device.status.v1', [(
        'device', JSONExtractString(envelope, 'data', 'deviceId'), JSONExtractString(envelope, 'data', 'status'), true,
        toJSONString(map(
            'deviceType', JSONExtractString(envelope, 'data', 'deviceType'),
            'reason', JSONExtractString(envelope, 'data', 'reason'),
            'metrics', '')))],
    type = 'cn.zhongshu.device.telemetry.v1', [(
        'device', JSONExtractString(envelope, 'data', 'deviceId'), 'online', true,
        toJSONString(map(
            'deviceType', JSONExtractString(envelope, 'data', 'deviceType'),
            'reason', '',
            'metrics', JSONExtractRaw(envelope, 'data', 'metrics'))))],
    type = 'cn.zhongshu.hall.queue.v1' AND JSONExtractString(envelope, 'data', 'windowNo') != ''
        AND JSONExtractString(envelope, 'data', 'windowState') != '', [
        ('window',
         concat(JSONExtractString(envelope, 'data', 'hallId'), '-W', JSONExtractString(envelope, 'data', 'windowNo')),
         JSONExtractString(envelope, 'data', 'windowState'), true,
         toJSONString(map(
             'hallId', JSONExtractString(envelope, 'data', 'hallId'),
             'windowNo', JSONExtractString(envelope, 'data', 'windowNo')))),
        ('hall', JSONExtractString(envelope, 'data', 'hallId'), JSONExtractString(envelope, 'data', 'action'), true,
         toJSONString(map('waitingCount', toString(JSONExtractInt(envelope, 'data', 'waitingCount')))))],
    type = 'cn.zhongshu.hall.queue.v1', [
        ('hall', JSONExtractString(envelope, 'data', 'hallId'), JSONExtractString(envelope, 'data', 'action'), true,
         toJSONString(map('waitingCount', toString(JSONExtractInt(envelope, 'data', 'waitingCount')))))],
    CAST([], 'Array(Tuple(String, String, String, Bool, String))')) AS e
GROUP BY domain, entity;
