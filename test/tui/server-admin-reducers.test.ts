import { describe, expect, it } from 'vitest';
import type { CertificateSummary, ListedCertificate, SettingsReport, SignatoryRow } from '@docstream/core';
import { BINDINGS, type ScreenId } from '../../apps/server-tui/src/keys/bindings.js';
import { ADMIN_SCREENS } from '../../apps/server-tui/src/keys/admin-bindings.js';
import { footerRows, matchAction } from '../../apps/server-tui/src/keys/kit.js';
import { operators } from '../../apps/server-tui/src/screens/admin/OperatorsScreen.js';
import { initialTariffs, tariffsConditions, tariffsMode, tariffsReducer, type TariffsState } from '../../apps/server-tui/src/screens/admin/tariffs-reducer.js';
import {
  askText as askSetting, initialSettings, settingsConditions, settingsReducer, shownTyped, type SettingsState,
} from '../../apps/server-tui/src/screens/admin/settings-reducer.js';
import {
  initialSecurity, securityConditions, securityMode, securityReducer, statusText, validityLine, type SecurityState,
} from '../../apps/server-tui/src/screens/admin/security-reducer.js';
import {
  askText as askSignatory, initialSignatories, signatoriesConditions, signatoriesMode, signatoriesReducer, signatoryRow, type SignatoriesState,
} from '../../apps/server-tui/src/screens/admin/signatories-reducer.js';

const typeText = <S, A>(reduce: (s: S, a: A) => S, s: S, text: string) =>
  [...text].reduce((x, ch) => reduce(x, { type: 'text', input: ch, key: {} } as A), s);

describe('server key table: administration rows', () => {
  it('unique ids; no plain character while typing; one action per key, screen, mode and condition set', () => {
    expect(new Set(BINDINGS.map((b) => b.id)).size).toBe(BINDINGS.length);
    for (const b of BINDINGS.filter((x) => x.modes.includes('typing'))) {
      for (const k of b.keys) expect(k.stroke.key !== undefined || k.stroke.ctrl === true, b.id).toBe(true);
    }
    for (const screen of ADMIN_SCREENS) {
      for (const mode of ['normal', 'typing', 'confirm'] as const) {
        const seen = new Map<string, string>();
        for (const b of BINDINGS.filter((x) => x.screens.includes(screen) && x.modes.includes(mode))) {
          for (const k of b.keys) {
            const id = `${JSON.stringify(k.stroke)} ${b.when ?? ''}`;
            expect(seen.has(id) && seen.get(id) !== k.action, `${screen}/${mode} ${id}`).toBe(false);
            seen.set(id, k.action);
          }
        }
      }
    }
  });

  it('every changing key says so, and a read-only console turns it off', () => {
    const changing = BINDINGS.filter((b) => b.screens.some((s) => (ADMIN_SCREENS as readonly ScreenId[]).includes(s)) && b.changes).map((b) => b.id).sort();
    expect(changing).toEqual(['adminYes', 'certRevoke', 'settingEdit', 'sigActivate', 'sigDeactivate', 'sigEdit', 'sigNew', 'tariffSet', 'userEdit', 'userNew', 'userReset', 'userSuspend', 'userYes'].sort());
    expect(matchAction('tariffs', 'normal', 'e', {}, ['tariffChosen'])).toBe('setTariff');
    expect(matchAction('tariffs', 'normal', 'e', {}, ['tariffChosen'], true)).toBeUndefined();
    expect(matchAction('security', 'normal', 'x', {}, ['certRevocable'], true)).toBeUndefined();
    expect(matchAction('operators', 'normal', 'n', {}, ['userList'], true)).toBeUndefined();
    expect(matchAction('operators', 'normal', 'r', {}, ['userList'], true)).toBe('refresh');
  });

  it('footers fit 80 columns in both languages', () => {
    const on = ['userList', 'userSelected', 'userActive', 'adminRows', 'sigList', 'sigActive', 'tariffChosen', 'settingEditable', 'certRevocable', 'certPages'] as const;
    for (const lang of ['fr', 'en'] as const) {
      for (const screen of ADMIN_SCREENS) {
        for (const mode of ['normal', 'typing', 'confirm'] as const) {
          for (const row of footerRows(lang, screen, mode, 80, on)) {
            expect([...row].length).toBeLessThan(80);
            expect(row.endsWith('…'), `${lang} ${screen} ${mode}: ${row}`).toBe(false);
          }
        }
      }
    }
  });
});

