import { cycleConditions, cycleLines } from '../../apps/centre-tui/src/screens/cycle-lines.js';
import { describe, expect, it } from 'vitest';
import { footerItems, matchAction } from '../../apps/centre-tui/src/keys/kit.js';
import { footerLine } from '@docstream/console-kit';
import {
  defaultExportPath, importKinds, initialTransmission, linkView, outcomeText, sizeText, statusLines, summariseImport,
  transmissionConditions, transmissionMode, transmissionReducer, type TransmissionState, type TxSnapshot,
} from '../../apps/centre-tui/src/screens/transmission-reducer.js';

const snapshot: TxSnapshot = {
  counts: { waiting: 3, in_flight: 1, acknowledged: 12, conflicts: 1, rejected: 0, quarantined: 2 },
  link: linkView({
    connected: false, last_connect_at: null, last_send_at: new Date(2026, 2, 20, 9, 5), last_receive_at: new Date(2026, 2, 20, 9, 7),
    containers_sent: '4', bytes_sent: '5120', bytes_received: '812', errors: '2', last_error: 'broker unreachable', last_error_at: new Date(2026, 2, 20, 8, 0),
  }),
  enrolled: { matricule: '00042', fingerprint: 'AB:CD:EF:01:23:45:67:89:AA', notAfter: new Date(2028, 0, 31, 12) },
  trust: { version: 4, receivedAt: new Date(2026, 2, 19, 18, 30) },
  problems: [{ niu: '00042-2026-000001-47', msg_type: 'docs', result: 'conflict', reason: 'NIU déjà connu' }],
  at: new Date(2026, 2, 20, 10, 0, 0),
};

function typed(s: TransmissionState, text: string): TransmissionState {
  let out = s;
  for (const ch of text) out = transmissionReducer(out, { type: 'text', input: ch, key: {} });
  return out;
}

describe('transmission reducer', () => {
  it('reads again on r and on ticks, never two reads at once, not while paused', () => {
    let s = transmissionReducer(initialTransmission, { type: 'tick' });
    expect(s).toBe(initialTransmission); // the first read still runs
    s = transmissionReducer(s, { type: 'loaded', request: 1, snapshot });
    expect(s.loading).toBe(false);
    s = transmissionReducer(s, { type: 'tick' });
    expect(s.request).toBe(2);
    expect(transmissionReducer(s, { type: 'tick' })).toBe(s);
    s = transmissionReducer(s, { type: 'loaded', request: 1, snapshot: { ...snapshot, at: new Date(0) } }); // stale answer
    expect(s.snapshot).toBe(snapshot);
    s = transmissionReducer(s, { type: 'loaded', request: 2, snapshot });
    s = transmissionReducer(s, { type: 'pause' });
    expect(s.live).toBe(false);
    expect(transmissionConditions(s)).toEqual(['paused', 'idle']);
    expect(transmissionReducer(s, { type: 'tick' })).toBe(s);
    expect(transmissionReducer(s, { type: 'refresh' }).request).toBe(3); // r still works
    expect(transmissionReducer(s, { type: 'pause' }).live).toBe(true);
  });

  it('export: the path question, Enter runs the job, its answer is shown and the status read again', () => {
    let s = transmissionReducer({ ...initialTransmission, loading: false, snapshot }, { type: 'ask', kind: 'export', path: './a.t2d' });
    expect(transmissionMode(s)).toBe('typing');
    s = typed(s, 'x');
    expect(s.prompt?.text).toBe('./a.t2dx');
    s = transmissionReducer(s, { type: 'text', input: '', key: { backspace: true } });
    s = typed(s, 'q?/:'); // characters of the path here
    s = transmissionReducer(s, { type: 'submit' });
    expect(s.prompt).toBeNull();
    expect(s.job).toEqual({ id: 1, kind: 'export', path: './a.t2dq?/:' });
    expect(transmissionConditions(s)).toEqual(['live']); // e and i wait for the job
    expect(transmissionReducer(s, { type: 'ask', kind: 'import', path: '' })).toBe(s);
    expect(transmissionReducer(s, { type: 'exported', id: 9, containers: 1, bytes: 10, path: '/x' })).toBe(s);
    s = transmissionReducer(s, { type: 'exported', id: 1, containers: 2, bytes: 4321, path: '/tmp/a.t2d' });
    expect(s.job).toBeNull();
    expect(s.loading).toBe(true);
    expect(outcomeText('fr', s.outcome!)).toBe('2 conteneur(s), 4321 octets écrits dans /tmp/a.t2d');
    expect(outcomeText('en', s.outcome!)).toBe('2 container(s), 4321 bytes written to /tmp/a.t2d');
  });

  it('an empty path is refused in place; Esc closes; a failed job brings the question back with the error', () => {
    let s = transmissionReducer(initialTransmission, { type: 'ask', kind: 'import', path: '' });
    s = transmissionReducer(s, { type: 'submit' });
    expect(s.error?.fr).toBe('Tapez le chemin du fichier.');
    expect(s.prompt).not.toBeNull();
    expect(transmissionReducer(s, { type: 'cancel' }).prompt).toBeNull();
    s = transmissionReducer(typed(s, '/media/usb/r.t2d'), { type: 'submit' });
    const full = { fr: 'Le disque est plein.', en: 'The disk is full.' };
    s = transmissionReducer(s, { type: 'jobFailed', id: s.job!.id, error: full });
    expect(s.error).toEqual(full);
    expect(s.prompt).toEqual({ kind: 'import', text: '/media/usb/r.t2d' });
    expect(s.job).toBeNull();
  });

  it('counts the outcomes of an import by kind', () => {
    const sum = summariseImport([
      { kind: 'ack', acknowledged: 3 }, { kind: 'ack', acknowledged: 2 }, { kind: 'trust' }, { kind: 'rejected' },
    ]);
    expect(sum).toEqual({ total: 4, byKind: { ack: 2, trust: 1, rejected: 1 }, documentsAcked: 5 });
    expect(importKinds('fr', sum)).toBe('2 accusé(s) de réception (5 document(s) acquitté(s)), 1 liste(s) de confiance, 1 REFUSÉ(S)');
    expect(outcomeText('en', { kind: 'imported', path: '/r.t2d', summary: sum })).toBe(
      '/r.t2d: 4 message(s) read — 2 acknowledgement(s) (5 document(s) acknowledged), 1 trust list(s), 1 REFUSED',
    );
  });

  it('words the status: link, counts, certificate, trust list, problems', () => {
    const l = statusLines('fr', snapshot, new Date(2026, 2, 20));
    expect(l.link).toEqual([
      'Déconnecté — dernier échange : 20/03/2026 09:07',
      'Envoyés : 4 conteneur(s), 5,0 Ko   reçus : 812 o   erreurs : 2',
      'Dernière erreur (20/03/2026 08:00) : broker unreachable',
    ]);
    expect(l.counts).toEqual(['En attente : 3  en cours : 1  acquittés : 12', 'En quarantaine : 2  conflits : 1  refusés : 0']);
    expect(l.identity).toEqual(['Certificat AB:CD:EF:01:23:4… valable jusqu’au 31/01/2028', 'Liste de confiance n° 4 (reçue le 19/03/2026 18:30)']);
    expect(l.problems).toEqual(['00042-2026-000001-47 docs conflict : NIU déjà connu']);
    expect(statusLines('en', snapshot, new Date(2029, 0, 1)).identity[0]).toBe('Certificate AB:CD:EF:01:23:4… EXPIRED since 2028-01-31');
    const empty = statusLines('fr', { ...snapshot, link: linkView({}), enrolled: undefined, trust: { version: null, receivedAt: null } }, new Date());
    expect(empty.link[0]).toBe('Déconnecté — dernier échange : jamais');
    expect(empty.link[2]).toBe('Dernière erreur : aucune');
    expect(empty.identity).toEqual(['Pas encore inscrit : docstream-centre enroll --code CODE', 'Aucune liste de confiance reçue']);
    expect(sizeText('en', 3 * 1024 * 1024)).toBe('3.0 MB');
    expect(defaultExportPath('00042', new Date(2026, 2, 5))).toBe('./docstream-00042-2026-03-05.t2d');
  });

  it('keys and footer: p says pause or resume; e and i only when idle; the path field takes q', () => {
    expect(matchAction('transmission', 'normal', 'p', {}, ['live', 'idle'])).toBe('pause');
    expect(matchAction('transmission', 'normal', 'e', {}, ['live', 'idle'])).toBe('exportT2d');
    expect(matchAction('transmission', 'normal', 'e', {}, ['live'])).toBeUndefined();
    expect(matchAction('transmission', 'normal', 'q', {}, ['live', 'idle'])).toBe('quit');
    expect(matchAction('transmission', 'typing', 'q', {})).toBeUndefined();
    expect(matchAction('transmission', 'typing', '\r', { return: true })).toBe('submit');
    const fr = footerLine(footerItems('fr', 'transmission', 'normal', ['paused', 'idle']), 80);
    expect(fr).toBe('? aide : aller r actualiser p reprendre e export i import Esc retour q quitter');
    expect(footerLine(footerItems('en', 'transmission', 'normal', ['live', 'idle']), 80)).toBe(
      '? help  : go to  r refresh  p pause  e export  i import  Esc back  q quit',
    );
    expect(footerLine(footerItems('fr', 'transmission', 'typing'), 80)).toBe('Entrée valider  Esc annuler  Ctrl+C quitter');
  });
});

