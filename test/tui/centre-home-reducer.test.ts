import { describe, expect, it } from 'vitest';
import { Privilege, type SearchHit } from '@docstream/core';
import {
  EMPTY_STATUS, HOME_MENU, homeReducer, homeSelection, homeStatus, initHome, queueLine, queuesFor, statusLines, summariseCounts,
} from '../../apps/centre-tui/src/screens/home-reducer.js';
import { initialDocuments, searchInputFor } from '../../apps/centre-tui/src/screens/documents-reducer.js';

const hit = (numero: number, remark: string | null = null): SearchHit => ({
  numero, form_id: 'acte_naissance', status: 1, stage: 'draft', niu: null, event_date: null, names_norm: 'x', names_display: 'X', remark, created_at: new Date(), updated_at: new Date(),
});

describe('home reducer: work queues and status', () => {
  it('gives each role its queue', () => {
    expect(queuesFor(Privilege.Agent).map((q) => q.id)).toEqual(['mine']);
    expect(queuesFor(Privilege.Secretary).map((q) => q.id)).toEqual(['toCheck']);
    expect(queuesFor(Privilege.Officer).map((q) => q.id)).toEqual(['toValidate']);
    expect(queuesFor(Privilege.Suspended)).toEqual([]);
    expect(queuesFor(Privilege.Secretary)[0]!.criteria).toMatchObject({ stage: 'draft', status: 1 });
    expect(queuesFor(Privilege.Officer)[0]!.criteria).toMatchObject({ stage: 'verified', status: 1 });
    expect(queuesFor(Privilege.Agent)[0]!.criteria).toMatchObject({ stage: 'draft', status: 1, mine: true });
  });

  it('starts the cursor on the menu (Documents); ↑ reaches the queue; selection says which', () => {
    const queues = queuesFor(Privilege.Secretary);
    let s = initHome(queues.length);
    expect(homeSelection(s, queues)).toEqual({ destination: 'documents' });
    s = homeReducer(s, { type: 'up' });
    expect(homeSelection(s, queues)).toEqual({ queue: queues[0] });
    s = homeReducer(s, { type: 'up' });
    expect(s.selected).toBe(0);
    for (let i = 0; i < 20; i++) s = homeReducer(s, { type: 'down' });
    expect(s.selected).toBe(queues.length + HOME_MENU.length - 1);
    expect(homeSelection(s, queues)).toEqual({ destination: 'logout' });
  });

  it('the periodic tick is quiet and skipped while a request is outstanding', () => {
    let s = initHome(1);
    expect(homeReducer(s, { type: 'tick' })).toBe(s); // first load under way
    s = homeReducer(s, { type: 'loaded', request: s.request, counts: summariseCounts([]) });
    const t = homeReducer(s, { type: 'tick' });
    expect(t).toMatchObject({ request: s.request + 1, busy: true, loading: false });
    const r = homeReducer(s, { type: 'refresh' });
    expect(r).toMatchObject({ loading: true, busy: true });
  });

  it('keeps the status when an answer brings none, replaces it when one comes', () => {
    let s = initHome(0);
    const counts = summariseCounts([{ stage: 'draft', status: 1, n: 2 }]);
    const status = homeStatus({ tx: { waiting: 2, in_flight: 1, acknowledged: 7, conflicts: 0, rejected: 0, quarantined: 0 }, unread: [1, 2], account: { balance: 12500, as_of: new Date(2026, 10, 24, 9, 0) } });
    s = homeReducer(s, { type: 'loaded', request: 1, counts, status });
    expect(s.status).toBe(status);
    s = homeReducer(s, { type: 'refresh' });
    s = homeReducer(s, { type: 'loaded', request: 2, counts });
    expect(s.status).toBe(status);
  });

  it('writes the status and queue lines in French', () => {
    const status = homeStatus({
      link: { connected: true, last_send_at: new Date(2026, 10, 24, 14, 2), last_receive_at: new Date(2026, 10, 24, 13, 0) },
      tx: { waiting: 2, in_flight: 1, acknowledged: 7, conflicts: 0, rejected: 0, quarantined: 0 },
      unread: [1],
      account: { balance: 12500, as_of: new Date(2026, 10, 24, 9, 0) },
      mine: { items: [hit(1), hit(2, 'Date de naissance à corriger'), hit(3)] },
    });
    expect(statusLines('fr', status)).toEqual([
      'Transmission : connecté',
      '  dernier échange : 24/11 14:02',
      '  en attente : 3 · acquittés : 7',
      '  dernière réception : 24/11 13:00',
      'Messages non lus : 1',
      'Solde : 12 500 (au 24/11)',
    ]);
    expect(statusLines('fr', EMPTY_STATUS)).toContain('Solde : non communiqué');
    const counts = summariseCounts([{ stage: 'draft', status: 1, n: 2 }, { stage: 'verified', status: 1, n: 4 }]);
    expect(queueLine('fr', queuesFor(Privilege.Secretary)[0]!, counts, null)).toBe('à vérifier : 2');
    expect(queueLine('fr', queuesFor(Privilege.Officer)[0]!, counts, null)).toBe('à valider : 4');
    expect(queueLine('fr', queuesFor(Privilege.Agent)[0]!, counts, status.mine)).toBe('mes brouillons : 3 (1 renvoyé(s))');
    expect(queueLine('en', queuesFor(Privilege.Agent)[0]!, counts, { n: 100, more: true, sentBack: 0 })).toBe('my drafts: 100+');
  });

  it('a Documents list started on a queue keeps its criteria under a filter and pages', () => {
    const criteria = queuesFor(Privilege.Officer)[0]!.criteria;
    expect(searchInputFor('koné', 9, 16, criteria)).toEqual({ limit: 16, name: 'koné', before: 9, stage: 'verified', status: 1 });
    expect(initialDocuments(5, criteria).request!.input).toEqual({ limit: 5, stage: 'verified', status: 1 });
    expect(initialDocuments(5).request!.input).toEqual({ limit: 5 });
  });
});