describe('operators model (the kit’s accounts with the server’s roles)', () => {
  it('cycles Lecteur, Opérateur, Superviseur and asks with the role’s name', () => {
    let s = operators.reducer(operators.initial(), { type: 'loaded', id: 1, rows: [] });
    s = operators.reducer(s, { type: 'new' });
    s = typeText(operators.reducer, s, 'awa');
    s = operators.reducer(s, { type: 'submit' });
    s = typeText(operators.reducer, s, 'Awa D');
    s = operators.reducer(s, { type: 'submit' });
    s = operators.reducer(s, { type: 'prevRole' });
    expect(s.form!.role).toBe(2);
    s = operators.reducer(s, { type: 'submit' });
    expect(operators.askLine('fr', s.asking!)).toBe('Créer le compte awa (Superviseur) ? (o/n)');
    expect(operators.askLine('en', s.asking!)).toBe('Create the account awa (Supervisor)? (y/n)');
    expect(operators.text('fr', 'summary', { n: 2 })).toBe('2 opérateur(s) — seul un Superviseur les gère');
  });
});

describe('tariffs reducer', () => {
  const loaded = (): TariffsState => {
    const s = initialTariffs();
    return tariffsReducer(s, { type: 'loaded', id: s.request!, prices: { document: 100, query: 50, copy: 25 } });
  };

  it('types a price from the current one, refuses what is not a whole number, asks, then reads again', () => {
    let s = tariffsReducer(loaded(), { type: 'down' });
    expect(tariffsConditions(s)).toEqual(['adminRows', 'tariffChosen']);
    s = tariffsReducer(s, { type: 'edit' });
    expect(tariffsMode(s)).toBe('typing');
    expect(s.prompt).toEqual({ step: 'typing', text: '50' });
    s = typeText(tariffsReducer, s, ',5');
    s = tariffsReducer(s, { type: 'submit' });
    expect(s.error?.fr).toBe('Tapez un nombre entier, zéro ou plus, sans espace.');
    s = tariffsReducer(tariffsReducer(s, { type: 'text', input: '', key: { backspace: true } }), { type: 'text', input: '', key: { backspace: true } });
    s = typeText(tariffsReducer, s, '75');
    s = tariffsReducer(s, { type: 'submit' });
    expect(s.prompt).toMatchObject({ step: 'asking', op: { service: 'query', price: 5075, was: 50 } });
    expect(tariffsReducer(s, { type: 'no' }).prompt).toEqual({ step: 'typing', text: '5075' });
    s = tariffsReducer(s, { type: 'yes' });
    const running = s.prompt as { id: number };
    expect(tariffsReducer(s, { type: 'opFailed', id: running.id, error: { fr: 'Refusé', en: 'Refused' } })).toMatchObject({ prompt: { step: 'typing', text: '5075' }, error: { fr: 'Refusé' } });
    s = tariffsReducer(s, { type: 'done', id: running.id });
    expect(s.prompt.step).toBe('idle');
    expect(s.notice).toEqual({ fr: 'Prix « Requête » : 5075. Il vaut pour les opérations qui suivent.', en: 'Price of “Query”: 5075. It applies to the operations that follow.' });
    expect(s.request).not.toBeNull();
  });
});