describe('the hosted MQTT cycle: keys and status lines', () => {
  const since = new Date(2026, 2, 20, 14, 5);
  it('offers start, then stop while running, then resume; nothing while it starts or stops', () => {
    expect(cycleConditions(undefined)).toEqual([]);
    expect(cycleConditions({ phase: 'stopped', since, resumed: false })).toEqual(['cycleStart']);
    expect(cycleConditions({ phase: 'starting', since, resumed: false })).toEqual([]);
    expect(cycleConditions({ phase: 'running', since, resumed: true })).toEqual(['cycleStop']);
    expect(cycleConditions({ phase: 'stopping', since, resumed: true })).toEqual([]);
    expect(cycleConditions({ phase: 'stopped', since, resumed: true })).toEqual(['cycleResume']);
    expect(cycleConditions({ phase: 'failed', since, resumed: false, error: { fr: 'x', en: 'x' } })).toEqual(['cycleResume']);
  });

  it('says how the cycle runs, why it failed, and who else holds the service', () => {
    expect(cycleLines('fr', { phase: 'running', since, resumed: true, url: 'mqtt://h:1883', mode: 'intermittent', intervalMinutes: 30 }, undefined)).toEqual([
      'Cycle MQTT : EN MARCHE, un échange toutes les 30 min, mqtt://h:1883, depuis 14:05',
    ]);
    expect(cycleLines('en', { phase: 'failed', since, resumed: false, error: { fr: 'clé verrouillée', en: 'key locked' } }, { owner: 'run pc-1 pid 42 ab12cd', started_at: since })).toEqual([
      'MQTT cycle: FAILED — key locked',
      'Service held by: run pc-1 pid 42 ab12cd, since 14:05',
    ]);
    expect(cycleLines('fr', undefined, undefined)).toEqual(['Cycle MQTT : hors console (docstream-centre run).']);
  });
});
