import { describe, expect, it } from 'vitest';
import {
  firstLine, initialMessages, messageRow, messagesConditions, messagesMode, messagesReducer, openMessage, selectedMessage,
  type MessageRow, type MessagesState,
} from '../../apps/centre-tui/src/screens/messages-reducer.js';
import { accountReducer, formatAmount, initialAccount, statusText } from '../../apps/centre-tui/src/screens/account-reducer.js';
import { matchAction } from '../../apps/centre-tui/src/keys/kit.js';

const at = new Date('2026-03-20T09:05:00');
function row(id: number, over: Partial<MessageRow> = {}): MessageRow {
  return { id, direction: 'in', body: `Message ${id}`, author: 'Serveur', author_id: null, container_seq: 7, at, read_at: null, ...over } as MessageRow;
}

/** Loaded with three messages: 3 (unread, in), 2 (out, waiting), 1 (in, read). */
function loaded(): MessagesState {
  const s = initialMessages();
  return messagesReducer(s, {
    type: 'loaded',
    id: s.request!.id,
    rows: [row(3), row(2, { direction: 'out', container_seq: null, author: 'Sékou' }), row(1, { read_at: at })],
  });
}

describe('messages reducer', () => {
  it('asks for the list at once, keeps only the answer to the last request', () => {
    const s = initialMessages();
    expect(s.request).not.toBeNull();
    const again = messagesReducer(s, { type: 'refresh' });
    expect(messagesReducer(again, { type: 'loaded', id: s.request!.id, rows: [row(1)] })).toBe(again);
    const l = messagesReducer(again, { type: 'loaded', id: again.request!.id, rows: [row(1)] });
    expect(l.rows).toHaveLength(1);
    expect(l.request).toBeNull();
  });

  it('moves within the list; the selection follows its message when new ones arrive on top', () => {
    let s = loaded();
    s = messagesReducer(s, { type: 'up' });
    expect(s.selected).toBe(0);
    s = messagesReducer(messagesReducer(messagesReducer(s, { type: 'down' }), { type: 'down' }), { type: 'down' });
    expect(s.selected).toBe(2);
    s = messagesReducer(s, { type: 'refresh' });
    s = messagesReducer(s, { type: 'loaded', id: s.request!.id, rows: [row(4), ...s.rows!] });
    expect(selectedMessage(s)?.id).toBe(1);
  });

  it('opening an unread received message asks to mark it read; a read or sent one does not', () => {
    let s = messagesReducer(loaded(), { type: 'open' });
    expect(s.view).toBe('read');
    expect(openMessage(s)?.id).toBe(3);
    expect(s.marking?.ids).toEqual([3]);
    expect(messagesMode(s)).toBe('normal');
    expect(messagesConditions(s)).toEqual(['messageOpen']);
    const when = new Date();
    s = messagesReducer(s, { type: 'marked', id: s.marking!.id, at: when });
    expect(s.marking).toBeNull();
    expect(s.rows![0]!.read_at).toBe(when);
    s = messagesReducer(s, { type: 'close' });
    expect(s.view).toBe('list');
    s = messagesReducer(messagesReducer(s, { type: 'down' }), { type: 'open' });
    expect(s.marking).toBeNull();
    // up/down scroll the open message, within its length
    s = messagesReducer(s, { type: 'scroll', by: 1, total: 30, height: 10 });
    expect(s.scroll).toBe(1);
    s = messagesReducer(s, { type: 'scroll', by: 100, total: 30, height: 10 });
    expect(s.scroll).toBe(20);
    expect(messagesReducer(s, { type: 'up' })).toBe(s);
  });

  it('an Agent is refused before typing; the Secretary types, is asked, can say no, then yes', () => {
    let s = messagesReducer(loaded(), { type: 'write', privilege: 1 });
    expect(s.view).toBe('list');
    expect(s.error?.fr).toContain('réservé au Secrétaire');
    s = messagesReducer(s, { type: 'write', privilege: 2 });
    expect(s.view).toBe('write');
    expect(s.error).toBeNull();
    expect(messagesMode(s)).toBe('typing');
    s = messagesReducer(s, { type: 'ask' });
    expect(s.view).toBe('write');
    expect(s.error?.fr).toBe('Tapez le texte du message.');
    for (const ch of 'Bonjour') s = messagesReducer(s, { type: 'text', input: ch, key: {} });
    s = messagesReducer(s, { type: 'ask' });
    expect(s.view).toBe('confirm');
    expect(messagesMode(s)).toBe('confirm');
    s = messagesReducer(s, { type: 'no' });
    expect(s.view).toBe('write');
    expect(s.draft).toBe('Bonjour');
    s = messagesReducer(messagesReducer(s, { type: 'ask' }), { type: 'yes' });
    expect(s.sending?.text).toBe('Bonjour');
    expect(messagesReducer(s, { type: 'yes' })).toBe(s); // one send only
    const sent = messagesReducer(s, { type: 'sent', id: s.sending!.id });
    expect(sent.view).toBe('list');
    expect(sent.draft).toBe('');
    expect(sent.notice?.fr).toContain('prochain échange');
    expect(sent.request?.top).toBe(true);
    const reloaded = messagesReducer(sent, { type: 'loaded', id: sent.request!.id, rows: [row(9, { direction: 'out' }), ...sent.rows!] });
    expect(reloaded.selected).toBe(0);
  });

  it('a text the core refuses goes back to the field; a refused user goes back to the list', () => {
    let s = messagesReducer(loaded(), { type: 'write', privilege: 3 });
    s = messagesReducer(s, { type: 'text', input: 'x', key: {} });
    s = messagesReducer(messagesReducer(s, { type: 'ask' }), { type: 'yes' });
    const bad = messagesReducer(s, { type: 'sendFailed', id: s.sending!.id, error: { fr: 'Message vide ou trop long', en: 'Empty' }, code: 'validation' });
    expect(bad.view).toBe('write');
    expect(bad.draft).toBe('x');
    const refused = messagesReducer(s, { type: 'sendFailed', id: s.sending!.id, error: { fr: 'Refusé', en: 'Refused' }, code: 'forbidden' });
    expect(refused.view).toBe('list');
    expect(refused.error?.fr).toBe('Refusé');
    // Esc while writing discards the text
    const discarded = messagesReducer(messagesReducer(loaded(), { type: 'write', privilege: 3 }), { type: 'discard' });
    expect(discarded.view).toBe('list');
  });

  it('a list row: the unread mark, the direction, the date, the author, the first line, within the width', () => {
    const r = messageRow('fr', row(3, { body: '\n  Première ligne du message\nseconde' }), 80);
    expect(r).toMatch(/^● ← reçu\s+20\/03\/2026 09:05 Serveur\s+Première ligne du message$/);
    expect([...r].length).toBeLessThanOrEqual(77);
    expect(messageRow('en', row(2, { direction: 'out' }), 80)).toMatch(/^ {2}→ out\s+2026-03-20 09:05/);
    expect(messageRow('fr', row(1, { read_at: at }), 80).startsWith('  ')).toBe(true);
    expect(firstLine('\n\n a \n b')).toBe('a');
  });

  it('keys: n writes in the list only; in the question n is no; Enter sends while typing', () => {
    expect(matchAction('messages', 'normal', 'n', {}, ['messageList'])).toBe('write');
    expect(matchAction('messages', 'normal', 'n', {}, ['messageOpen'])).toBeUndefined();
    expect(matchAction('messages', 'confirm', 'n', {})).toBe('no');
    expect(matchAction('messages', 'confirm', 'o', {})).toBe('yes');
    expect(matchAction('messages', 'typing', 'n', {})).toBeUndefined();
    expect(matchAction('messages', 'typing', '', { return: true })).toBe('submit');
    expect(matchAction('messages', 'normal', '', { return: true }, ['messageOpen'])).toBeUndefined();
    expect(matchAction('account', 'normal', 'r', {})).toBe('refresh');
  });
});

describe('account reducer and formats', () => {
  it('amounts with spaces in French, commas in English', () => {
    expect(formatAmount('fr', 12500)).toBe('12 500');
    expect(formatAmount('fr', 1234567)).toBe('1 234 567');
    expect(formatAmount('en', 1234567)).toBe('1,234,567');
    expect(formatAmount('fr', -500)).toBe('-500');
    expect(formatAmount('fr', 999)).toBe('999');
  });

  it('the status with its meaning', () => {
    expect(statusText('fr', 3)).toBe('3 — tous services');
    expect(statusText('fr', 0)).toContain('0 — suspendu');
    expect(statusText('en', 3)).toBe('3 — all services');
  });

  it('keeps only the answer to the last request', () => {
    const again = accountReducer(initialAccount, { type: 'refresh' });
    const profile = { profile: undefined, signatories: [] };
    expect(accountReducer(again, { type: 'loaded', id: initialAccount.request!.id, account: undefined, profile })).toBe(again);
    const s = accountReducer(again, { type: 'loaded', id: again.request!.id, account: undefined, profile });
    expect(s.loaded).toBe(true);
    expect(s.request).toBeNull();
  });
});
