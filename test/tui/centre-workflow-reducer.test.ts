import { describe, expect, it } from 'vitest';
import { shippedForms, type DocumentView, type SearchHit } from '@docstream/core';
import { actsAllowed, detailConditions, detailMode, detailReducer, detailStatus, initialDetail, type DetailState } from '../../apps/centre-tui/src/screens/detail-reducer.js';
import { allowedActs, canEditDocument, fieldLine } from '../../apps/centre-tui/src/screens/detail-actions.js';
import { documentsConditions, documentsReducer, initialDocuments } from '../../apps/centre-tui/src/screens/documents-reducer.js';
import { footerRows, helpEntries, matchAction } from '../../apps/centre-tui/src/keys/kit.js';

const OFFICER = 3;
const SECRETARY = 2;
const AGENT = 1;
const ME = 7;
const NIU = '00042-2026-000123-47';

const form = shippedForms().find((f) => f.id === 'acte_naissance')!;
function docWith(over: Partial<DocumentView> = {}): DocumentView {
  return {
    numero: 12, formId: 'acte_naissance', formVersion: form.version, status: 1, stage: 'draft', niu: null,
    data: {}, eventDate: '2026-03-01', remark: null, createdBy: ME, createdAt: new Date(), updatedAt: new Date(),
    verifiedBy: null, validatedBy: null, validatedAt: null, cancelledAt: null, cancelReason: null, ...over,
  };
}
function loaded(over: Partial<DocumentView> = {}): DetailState {
  return detailReducer(initialDetail, { type: 'loaded', request: 1, data: { doc: docWith(over), form, history: [] } });
}
const validated = { stage: 'validated', status: 3, niu: NIU } as const;

describe('workflow actions from the detail: which are offered', () => {
  it('follows the core’s rules by stage, status and privilege', () => {
    expect(allowedActs(docWith(), SECRETARY, 1)).toEqual(['check', 'sendBack', 'cancel']);
    expect(allowedActs(docWith(), OFFICER, 1)).toEqual(['check', 'sendBack', 'cancel']);
    expect(allowedActs(docWith({ stage: 'verified' }), SECRETARY, 1)).toEqual(['sendBack', 'cancel']);
    expect(allowedActs(docWith({ stage: 'verified' }), OFFICER, 1)).toEqual(['sendBack', 'validate', 'cancel']);
    expect(allowedActs(docWith(validated), OFFICER, 1)).toEqual(['cancel']);
    expect(allowedActs(docWith({ ...validated, status: 4 }), OFFICER, 1)).toEqual(['cancel']);
    expect(allowedActs(docWith({ ...validated, status: 2 }), OFFICER, 1)).toEqual([]); // received from the server
    expect(allowedActs(docWith(validated), SECRETARY, 1)).toEqual([]);
    expect(allowedActs(docWith({ status: 0, cancelReason: 'x' }), OFFICER, 1)).toEqual([]);
    // An Agent: only cancelling their own draft, as the core allows.
    expect(allowedActs(docWith(), AGENT, 1)).toEqual([]);
    expect(allowedActs(docWith(), AGENT, ME)).toEqual(['cancel']);
    expect(allowedActs(docWith(validated), AGENT, ME)).toEqual([]);
    expect(allowedActs(undefined, OFFICER, 1)).toEqual([]);
  });

  it('gives the key table its conditions; none while loading, asking or at work', () => {
    expect(detailConditions(loaded({ stage: 'verified' }), OFFICER, 1)).toEqual(['docSendBack', 'docValidate', 'docCancel']);
    expect(detailConditions(loaded(validated), OFFICER, 1)).toEqual(['copy', 'docCancel']);
    expect(actsAllowed(initialDetail, OFFICER, 1)).toEqual([]);
    expect(actsAllowed(detailReducer(loaded(), { type: 'refresh' }), OFFICER, 1)).toEqual([]);
    const asking = detailReducer(loaded({ stage: 'verified' }), { type: 'startAct', kind: 'validate', privilege: OFFICER, userId: 1 });
    expect(detailConditions(asking, OFFICER, 1)).toEqual(['askDoc']);
  });

  it('keys: v b V x only where their condition holds; o/n answer the question; letters are text in the field', () => {
    expect(matchAction('detail', 'normal', 'v', {})).toBeUndefined();
    expect(matchAction('detail', 'normal', 'v', {}, ['docCheck'])).toBe('docCheck');
    expect(matchAction('detail', 'normal', 'b', {}, ['docSendBack'])).toBe('docSendBack');
    expect(matchAction('detail', 'normal', 'V', { shift: true }, ['docValidate'])).toBe('docValidate');
    expect(matchAction('detail', 'normal', 'v', {}, ['docValidate'])).toBeUndefined();
    expect(matchAction('detail', 'normal', 'x', {}, ['docCancel'])).toBe('docCancel');
    expect(matchAction('detail', 'confirm', 'o', {}, ['askDoc'])).toBe('yes');
    expect(matchAction('detail', 'confirm', 'n', {}, ['askDoc'])).toBe('no');
    for (const ch of ['q', 'o', 'n', 'v', 'x', '?']) expect(matchAction('detail', 'typing', ch, {}), ch).toBeUndefined();
    expect(matchAction('detail', 'typing', '', { return: true })).toBe('submit');
    expect(matchAction('detail', 'typing', '', { escape: true })).toBe('back');
    expect(helpEntries('fr', 'detail').map((e) => e.keys)).toEqual(expect.arrayContaining(['v', 'b', 'V', 'x']));
  });

  it('a footer too long for one line puts the actions on a second; both fit 80 columns', () => {
    for (const lang of ['fr', 'en'] as const) {
      const rows = footerRows(lang, 'detail', 'normal', 80, ['docCheck', 'docSendBack', 'docCancel']);
      expect(rows).toHaveLength(2);
      for (const r of rows) expect([...r].length).toBeLessThan(80);
    }
    expect(footerRows('fr', 'detail', 'normal', 80, ['docCancel'])).toEqual(['? aide  : aller  ↑↓ défiler  ←→ page  r actualiser  x annuler  Esc retour  q quitter'.replace(/  /g, ' ')]);
    expect(footerRows('fr', 'detail', 'normal', 80, ['docSendBack', 'docValidate', 'docCancel'])[1]).toBe('b renvoyer  V valider  x annuler');
  });
});

