import { describe, expect, it } from 'vitest';
import type { AccountRow, ClientListRow, ClientPage, LedgerRow, MessageRow, Statement } from '@docstream/core';
import { footerRows, matchAction } from '../../apps/server-tui/src/keys/kit.js';
import { BINDINGS, type Condition } from '../../apps/server-tui/src/keys/bindings.js';
import { CLIENTS_SCREENS } from '../../apps/server-tui/src/keys/clients-bindings.js';
import { clientRow, clientsConditions, clientsReducer, initialClients, pageLine, type ClientsState } from '../../apps/server-tui/src/screens/clients/clients-reducer.js';
import { formReducer, newForm, withProblems } from '../../apps/server-tui/src/screens/clients/form.js';
import { statusChoices, amount, problemsOf } from '../../apps/server-tui/src/screens/clients/client-words.js';
import { initialNewClient, newClientReducer, type NewClientState } from '../../apps/server-tui/src/screens/clients/client-new-reducer.js';
import { askLine, clientConditions, clientReducer, initialClient, type ClientDetails, type ClientState } from '../../apps/server-tui/src/screens/clients/client-reducer.js';
import { accountConditions, accountReducer, initialAccount, monthToDate, type AccountState } from '../../apps/server-tui/src/screens/clients/account-reducer.js';
import { initialMessages, messagesConditions, messagesReducer, type MessagesState } from '../../apps/server-tui/src/screens/clients/messages-reducer.js';

const none = {};
const apply = <S, A>(reducer: (s: S, a: A) => S, s: S, ...actions: A[]) => actions.reduce(reducer, s);

function row(n: number, over: Partial<ClientListRow> = {}): ClientListRow {
  return { matricule: String(n).padStart(5, '0'), name: `Centre ${n}`, city: 'Kati', region: 'Koulikoro', status: 3, last_contact: null, balance: 0, query_quota: 0, enrolment_pending: false, ...over };
}

function page(offset: number, total: number, limit = 10, filter = ''): ClientPage {
  const rows = Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) => row(offset + i + 1));
  return { rows, total, offset, limit, filter };
}