describe('settings reducer', () => {
  const REPORT: SettingsReport = {
    file: '/tmp/c/config.json',
    entries: [
      { key: 'databaseUrl', value: null, source: 'default', editable: false, defaultValue: { fr: 'embarquée', en: 'embedded' } },
      { key: 'mqttUrl', value: 'mqtt://u:***@h:1883', source: 'environment', from: 'MQTT_URL', fileValue: 'mqtt://f:1883', editable: true, defaultValue: { fr: 'x', en: 'x' } },
    ],
  };
  const loaded = (): SettingsState => {
    const s = initialSettings();
    return settingsReducer(s, { type: 'loaded', id: s.request!, report: REPORT });
  };

  it('the database is shown, not edited; an editable value starts empty and is masked in the question', () => {
    let s = loaded();
    expect(settingsConditions(s)).toEqual(['adminRows']);
    expect(settingsReducer(s, { type: 'edit' })).toBe(s);
    s = settingsReducer(settingsReducer(s, { type: 'down' }), { type: 'edit' });
    expect(s.prompt).toEqual({ step: 'typing', text: '' });
    s = typeText(settingsReducer, s, 'mqtt://ops:pw@b:1883');
    s = settingsReducer(s, { type: 'submit' });
    expect(askSetting('fr', (s.prompt as { op: { key: 'mqttUrl'; text: string } }).op)).toBe('Écrire « Courtier MQTT » = mqtt://ops:***@b:1883 dans le fichier ? Effet au prochain démarrage. (o/n)');
    expect(askSetting('en', { key: 'lang', text: '' })).toBe('Remove “Language” from the file (default then)? Takes effect at the next start. (y/n)');
  });

  it('a broker password never shows while typed, a port does', () => {
    expect(shownTyped('mqttUrl', 'mqtt://broker:18')).toBe('mqtt://broker:18');
    expect(shownTyped('mqttUrl', 'mqtt://ops:se')).toBe('mqtt://ops:**');
    expect(shownTyped('mqttUrl', 'mqtt://ops:1234@h')).toBe('mqtt://ops:****@h');
    expect(shownTyped('mqttUrl', 'mqtts://ops:secret@host:8883/x')).toBe('mqtts://ops:******@host:8883/x');
    expect(shownTyped('lang', 'en')).toBe('en');
  });
});

describe('security reducer', () => {
  const cert = (matricule: string, status: ListedCertificate['status'], daysLeft = 400): ListedCertificate => ({
    serial: `${matricule}aa`, matricule, fingerprint: 'f', ski: 'a', not_before: new Date('2026-01-01'), not_after: new Date('2028-01-01'),
    issued_at: new Date('2026-01-01'), source: 'enrolment', revoked_at: status === 'revoked' ? new Date() : null, revoke_reason: null, status, daysLeft,
  });
  const loaded = (rows: ListedCertificate[], total = rows.length): SecurityState => {
    const s = initialSecurity(2);
    return securityReducer(s, { type: 'loaded', id: s.request!, overview: null, page: { rows, total, offset: 0 } });
  };

  it('offers revoke on a valid certificate only, pages, and asks for a reason first', () => {
    let s = loaded([cert('00001', 'valid'), cert('00002', 'revoked')], 3);
    expect(securityConditions(s)).toEqual(['adminRows', 'certRevocable', 'certPages']);
    const second = securityReducer(s, { type: 'down' });
    expect(securityConditions(second)).toEqual(['adminRows', 'certPages']);
    expect(securityReducer(second, { type: 'revoke' })).toBe(second);
    const next = securityReducer(s, { type: 'nextPage' });
    expect(next).toMatchObject({ offset: 2, selected: 0, request: expect.any(Number) });
    expect(securityReducer(loaded([cert('00001', 'valid')], 1), { type: 'nextPage' }).request).toBeNull();
    s = securityReducer(s, { type: 'revoke' });
    expect(securityMode(s)).toBe('typing');
    s = securityReducer(s, { type: 'submit' });
    expect(s.error?.en).toBe('Give the reason for the revocation.');
    s = securityReducer(typeText(securityReducer, s, ' Clé volée '), { type: 'submit' });
    expect(s.prompt).toMatchObject({ step: 'asking', op: { matricule: '00001', serial: '00001aa', reason: 'Clé volée' } });
    expect(securityMode(s)).toBe('confirm');
  });

  it('the filter line reads again from the first page', () => {
    let s = securityReducer(loaded([cert('00001', 'valid')]), { type: 'filter' });
    expect(securityConditions(s)).toEqual(['adminFilter']);
    s = securityReducer(typeText(securityReducer, s, '0004'), { type: 'submit' });
    expect(s).toMatchObject({ filter: '0004', filtering: null, offset: 0, request: expect.any(Number) });
  });

  it('says in words when a certificate must be renewed or is expired', () => {
    const c = (daysLeft: number): CertificateSummary => ({
      subject: 'CN=x', subjectCN: 'x', issuerCN: 'x', serial: '1', notBefore: new Date('2026-01-01'), notAfter: new Date('2026-06-01'), fingerprint: 'f', daysLeft, expiresSoon: daysLeft < 60,
    });
    expect(validityLine('fr', c(400))).toBe('  du 2026-01-01 au 2026-06-01 · 400 j restants');
    expect(validityLine('fr', c(45))).toBe('  du 2026-01-01 au 2026-06-01 · 45 j restants · ATTENTION : à renouveler (< 60 j)');
    expect(validityLine('en', c(-2))).toBe('  from 2026-01-01 to 2026-06-01 · EXPIRED');
    expect(statusText('fr', { status: 'valid', daysLeft: 12 })).toBe('valide, expire dans 12 j');
    expect(statusText('en', { status: 'revoked', daysLeft: 12 })).toBe('revoked');
  });
});

