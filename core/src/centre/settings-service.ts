import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { appendAudit } from '../audit/queries.js';
import { settingsFilePath, type Settings } from '../settings.js';
import { describeSettings, EDITABLE_SETTINGS, maskUrl, parseSettingInput, writeSetting, type CentreEditableSetting, type SettingView } from '../settings-input.js';
import { Privilege } from './privileges.js';
import type { SessionRegistry, Session } from './session.js';

/**
 * The settings file seen from the console: every user may read it (passwords masked),
 * only the Officer changes it, and each change is audited. The file belongs to the
 * machine's account, so this guards against a slip at a shared console, not against
 * whoever can edit the file itself.
 */
export function createSettingsService(db: Database, clock: Clock, sessions: SessionRegistry) {
  return {
    /** The editable settings, what applies and where from. `commandLine`: the options the process was started with. */
    async read(session: Session, commandLine: Partial<Settings> = {}, env: NodeJS.ProcessEnv = process.env): Promise<{ file: string; settings: SettingView[] }> {
      await sessions.require(db, session, Privilege.Agent, { fr: 'consulter les paramètres', en: 'reading the settings' });
      return { file: settingsFilePath(env), settings: describeSettings(EDITABLE_SETTINGS.centre, commandLine, env) };
    },

    /**
     * Writes one setting to the file (an empty text removes it: the default applies).
     * It takes effect at the next start, except where the caller applies it at once
     * (the console's language); a command-line option or environment variable still wins.
     */
    async save(session: Session, key: CentreEditableSetting, text: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
      const value = parseSettingInput(key, text);
      const file = settingsFilePath(env);
      await db.tx(async (q) => {
        const actor = await sessions.require(q, session, Privilege.Officer, { fr: 'modifier les paramètres', en: 'changing the settings' });
        const shown = value === undefined ? null : key === 'databaseUrl' || key === 'mqttUrl' ? maskUrl(String(value)) : value;
        await appendAudit(q, 'centre', { at: clock.now(), actorId: actor.id, actorLogin: actor.login, action: 'setting_changed', entity: 'setting', entityId: key, details: { value: shown, file } });
        // Last, so that a file that cannot be written rolls the audit row back.
        writeSetting(key, value, env);
      });
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
