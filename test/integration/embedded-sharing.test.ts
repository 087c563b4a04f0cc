import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSettings, openDatabase } from '@docstream/core';

const WRITER = fileURLToPath(new URL('../support/embedded-writer.mjs', import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), 'ds-shared-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function writer(name: string, rows: number, stopFile: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [WRITER, dataDir, name, String(rows), stopFile], { stdio: ['ignore', 'inherit', 'inherit'] });
    p.on('error', reject);
    p.on('close', (code) => resolve(code ?? -1));
  });
}

describe('two processes on one embedded data directory', () => {
  it('share it: started together on a fresh directory, neither loses a row', async () => {
    const stop = join(dataDir, 'stop');
    const both = Promise.all([writer('console', 150, stop), writer('service', 150, stop)]);
    const deadline = Date.now() + 90_000;
    while (!(existsSync(`${stop}.console.done`) && existsSync(`${stop}.service.done`))) {
      if (Date.now() > deadline) throw new Error('writers did not finish');
      await sleep(100);
    }
    writeFileSync(stop, '');
    expect(await both).toEqual([0, 0]);

    const db = await openDatabase(loadSettings({ dataDir }, { HOME: dataDir }), 'centre');
    try {
      const rows = await db.query<{ writer: string; n: number }>('SELECT writer, count(*)::int AS n FROM public.writers GROUP BY writer ORDER BY writer');
      expect(rows).toEqual([{ writer: 'console', n: 150 }, { writer: 'service', n: 150 }]);
    } finally {
      await db.close();
    }
    expect(existsSync(join(dataDir, 'centre-db', 'embedded.lock'))).toBe(false);
  }, 120_000);
});
