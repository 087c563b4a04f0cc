import type { Database } from '../db/database.js';
import type { Clock } from '../clock.js';
import { DocstreamError } from '../errors.js';
import { appendAudit } from '../audit/queries.js';
import { saveSetting, settingsFilePath, type Settings } from '../settings.js';
import { describeSettings, maskUrl, parseSettingInput, type EditableSetting, type SettingView } from '../settings-input.js';
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
      return { file: settingsFilePath(env), settings: describeSettings(commandLine, env) };
    },

    /**
     * Writes one setting to the file (an empty text removes it: the default applies).
     * It takes effect at the next start, except where the caller applies it at once
     * (the console's language); a command-line option or environment variable still wins.
     */
    async save(session: Session, key: EditableSetting, text: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
      const value = parseSettingInput(key, text);
      const file = settingsFilePath(env);
      await db.tx(async (q) => {
        const actor = await sessions.require(q, session, Privilege.Officer, { fr: 'modifier les paramètres', en: 'changing the settings' });
        const shown = value === undefined ? null : key === 'databaseUrl' || key === 'mqttUrl' ? maskUrl(String(value)) : value;
        await appendAudit(q, 'centre', { at: clock.now(), actorId: actor.id, actorLogin: actor.login, action: 'setting_changed', entity: 'setting', entityId: key, details: { value: shown, file } });
        // Last, so that a file that cannot be written rolls the audit row back.
        try {
          saveSetting(key, value, env);
        } catch (e) {
          const code = (e as { code?: string }).code ?? (e instanceof Error ? e.message : String(e));
          throw new DocstreamError(
            'config',
            `Impossible d’écrire le fichier des paramètres ${file} (${code}) : rien n’est changé. Vérifiez les droits de ce dossier, ou choisissez-en un autre avec DOCSTREAM_CONFIG_DIR.`,
            `Cannot write the settings file ${file} (${code}): nothing is changed. Check the rights on its folder, or choose another one with DOCSTREAM_CONFIG_DIR.`,
            { cause: e },
          );
        }
      });
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
