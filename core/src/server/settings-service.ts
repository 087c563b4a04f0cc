import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import type { Session } from '../auth/session.js';
import type { Settings } from '../settings.js';
import { appendAudit } from '../audit/queries.js';
import { parseSettingInput, shownSetting, writeSetting, type ServerEditableSetting } from '../settings-input.js';
import { settingsReport, type SettingsReport } from './settings-report.js';
import { OperatorPrivilege as P, type Guard } from './guard.js';

/**
 * The server's settings as an operator sees them (any operator reads; a supervisor writes
 * the settings file). A change takes effect at the next start of the process that reads it.
 */
export function createSettingsService(db: Database, clock: Clock, guard: Guard) {
  return {
    async report(session: Session, commandLine: Partial<Settings> = {}, env: NodeJS.ProcessEnv = process.env): Promise<SettingsReport> {
      await guard(db, session, P.Viewer, { fr: 'consulter les réglages', en: 'viewing the settings' });
      return settingsReport(commandLine, env);
    },

    /** Writes `text` for `key` to the settings file (empty: removes it); audited, the password masked. */
    async save(session: Session, key: ServerEditableSetting, text: string, env: NodeJS.ProcessEnv = process.env): Promise<{ value: string | null }> {
      const now = clock.now();
      return db.tx(async (q) => {
        const actor = await guard(q, session, P.Supervisor, { fr: 'changer les réglages', en: 'changing the settings' });
        const stored = parseSettingInput(key, text);
        const value = shownSetting(key, stored) ?? null;
        await appendAudit(q, 'server', { at: now, actorId: actor.id, actorLogin: actor.login, action: 'setting_changed', entity: 'setting', entityId: key, details: { value } });
        // Last, so that a file that cannot be written rolls the audit row back.
        writeSetting(key, stored, env);
        return { value };
      });
    },
  };
}