describe('Clients list reducer', () => {
  const loaded = (s: ClientsState, p: ClientPage) => clientsReducer(s, { type: 'loaded', id: s.request!.id, page: p });

  it('pages forward and back within the total, one read at a time', () => {
    let s = initialClients(10);
    expect(s.request).toMatchObject({ filter: '', offset: 0 });
    expect(clientsReducer(s, { type: 'nextPage' })).toBe(s); // nothing shown yet
    s = loaded(s, page(0, 25));
    s = clientsReducer(s, { type: 'nextPage' });
    expect(s.request).toMatchObject({ offset: 10 });
    expect(clientsReducer(s, { type: 'nextPage' })).toBe(s); // a read is running
    s = loaded(s, page(10, 25));
    s = loaded(clientsReducer(s, { type: 'nextPage' }), page(20, 25));
    expect(pageLine('fr', s.page!)).toBe('Page 3/3 · centres 21–25 sur 25');
    expect(clientsReducer(s, { type: 'nextPage' })).toBe(s); // the last page
    s = clientsReducer(s, { type: 'prevPage' });
    expect(s.request).toMatchObject({ offset: 10 });
  });

  it('a filter starts again from the first page; Esc closes the line; a stale answer is dropped', () => {
    let s = clientsReducer(initialClients(10), { type: 'loaded', id: 1, page: page(0, 25) });
    s = apply(clientsReducer, s, { type: 'down' }, { type: 'down' }, { type: 'openFilter' });
    for (const ch of 'kati') s = clientsReducer(s, { type: 'filterText', input: ch, key: none });
    expect(s.editing).toBe('kati');
    expect(clientsReducer(s, { type: 'cancelFilter' }).editing).toBeNull();
    s = clientsReducer(s, { type: 'applyFilter' });
    expect(s.request).toMatchObject({ filter: 'kati', offset: 0 });
    const stale = clientsReducer(s, { type: 'loaded', id: s.request!.id - 1, page: page(0, 3) });
    expect(stale).toBe(s);
    s = loaded(s, page(0, 3, 10, 'kati'));
    expect(s).toMatchObject({ filter: 'kati', selected: 0, request: null });
    expect(clientsReducer(s, { type: 'clearFilter' }).request).toMatchObject({ filter: '', offset: 0 });
  });

  it('a filter the core refuses comes back to the filter line; the page shown stays', () => {
    let s = clientsReducer(initialClients(10), { type: 'loaded', id: 1, page: page(0, 25) });
    s = apply(clientsReducer, s, { type: 'openFilter' }, { type: 'filterText', input: 'x', key: none }, { type: 'applyFilter' });
    s = clientsReducer(s, { type: 'failed', id: s.request!.id, error: { fr: 'non', en: 'no' } });
    expect(s).toMatchObject({ editing: 'x', filter: '', error: { fr: 'non' } });
    expect(s.page!.total).toBe(25);
  });

  it('past the end (centres gone since), reads the last page instead', () => {
    let s = clientsReducer(initialClients(10), { type: 'loaded', id: 1, page: page(0, 25) });
    s = loaded(clientsReducer(s, { type: 'nextPage' }), page(10, 25));
    s = loaded(clientsReducer(s, { type: 'nextPage' }), { rows: [], total: 12, offset: 20, limit: 10, filter: '' });
    expect(s.request).toMatchObject({ offset: 10 });
  });

  it('offers n to operators only, never while typing the filter', () => {
    const s = clientsReducer(initialClients(10), { type: 'loaded', id: 1, page: page(0, 5) });
    expect(clientsConditions(s, 1)).toEqual(['clientsList']);
    expect(clientsConditions(s, 2)).toEqual(['clientsList', 'clientsNew']);
    expect(clientsConditions(clientsReducer(s, { type: 'openFilter' }), 3)).toEqual([]);
  });

  it('a row fits the terminal and says the status in words', () => {
    const line = clientRow('fr', row(7, { name: 'Mairie de la Commune III de Bamako', city: 'Bamako', region: 'District de Bamako', status: 0, balance: 1250000, last_contact: new Date(2026, 2, 15, 9, 5) }), 80);
    expect([...line].length).toBeLessThanOrEqual(77);
    expect(line).toMatch(/^00007 Mairie de la Comm… Bamako \/ District… suspendu +15\/03\/2026 1 250 000$/);
    expect(clientRow('en', row(1, { status: 2 }), 80)).toContain('no queries');
  });
});

describe('Clients forms', () => {
  it('a choice takes ←→ or its digit; typing clears the problem of its field; problems put the focus on the first', () => {
    let f = newForm([
      { id: 'name', label: { fr: 'Nom', en: 'Name' }, value: '', max: 10 },
      { id: 'status', label: { fr: 'Statut', en: 'Status' }, value: '3', max: 1, choices: statusChoices },
    ]);
    f = withProblems(f, { status: { fr: 'x', en: 'x' }, name: { fr: 'y', en: 'y' } });
    expect(f.focus).toBe(0);
    f = formReducer(f, { type: 'text', input: 'Kati', key: none });
    expect(f.problems).toEqual({ status: { fr: 'x', en: 'x' } });
    f = formReducer(f, { type: 'nextField' });
    expect(formReducer(f, { type: 'nextChoice' }).fields[1]!.value).toBe('0');
    expect(formReducer(f, { type: 'prevChoice' }).fields[1]!.value).toBe('2');
    expect(formReducer(f, { type: 'text', input: '1', key: none }).fields[1]!.value).toBe('1');
    expect(formReducer(f, { type: 'text', input: '7', key: none })).toBe(f);
    expect(formReducer(f, { type: 'nextField' })).toBe(f);
  });

  it('reads the field problems of a core refusal', () => {
    expect(problemsOf({ problems: [{ field: 'name', fr: 'a', en: 'b' }, { field: 'name', fr: 'c', en: 'd' }] })).toEqual({ name: { fr: 'a', en: 'b' } });
    expect(problemsOf(new Error('x'))).toEqual({});
  });

  it('amounts are grouped by three in words each language reads', () => {
    expect(amount('fr', 1250000)).toBe('1 250 000');
    expect(amount('en', -2500)).toBe('−2,500');
    expect(amount('fr', 500, true)).toBe('+500');
  });
});