describe('workflow actions from the detail: the steps', () => {
  it('v runs at once; the result is said and the document read again', () => {
    let s = loaded();
    expect(detailReducer(s, { type: 'startAct', kind: 'check', privilege: AGENT, userId: 1 })).toBe(s);
    s = detailReducer(s, { type: 'startAct', kind: 'check', privilege: SECRETARY, userId: 1 });
    expect(s.act).toEqual({ step: 'running', id: 1, kind: 'check', text: '' });
    expect(detailMode(s)).toBe('normal');
    expect(detailConditions(s, SECRETARY, 1)).toEqual([]); // no second press
    expect(detailStatus('fr', s, 80)).toBe('Enregistrement…');
    expect(detailReducer(s, { type: 'acted', id: 9, doc: docWith({ stage: 'verified' }) })).toBe(s);
    const done = detailReducer(s, { type: 'acted', id: 1, doc: docWith({ stage: 'verified' }) });
    expect(done.act).toEqual({ step: 'idle' });
    expect(done.request).toBe(s.request + 1);
    expect(detailStatus('fr', done, 80)).toBe('Document n° 12 vérifié : il attend la validation de l’Officier.');
    expect(detailReducer(done, { type: 'refresh' }).acted).toBeNull();
  });

  it('V asks; n does nothing; o validates and the NIU is said', () => {
    let s = detailReducer(loaded({ stage: 'verified' }), { type: 'startAct', kind: 'validate', privilege: OFFICER, userId: 1 });
    expect(detailMode(s)).toBe('confirm');
    expect(detailStatus('fr', s, 80)).toBe('Valider le document n° 12 ? Il recevra son NIU et ne pourra plus être modifié. (o/n)');
    expect(detailStatus('en', s, 80)).toBe('Validate document no. 12? It will receive its NIU and can no longer be changed. (y/n)');
    expect(detailReducer(s, { type: 'actNo' }).act).toEqual({ step: 'idle' });
    s = detailReducer(s, { type: 'actYes' });
    expect(s.act).toMatchObject({ step: 'running', kind: 'validate' });
    s = detailReducer(s, { type: 'acted', id: 1, doc: docWith(validated) });
    expect(detailStatus('fr', s, 80)).toBe(`Validé : NIU ${NIU}`);
    expect(detailStatus('en', s, 80)).toBe(`Validated: NIU ${NIU}`);
  });

  it('b and x: a required text, then the question; n goes back to the text; a failure is said', () => {
    let s = detailReducer(loaded(), { type: 'startAct', kind: 'sendBack', privilege: SECRETARY, userId: 1 });
    expect(detailMode(s)).toBe('typing');
    expect(detailStatus('fr', s, 80)).toBe('Remarque pour l’Agent : _');
    s = detailReducer(s, { type: 'actSubmit' });
    expect(s.error?.fr).toBe('Indiquez la remarque qui explique le renvoi.');
    expect(detailMode(s)).toBe('typing');
    for (const ch of 'Nom ') s = detailReducer(s, { type: 'actText', input: ch, key: {} });
    expect(s.error).toBeNull();
    s = detailReducer(s, { type: 'actText', input: 'x', key: {} });
    s = detailReducer(s, { type: 'actText', input: '', key: { backspace: true } });
    s = detailReducer(s, { type: 'actSubmit' });
    expect(s.act).toEqual({ step: 'asking', kind: 'sendBack', text: 'Nom' });
    expect(detailReducer(s, { type: 'actNo' }).act).toEqual({ step: 'typing', kind: 'sendBack', text: 'Nom' });
    s = detailReducer(s, { type: 'actYes' });
    expect(s.act).toEqual({ step: 'running', id: 1, kind: 'sendBack', text: 'Nom' });
    const error = { fr: 'Refusé', en: 'Refused' };
    const failed = detailReducer(s, { type: 'actFailed', id: 1, error });
    expect(failed.act).toEqual({ step: 'idle' });
    expect(failed.error).toEqual(error);

    let c = detailReducer(loaded(validated), { type: 'startAct', kind: 'cancel', privilege: OFFICER, userId: 1 });
    expect(detailStatus('fr', c, 80)).toBe('Motif de l’annulation : _');
    c = detailReducer(c, { type: 'actDiscard' });
    expect(c.act).toEqual({ step: 'idle' });
    c = detailReducer(c, { type: 'startAct', kind: 'cancel', privilege: OFFICER, userId: 1 });
    c = detailReducer(c, { type: 'actText', input: 'Doublon', key: {} });
    c = detailReducer(c, { type: 'actSubmit' });
    expect(detailStatus('fr', c, 80)).toBe(`Annuler le document n° 12 (${NIU}) ? C’est définitif et transmis au serveur. (o/n)`);
  });

  it('a long remark shows its end on one line', () => {
    const line = fieldLine('fr', 'sendBack', 'a'.repeat(150) + 'FIN', 80);
    expect([...line].length).toBeLessThanOrEqual(79);
    expect(line.startsWith('Remarque pour l’Agent : …')).toBe(true);
    expect(line.endsWith('FIN_')).toBe(true);
  });
});

