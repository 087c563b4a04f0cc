// What Linux says of a process (/proc/<pid>): CPU time used so far and resident memory.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond = 100;
try {
  ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {
  // keep 100
}

/** CPU seconds a process has used so far (user + system, all its threads), 0 if it is gone. */
export function processCpu(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / ticksPerSecond; // utime, stime (fields 14, 15)
  } catch {
    return 0;
  }
}

/** Resident memory now (VmRSS) and at its peak (VmHWM), in MiB; NaN if the process is gone. */
export function processMemory(pid) {
  let status = '';
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    // gone
  }
  const kb = (k) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/** The process's command name (comm), '' if it is gone. */
export function processName(pid) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

/** CPU seconds of the process's children that ended and were waited for (cutime + cstime), and its parent's pid. */
export function processChildren(pid) {
  try {
    const s = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(f[1]), seconds: (Number(f[13]) + Number(f[14])) / ticksPerSecond }; // ppid (4), cutime, cstime (16, 17)
  } catch {
    return { ppid: 0, seconds: 0 };
  }
}