describe('New centre reducer', () => {
  const submitAll = (s: NewClientState) => apply(newClientReducer, s, ...Array.from({ length: 6 }, () => ({ type: 'submit' }) as const));

  it('asks for the name here, then asks o/n, and holds the code only once registered', () => {
    let s = submitAll(initialNewClient());
    expect(s).toMatchObject({ view: 'form', form: { focus: 0, problems: { name: { fr: 'Saisissez le nom du centre.' } } } });
    s = newClientReducer(s, { type: 'text', input: 'Mairie de Kati', key: none });
    s = submitAll(s);
    expect(s.view).toBe('confirm');
    expect(s.created).toBeNull();
    s = newClientReducer(s, { type: 'yes' });
    expect(s.pending!.input).toEqual({ name: 'Mairie de Kati', city: '', region: '', phone: '', status: 3 });
    expect(newClientReducer(s, { type: 'yes' })).toBe(s);
    const created = { matricule: '00042', name: 'Mairie de Kati', code: 'AAAA-BBBB-CCCC-DDDD', expiresAt: new Date() };
    s = newClientReducer(s, { type: 'done', id: s.pending!.id, created });
    expect(s).toMatchObject({ view: 'done', created, pending: null });
    expect(initialNewClient().created).toBeNull();
  });

  it('a matricule already taken is said beside the matricule field', () => {
    let s = newClientReducer(initialNewClient(), { type: 'text', input: 'X', key: none });
    s = apply(newClientReducer, submitAll(s), { type: 'yes' });
    const error = { fr: 'Le matricule 00001 existe déjà.', en: 'Matricule 00001 already exists.' };
    s = newClientReducer(s, { type: 'failed', id: s.pending!.id, error, problems: {}, code: 'conflict' });
    expect(s).toMatchObject({ view: 'form', error, form: { focus: 1, problems: { matricule: error } } });
  });
});

function details(status = 3, quarantined = 0): ClientDetails {
  return {
    client: { matricule: '00042', name: 'Mairie de Kati', city: 'Kati', region: 'Koulikoro', phone: '', status, created_at: new Date(), updated_at: new Date(), last_seen: null, enrol_expires_at: null, down_seq: 0, enrolmentPending: false },
    profile: { name: 'Mairie de Kati', city: 'Kati', region: 'Koulikoro', phone: '', status, at: '', sig: [] },
    certificates: [], lastContact: null, traffic: undefined, account: undefined, quarantined,
  } as ClientDetails;
}

