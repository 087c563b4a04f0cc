import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCentre, loadSettings, openDatabase, type Database } from '@docstream/core';
import { centreWithStaff } from '../support/centre-fixture.js';
import { runWorkflow } from '../support/workflow.js';

const dataDir = mkdtempSync(join(tmpdir(), 'ds-embedded-'));
let db: Database | undefined;

afterAll(async () => {
  await db?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the embedded default (PGlite, no DATABASE_URL)', () => {
  it('runs the same workflow, and keeps the data across a restart', async () => {
    const settings = loadSettings({ dataDir }, { HOME: dataDir });
    expect(settings.databaseUrl).toBeUndefined();
    db = await openDatabase(settings, 'centre');
    expect(db.embedded).toBe(true);
    const validated = await runWorkflow(await centreWithStaff(db));
    await db.close();

    db = await openDatabase(settings, 'centre');
    const centre = createCentre({ db });
    const officer = await centre.users.login('chef', 'Registre-National-2026');
    expect((await centre.documents.get(officer, validated.niu!)).stage).toBe('validated');
    expect((await centre.verifyAudit()).ok).toBe(true);
  }, 120_000);
});
