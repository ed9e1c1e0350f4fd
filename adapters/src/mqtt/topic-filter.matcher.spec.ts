import { describe, expect, it } from 'vitest';
import { filterCovers, isValidTopicFilter, matchesTopicFilter } from './topic-filter.matcher';

describe('matchesTopicFilter', () => {
  it.each([
    ['zhongshu/t1/devices/d1/telemetry', 'zhongshu/t1/devices/d1/telemetry', true],
    ['zhongshu/+/devices/+/+', 'zhongshu/t1/devices/d1/status', true],
    ['zhongshu/+/devices/+/+', 'zhongshu/t1/devices/d1', false],
    ['zhongshu/+/devices/+/+', 'zhongshu/t1/devices/d1/status/extra', false],
    ['spBv1.0/#', 'spBv1.0/G1/NDATA/E1', true],
    ['spBv1.0/#', 'spBv1.0', true], // `#` includes the parent level
    ['spBv1.0/G1/#', 'spBv1.0/G2/NDATA/E1', false],
    ['+/+', '/finance', true], // an empty level is a level
    ['+', '/finance', false],
    ['#', 'anything/at/all', true],
    ['#', '$SYS/broker/uptime', false],
    ['+/broker/uptime', '$SYS/broker/uptime', false],
    ['$SYS/#', '$SYS/broker/uptime', true],
    ['a/b', 'a/B', false], // case-sensitive
  ])('%s matches %s: %s', (filter, topic, expected) => {
    expect(matchesTopicFilter(filter, topic)).toBe(expected);
  });

  it('never matches with an invalid filter or a topic holding wildcards', () => {
    expect(matchesTopicFilter('a/#/b', 'a/x/b')).toBe(false);
    expect(matchesTopicFilter('a/b+', 'a/b+')).toBe(false);
    expect(matchesTopicFilter('a/+', 'a/+')).toBe(false);
    expect(matchesTopicFilter('', '')).toBe(false);
  });
});

describe('isValidTopicFilter', () => {
  it('accepts wildcards only as whole levels and `#` only last', () => {
    expect(isValidTopicFilter('a/+/c/#')).toBe(true);
    expect(isValidTopicFilter('#')).toBe(true);
    expect(isValidTopicFilter('a/#/c')).toBe(false);
    expect(isValidTopicFilter('a/b#')).toBe(false);
    expect(isValidTopicFilter('a/+b')).toBe(false);
    expect(isValidTopicFilter('')).toBe(false);
  });
});

describe('filterCovers (subscribe ACLs)', () => {
  it.each([
    ['zhongshu/t1/#', 'zhongshu/t1/devices/+/status', true],
    ['zhongshu/t1/#', 'zhongshu/t1/#', true],
    ['zhongshu/t1/#', 'zhongshu/t1', true],
    ['zhongshu/t1/#', 'zhongshu/+/#', false],
    ['zhongshu/t1/#', 'zhongshu/#', false],
    ['zhongshu/+/devices/+/+', 'zhongshu/t1/devices/d1/status', true],
    ['zhongshu/+/devices/+/+', 'zhongshu/t1/devices/+/#', false],
    ['zhongshu/+/devices/+/+', 'zhongshu/+/devices/+/+', true],
    ['a/+', 'a/#', false],
    ['#', 'a/#', true],
    ['#', '$SYS/#', false],
    ['spBv1.0/#', '$share/zhongshu/spBv1.0/+/NDATA/#', true],
    ['spBv1.0/#', '$share/zhongshu/other/#', false],
    ['spBv1.0/#', '$share//spBv1.0/#', false],
  ])('%s covers %s: %s', (allowed, requested, expected) => {
    expect(filterCovers(allowed, requested)).toBe(expected);
  });
});