describe('Centre detail reducer', () => {
  const shown = (d = details()) => { const s = initialClient('00042'); return clientReducer(s, { type: 'loaded', id: s.request!.id, details: d }); };

  it('offers each action to the privilege it needs', () => {
    const s = shown();
    expect(clientConditions(s, 1)).toEqual(['clientLoaded']);
    expect(clientConditions(s, 2)).toEqual(['clientEdit', 'clientCode', 'clientProfile', 'clientLoaded']);
    expect(clientConditions(s, 3)).toEqual(['clientEdit', 'clientStatus', 'clientCode', 'clientProfile', 'clientLoaded']);
    expect(clientConditions(initialClient('00042'), 3)).toEqual([]);
  });

  it('status: the same status is refused here; leaving 0 says the quarantine will be integrated, and then how much was', () => {
    let s = clientReducer(shown(details(0, 4)), { type: 'chooseStatus' });
    expect(s.status).toBe(0);
    expect(clientReducer(s, { type: 'submit' }).error?.fr).toContain('C’est déjà son statut');
    s = apply(clientReducer, s, { type: 'text', input: '3', key: none }, { type: 'submit' });
    expect(askLine('fr', s)).toBe('Passer le centre 00042 à « 3 tous services » et intégrer ses 4 conteneur(s) en quarantaine ? (o/n)');
    s = clientReducer(s, { type: 'yes' });
    s = clientReducer(s, { type: 'done', id: s.pending!.id, result: { kind: 'status', status: 3, released: { containers: 4, documents: 37 } } });
    expect(s.notice?.fr).toBe('Statut : 3 tous services. Quarantaine levée : 4 conteneur(s), 37 document(s) intégré(s).');
    expect(s.notice?.en).toBe('Status: 3 all services. Quarantine released: 4 container(s), 37 document(s) integrated.');
    expect(s.request).not.toBeNull(); // the detail is read again
  });

  it('n at the question goes back where it came from', () => {
    const s = apply(clientReducer, shown(), { type: 'chooseStatus' }, { type: 'nextChoice' }, { type: 'submit' }, { type: 'no' });
    expect(s).toMatchObject({ view: 'status', status: 0, asking: null });
    expect(apply(clientReducer, shown(), { type: 'newCode' }, { type: 'no' }).view).toBe('show');
  });

  it('a new code stays until the next action or a refresh, never longer', () => {
    let s = apply(clientReducer, shown(), { type: 'newCode' }, { type: 'yes' });
    s = clientReducer(s, { type: 'done', id: s.pending!.id, result: { kind: 'code', code: 'AAAA-BBBB-CCCC-DDDD', expiresAt: new Date() } });
    expect(s.code?.code).toBe('AAAA-BBBB-CCCC-DDDD');
    s = clientReducer(s, { type: 'loaded', id: s.request!.id, details: details() });
    expect(s.code).not.toBeNull();
    expect(clientReducer(s, { type: 'refresh' }).code).toBeNull();
    expect(clientReducer(s, { type: 'edit' }).code).toBeNull();
  });

  it('an edit the core refuses goes back to its fields with the words beside them', () => {
    let s = apply(clientReducer, shown(), { type: 'edit' }, { type: 'submit' }, { type: 'submit' }, { type: 'submit' }, { type: 'submit' });
    expect(s.asking).toMatchObject({ kind: 'edit', changes: { name: 'Mairie de Kati' } });
    s = clientReducer(s, { type: 'yes' });
    const problem = { fr: 'Champ « city » : 100 caractères au plus', en: 'Field “city”: 100 characters at most' };
    s = clientReducer(s, { type: 'opFailed', id: s.pending!.id, error: problem, problems: { city: problem } });
    expect(s).toMatchObject({ view: 'edit', form: { focus: 1, problems: { city: problem } } });
    // a refusal of the operator ends the action
    s = apply(clientReducer, shown(), { type: 'sendProfile' }, { type: 'yes' });
    s = clientReducer(s, { type: 'opFailed', id: s.pending!.id, error: problem, problems: {} });
    expect(s).toMatchObject({ view: 'show', error: problem });
  });
});

function ledger(n: number): LedgerRow {
  return { id: n, matricule: '00042', at: new Date(), service: 'recharge', amount: 100, units: 0, quantity: 0, balance_after: 100 * n, quota_after: 0, reference: '', operator_id: 1 };
}

