// A process that opens an embedded data directory, as a console or a headless service
// would, writes rows, and stays until told to stop (so its peer can still use it).
// argv: dataDir name rows stopFile
import { existsSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadSettings, openDatabase } from '../../core/dist/index.js';

const [dataDir, name, rows, stopFile] = process.argv.slice(2);
const db = await openDatabase(loadSettings({ dataDir }, { HOME: dataDir }), 'centre');
await db.query('CREATE TABLE IF NOT EXISTS public.writers (writer text NOT NULL, i int NOT NULL)');
for (let i = 0; i < Number(rows); i++) await db.query('INSERT INTO public.writers VALUES ($1, $2)', [name, i]);
writeFileSync(`${stopFile}.${name}.done`, String(db.embedded));
while (!existsSync(stopFile)) await sleep(50);
await db.close();
