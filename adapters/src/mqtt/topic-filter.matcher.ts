/**
 * MQTT topic filters (MQTT 3.1.1 §4.7, 5.0 §4.7): `+` matches one level, `#` (last level only) the
 * parent and any number of levels below. Wildcards at the first level never match topics starting
 * with `$` (MQTT-4.7.2-1), so a user allowed `#` still cannot touch `$SYS/…`.
 */

const SHARE_PREFIX = '$share/';

/** True when `filter` is a syntactically valid topic filter (wildcards only as whole levels). */
export function isValidTopicFilter(filter: string): boolean {
  if (filter.length === 0 || filter.length > 65535 || filter.includes('\u0000')) return false;
  const levels = filter.split('/');
  return levels.every((level, i) => {
    if (level === '#') return i === levels.length - 1;
    if (level === '+') return true;
    return !level.includes('#') && !level.includes('+');
  });
}

/** True when `topic` is a valid topic name (no wildcards) that a PUBLISH may carry. */
export function isValidTopicName(topic: string): boolean {
  return topic.length > 0 && topic.length <= 65535 && !/[#+]/.test(topic) && !topic.includes('\u0000');
}

/** Does a PUBLISH to `topic` match `filter`? */
export function matchesTopicFilter(filter: string, topic: string): boolean {
  if (!isValidTopicFilter(filter) || !isValidTopicName(topic)) return false;
  const f = filter.split('/');
  const t = topic.split('/');
  if (t[0].startsWith('$') && (f[0] === '+' || f[0] === '#')) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === '#') return true;
    if (i >= t.length) return false;
    if (f[i] !== '+' && f[i] !== t[i]) return false;
  }
  return f.length === t.length;
}

/**
 * Does `allowed` cover every topic that `requested` could match? Used for SUBSCRIBE ACLs: a user
 * allowed `zhongshu/t1/#` may subscribe to `zhongshu/t1/devices/+/status`, not to `zhongshu/+/#`.
 * A shared subscription (`$share/{group}/{filter}`) is judged by its inner filter.
 */
export function filterCovers(allowed: string, requested: string): boolean {
  const inner = unshare(requested);
  if (inner === undefined || !isValidTopicFilter(allowed) || !isValidTopicFilter(inner)) return false;
  const a = allowed.split('/');
  const r = inner.split('/');
  // A `$…` request can only be covered by a literal `$…` first level (wildcards never match it).
  if (r[0].startsWith('$') && (a[0] === '+' || a[0] === '#')) return false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === '#') return true;
    if (i >= r.length) return false;
    if (r[i] === '#') return false;
    if (a[i] === '+') continue;
    if (r[i] === '+' || a[i] !== r[i]) return false;
  }
  return a.length === r.length;
}

/** Strips `$share/{group}/`; undefined when a shared subscription is malformed. */
function unshare(filter: string): string | undefined {
  if (!filter.startsWith(SHARE_PREFIX)) return filter;
  const rest = filter.slice(SHARE_PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return undefined;
  const group = rest.slice(0, slash);
  if (group.includes('+') || group.includes('#')) return undefined;
  return rest.slice(slash + 1);
}
