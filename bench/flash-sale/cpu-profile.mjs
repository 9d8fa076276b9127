// For --profile: where the api's CPU went, from the .cpuprofile `node --cpu-prof` writes at exit.
import { readFileSync } from 'node:fs';

/** node_modules/<package>, Furrow's dist/src/<folder>, Node's own, or V8's pseudo-frames. */
function areaOf(url, functionName) {
  if (!url) return `(${functionName.replace(/[()]/g, '') || 'native'})`;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  const own = /dist\/src\/((?:modules|common|app|queue|database|web)\/[^/]+|[^/]+)/.exec(url)?.[1];
  if (own) return `furrow ${own.replace(/\.js$/, '')}`;
  if (url.startsWith('node:')) return `node ${url.slice(5).split('/')[0]}`;
  return url;
}

const shortUrl = (url) =>
  url
    .replace(/^.*node_modules\//, '')
    .replace(/^.*dist\//, '')
    .replace(/^file:\/\//, '');

/**
 * Self time by function and by area, and inclusive time by area (an area counted once per
 * sample however deep it recurs), over the samples taken inside `windows` ({ fromUs, toUs } on the
 * monotonic clock V8 and process.hrtime share on Linux) when given: the bursts, not boot and seeding.
 */
export function summariseProfile(file, { top = 15, windows } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map();
  const selfArea = new Map();
  const inclusiveArea = new Map();
  let total = 0;
  let idle = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    if (windows && !windows.some((w) => at >= w.fromUs && at <= w.toUs)) return;
    const node = byId.get(id);
    const { functionName, url, lineNumber } = node.callFrame;
    total += us;
    if (functionName === '(idle)') {
      idle += us;
      return;
    }
    const key = `${functionName || '(anonymous)'} ${url ? `${shortUrl(url)}:${lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + us);
    const area = areaOf(url, functionName);
    selfArea.set(area, (selfArea.get(area) ?? 0) + us);
    const seen = new Set();
    for (let up = id; up !== undefined; up = parent.get(up)) {
      const frame = byId.get(up).callFrame;
      if (frame.url) seen.add(areaOf(frame.url, frame.functionName));
    }
    for (const a of seen) inclusiveArea.set(a, (inclusiveArea.get(a) ?? 0) + us);
  });
  const busy = total - idle;
  const rank = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, ms: Math.round(us / 1000), share: us / busy }));
  return {
    busyMs: Math.round(busy / 1000),
    idleMs: Math.round(idle / 1000),
    selfByFunction: rank(self),
    selfByArea: rank(selfArea),
    inclusiveByArea: rank(inclusiveArea),
  };
}