describe('Account reducer', () => {
  const acc: AccountRow = { matricule: '00042', name: 'Mairie de Kati', balance: 0, query_quota: 0, updated_at: new Date() };
  const statement = (rows: number): Statement => ({ matricule: '00042', from: '2026-03-01', to: '2026-03-15', opening: { balance: 0, quota: 0 }, closing: { balance: 0, quota: 0 }, credits: 0, debits: 0, rows: Array.from({ length: rows }, (_, i) => ledger(i + 1)) });
  const shown = (rows = 0): AccountState => {
    const s = initialAccount('00042', { from: '2026-03-01', to: '2026-03-15' }, 10);
    return accountReducer(s, { type: 'loaded', id: s.request!.id, account: acc, statement: statement(rows) });
  };

  it('the period runs from the first of the month to today (UTC days)', () => {
    expect(monthToDate(new Date('2026-03-15T23:30:00Z'))).toEqual({ from: '2026-03-01', to: '2026-03-15' });
  });

  it('shows the newest rows first in sight and pages back', () => {
    let s = shown(25);
    expect(s.first).toBe(20);
    s = accountReducer(s, { type: 'prevPage' });
    expect(s.first).toBe(10);
    expect(accountReducer(accountReducer(s, { type: 'prevPage' }), { type: 'prevPage' }).first).toBe(0);
    expect(accountReducer(shown(5), { type: 'nextPage' }).first).toBe(0);
  });

  it('a recharge needs a whole positive amount, then o/n; its outcome is said and the statement read again', () => {
    let s = accountReducer(shown(), { type: 'recharge' });
    s = apply(accountReducer, s, { type: 'text', input: '5 0x', key: none }, { type: 'submit' }, { type: 'submit' });
    expect(s).toMatchObject({ view: 'recharge', form: { focus: 0, problems: { amount: { fr: 'Un nombre entier positif (ex. 5000).' } } } });
    s = apply(accountReducer, s, { type: 'text', input: '', key: { backspace: true } }, { type: 'text', input: '00', key: none }, { type: 'submit' }, { type: 'text', input: 'reçu 7', key: none }, { type: 'submit' });
    expect(s.asking).toEqual({ amount: 5000, reference: 'reçu 7' });
    expect(accountReducer(s, { type: 'no' }).view).toBe('recharge');
    s = accountReducer(s, { type: 'yes' });
    s = accountReducer(s, { type: 'done', id: s.pending!.id, row: { ...ledger(1), amount: 500, balance_after: 500 } });
    expect(s.notice).toEqual({ fr: 'Compte crédité de 500. Nouveau solde : 500.', en: 'Account credited 500. New balance: 500.' });
    expect(s.request).not.toBeNull();
    expect(accountConditions(s, 2)).toEqual(['accountRecharge']);
    expect(accountConditions(s, 1)).toEqual([]);
  });

  it('dates the core refuses come back to the period form, beside the field it names', () => {
    let s = apply(accountReducer, shown(), { type: 'period' }, { type: 'submit' }, { type: 'submit' });
    expect(s.request).toMatchObject({ asked: true, period: { from: '2026-03-01', to: '2026-03-15' } });
    const error = { fr: 'La date de début suit la date de fin.', en: 'The start date is after the end date.' };
    s = accountReducer(s, { type: 'failed', id: s.request!.id, error, problems: { from: error } });
    expect(s).toMatchObject({ view: 'period', error, form: { focus: 0, problems: { from: error } }, period: { from: '2026-03-01' } });
    // a plain refresh that fails stays on the statement
    const r = accountReducer(shown(), { type: 'refresh' });
    expect(accountReducer(r, { type: 'failed', id: r.request!.id, error, problems: {} }).view).toBe('show');
  });
});

function message(id: number, over: Partial<MessageRow> = {}): MessageRow {
  return { id, matricule: '00042', direction: 'in', body: `Message ${id}`, author: 'Awa', operator_id: null, src_seq: id, at: new Date(), read_at: null, ...over };
}