describe('editing a draft (e): when it is offered', () => {
  it('mirrors the core: a local draft (Status 1, stage draft), any active user, author or not', () => {
    expect(canEditDocument(docWith(), AGENT)).toBe(true);
    expect(canEditDocument(docWith({ createdBy: ME + 1 }), AGENT)).toBe(true);
    expect(canEditDocument(docWith(), OFFICER)).toBe(true);
    expect(canEditDocument(docWith(), 0)).toBe(false);
    expect(canEditDocument(docWith({ stage: 'verified' }), OFFICER)).toBe(false);
    expect(canEditDocument(docWith(validated), OFFICER)).toBe(false);
    expect(canEditDocument(docWith({ status: 0, cancelReason: 'x' }), OFFICER)).toBe(false);
    expect(canEditDocument(docWith({ status: 2 }), OFFICER)).toBe(false);
    expect(canEditDocument(undefined, OFFICER)).toBe(false);
  });

  it('the detail offers it only with the document read and nothing asked', () => {
    expect(detailConditions(loaded(), AGENT, ME)).toEqual(['docEdit', 'docCancel']);
    expect(detailConditions(loaded(validated), OFFICER, 1)).not.toContain('docEdit');
    const typing = detailReducer(loaded(), { type: 'startAct', kind: 'cancel', privilege: AGENT, userId: ME });
    expect(detailConditions(typing, AGENT, ME)).not.toContain('docEdit');
    expect(detailConditions(detailReducer(loaded(), { type: 'refresh' }), AGENT, ME)).not.toContain('docEdit');
    expect(matchAction('detail', 'normal', 'e', {}, ['docEdit'])).toBe('editDoc');
    expect(matchAction('detail', 'normal', 'e', {}, [])).toBeUndefined();
  });

  it('the list offers it on a selected draft, not while the filter line is open', () => {
    const hit = (over: Partial<SearchHit>): SearchHit => ({
      numero: 1, form_id: 'acte_naissance', status: 1, stage: 'draft', niu: null, event_date: null, names_norm: '', names_display: '',
      remark: null, created_at: new Date(), updated_at: new Date(), ...over,
    });
    const base = initialDocuments(10);
    const s = documentsReducer(base, { type: 'loaded', id: base.request!.id, page: { items: [hit({ numero: 2, stage: 'validated', status: 3 }), hit({ numero: 1 })] } });
    expect(documentsConditions(s, AGENT)).toEqual([]);
    const down = documentsReducer(s, { type: 'down' });
    expect(documentsConditions(down, AGENT)).toEqual(['docEdit']);
    expect(documentsConditions(documentsReducer(down, { type: 'openFilter' }), AGENT)).toEqual([]);
    expect(matchAction('documents', 'normal', 'e', {}, ['docEdit'])).toBe('editDoc');
    expect(matchAction('documents', 'typing', 'e', {}, ['docEdit'])).toBeUndefined();
  });
});
