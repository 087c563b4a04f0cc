// Where the CPU went during a timed phase: user + system time of every process on the
// machine (from /proc), grouped as the benchmark needs it — PostgreSQL, Mosquitto, the
// benchmark's own processes, and everything else. Linux only; elsewhere it reports nothing.

import { readdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // keep 100
}

function snapshot() {
  const out = new Map();
  let entries = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return out;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    try {
      const s = readFileSync(`/proc/${e}/stat`, 'utf8');
      const close = s.lastIndexOf(')');
      const comm = s.slice(s.indexOf('(') + 1, close);
      const f = s.slice(close + 2).split(' ');
      // fields after comm: state(0) ppid(1) … utime(11) stime(12)
      out.set(Number(e), { comm, ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/**
 * Starts measuring; `stop()` returns seconds of CPU per group. `groups` maps a group name
 * to a predicate (pid, comm) → boolean, tried in order; the rest goes to "other".
 */
export function cpuMeter(groups) {
  const before = snapshot();
  const t0 = performance.now();
  return {
    stop() {
      const after = snapshot();
      const wall = (performance.now() - t0) / 1000;
      const seconds = Object.fromEntries([...Object.keys(groups), 'other'].map((k) => [k, 0]));
      const others = new Map();
      for (const [pid, a] of after) {
        const b = before.get(pid);
        const d = (a.ticks - (b && b.comm === a.comm ? b.ticks : 0)) / ticksPerSecond;
        if (d <= 0) continue;
        const g = Object.keys(groups).find((k) => groups[k](pid, a.comm)) ?? 'other';
        seconds[g] += d;
        if (g === 'other') others.set(a.comm, (others.get(a.comm) ?? 0) + d);
      }
      const topOther = [...others].sort((x, y) => y[1] - x[1]).slice(0, 4).map(([k, v]) => `${k} ${v.toFixed(1)} s`).join(', ');
      return { wall, seconds, topOther };
    },
  };
}