describe('signatories reducer', () => {
  const sig = (id: number, active = true, matricule: string | null = null): SignatoryRow => ({
    id, matricule, full_name: `Nom ${id}`, title: 'Officier', active, created_at: new Date(), updated_at: new Date(),
  });
  const loaded = (rows = [sig(1), sig(2, false, '00042')]): SignatoriesState => {
    const s = initialSignatories();
    return signatoriesReducer(s, { type: 'loaded', id: s.request!, rows });
  };

  it('adds with name and title required, the centre optional; asks; keeps the form on refusal', () => {
    let s = signatoriesReducer(loaded(), { type: 'new' });
    expect(signatoriesMode(s)).toBe('typing');
    expect(signatoriesConditions(s)).toEqual(['adminTyping', 'adminForm']);
    s = signatoriesReducer(signatoriesReducer(signatoriesReducer(s, { type: 'submit' }), { type: 'submit' }), { type: 'submit' });
    expect(s.error?.fr).toBe('Saisissez le nom complet.');
    s = typeText(signatoriesReducer, s, 'Awa');
    s = signatoriesReducer(signatoriesReducer(s, { type: 'nextField' }), { type: 'nextField' });
    s = typeText(signatoriesReducer, s, '00042');
    s = signatoriesReducer(s, { type: 'submit' });
    expect(s.error?.fr).toBe('Saisissez le titre (ex. Officier de l’état civil).');
    s = signatoriesReducer(typeText(signatoriesReducer, s, 'Maire'), { type: 'nextField' });
    s = signatoriesReducer(s, { type: 'submit' });
    expect(askSignatory('fr', s.asking!)).toBe('Ajouter Awa (Maire), centre 00042 ? (o/n)');
    s = signatoriesReducer(s, { type: 'yes' });
    s = signatoriesReducer(s, { type: 'opFailed', id: s.pending!.id, error: { fr: 'Centre inconnu', en: 'Unknown centre' } });
    expect(s).toMatchObject({ view: 'form', error: { fr: 'Centre inconnu' }, form: { matricule: '00042' } });
  });

  it('(in)activates the chosen one after o/n; rows say actif / inactif and national', () => {
    let s = loaded();
    expect(signatoriesConditions(s)).toEqual(['sigList', 'adminRows', 'sigActive']);
    s = signatoriesReducer(s, { type: 'down' });
    expect(signatoriesConditions(s)).toEqual(['sigList', 'adminRows', 'sigInactive']);
    s = signatoriesReducer(s, { type: 'toggle' });
    expect(askSignatory('en', s.asking!)).toBe('Reactivate Nom 2 (no. 2)? (y/n)');
    s = signatoriesReducer(s, { type: 'yes' });
    s = signatoriesReducer(s, { type: 'done', id: s.pending!.id, row: sig(2, true, '00042') });
    expect(s.notice?.fr).toBe('Signataire n° 2 réactivé.');
    expect(signatoryRow('fr', s.rows![0]!, 80)).toMatch(/^#1\s+national\s+Nom 1\s+Officier\s+actif$/);
    expect(signatoryRow('en', s.rows![1]!, 80)).toMatch(/^#2\s+00042\s+Nom 2\s+Officier\s+active$/);
  });
});
