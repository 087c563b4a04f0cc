import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { tempDir } from './transmission.js';

export interface TestBroker {
  port: number;
  url: string;
  stop(): Promise<void>;
  start(): Promise<void>;
}

const running = new Set<ChildProcess>();
afterAll(() => {
  for (const p of running) p.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

/** `gaveUp` may end the wait early with a reason (the process that should listen has exited). */
export async function waitForPort(port: number, timeoutMs = 10_000, gaveUp: () => string | undefined = () => undefined): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const reason = gaveUp();
    if (reason) throw new Error(reason);
    const ok = await new Promise<boolean>((resolve) => {
      const c = connect(port, '127.0.0.1');
      c.once('connect', () => { c.destroy(); resolve(true); });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}

/**
 * A Mosquitto of the test's own, on a free port, from a config the test writes: it can
 * be stopped and started again in the middle of a transfer without touching the
 * machine's broker. `extra` adds configuration lines (ACLs, TLS).
 */
export async function startMosquitto(extra: string[] = [], listener?: string): Promise<TestBroker> {
  const dir = await tempDir('ds-mosq-');
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  await writeFile(conf, [listener ?? `listener ${port} 127.0.0.1`, ...(extra.length ? extra : ['allow_anonymous true']), 'persistence false', 'log_dest none', ''].join('\n').replaceAll('{PORT}', String(port)));
  let proc: ChildProcess | undefined;
  const broker: TestBroker = {
    port,
    url: `mqtt://127.0.0.1:${port}`,
    async start() {
      proc = spawn('mosquitto', ['-c', conf], { stdio: 'ignore' });
      running.add(proc);
      await waitForPort(port);
    },
    async stop() {
      const p = proc;
      if (!p || p.exitCode !== null) return;
      const exited = new Promise((r) => p.once('exit', r));
      p.kill('SIGTERM');
      await exited;
      running.delete(p);
    },
  };
  await broker.start();
  return broker;
}