describe('Messages reducer', () => {
  const listed = (rows: MessageRow[]): MessagesState => {
    const s = initialMessages('00042');
    return messagesReducer(s, { type: 'loaded', id: s.request!.id, rows });
  };

  it('opening a received message marks it read, except in a read-only console', () => {
    const s = listed([message(2), message(1)]);
    expect(messagesReducer(s, { type: 'open', mark: true }).marking).toMatchObject({ ids: [2] });
    expect(messagesReducer(s, { type: 'open', mark: false }).marking).toBeNull();
    expect(messagesConditions(s, 1)).toEqual(['messageList']);
    expect(messagesConditions(s, 2)).toEqual(['messageList', 'messageWrite']);
    expect(messagesConditions(messagesReducer(s, { type: 'open', mark: false }), 2)).toEqual(['messageOpen']);
  });

  it('writes after o/n, then selects the new message on top; a text the core refuses goes back to the field', () => {
    let s = apply(messagesReducer, listed([message(1)]), { type: 'write' }, { type: 'ask' });
    expect(s).toMatchObject({ view: 'write', error: { fr: 'Le message est vide.' } });
    s = apply(messagesReducer, s, { type: 'text', input: 'Bonjour', key: none }, { type: 'ask' }, { type: 'yes' });
    expect(s.sending).toMatchObject({ text: 'Bonjour' });
    const refused = messagesReducer(s, { type: 'sendFailed', id: s.sending!.id, error: { fr: 'trop long', en: 'too long' }, code: 'validation' });
    expect(refused).toMatchObject({ view: 'write', draft: 'Bonjour' });
    s = messagesReducer(s, { type: 'sent', id: s.sending!.id });
    expect(s).toMatchObject({ view: 'list', draft: '', request: { top: true } });
    s = messagesReducer(s, { type: 'loaded', id: s.request!.id, rows: [message(2, { direction: 'out' }), message(1)] });
    expect(s.selected).toBe(0);
  });
});

describe('Clients keys', () => {
  const CONDITIONS: Condition[] = ['clientsList', 'clientsNew', 'clientEdit', 'clientStatus', 'clientCode', 'clientProfile', 'clientLoaded', 'accountRecharge', 'messageList', 'messageWrite'];

  it('every footer of the Clients screens fits 80 columns in at most two lines, in both languages, all actions on', () => {
    for (const screen of CLIENTS_SCREENS) {
      for (const mode of ['normal', 'typing', 'confirm'] as const) {
        for (const lang of ['fr', 'en'] as const) {
          for (const on of [CONDITIONS, ['clientForm', 'clientChoice'] as Condition[], ['messageOpen'] as Condition[]]) {
            const rows = footerRows(lang, screen, mode, 80, on);
            expect(rows.length).toBeLessThanOrEqual(2);
            for (const r of rows) expect(r.endsWith('…'), `${screen} ${mode} ${lang}: ${r}`).toBe(false);
          }
        }
      }
    }
  });

  it('the changing keys do nothing read-only; each works only when its condition holds', () => {
    expect(matchAction('clients', 'normal', 'n', {}, ['clientsList', 'clientsNew'])).toBe('newClient');
    expect(matchAction('clients', 'normal', 'n', {}, ['clientsList'])).toBeUndefined();
    expect(matchAction('clients', 'normal', 'n', {}, ['clientsList', 'clientsNew'], true)).toBeUndefined();
    expect(matchAction('client', 'normal', 's', {}, ['clientStatus'])).toBe('clientStatus');
    expect(matchAction('client', 'normal', 's', {}, ['clientStatus'], true)).toBeUndefined();
    expect(matchAction('client', 'normal', 'a', {}, ['clientLoaded'], true)).toBe('clientAccount');
    expect(matchAction('clientAccount', 'normal', 'c', {}, ['accountRecharge'], true)).toBeUndefined();
    expect(matchAction('clientMessages', 'normal', 'n', {}, ['messageList', 'messageWrite'], true)).toBeUndefined();
    expect(matchAction('clientNew', 'typing', 'q', {})).toBeUndefined();
    // the clients' changing keys live on the clients' screens, never on the shared ones
    expect(BINDINGS.filter((b) => b.changes && b.screens.some((x) => (CLIENTS_SCREENS as string[]).includes(x))).every((b) => b.screens.every((x) => (CLIENTS_SCREENS as string[]).includes(x)))).toBe(true);
    expect(BINDINGS.filter((b) => b.changes).some((b) => b.screens.some((x) => ['home', 'login', 'help', 'palette'].includes(x)))).toBe(false);
  });
});
