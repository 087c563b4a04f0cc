import { describe, expect, it } from 'vitest';
import type { CentralHit, ConflictDetail, ConflictSummary, QuarantinedContainer } from '@docstream/core';
import { BINDINGS } from '../../apps/server-tui/src/keys/bindings.js';
import { footerItems, matchAction } from '../../apps/server-tui/src/keys/kit.js';
import { initialPaged, pagedReducer, selectedItem } from '../../apps/server-tui/src/screens/documents/paged.js';
import { EMPTY_CRITERIA, initialSearch, normaliseNiu, searchInput, searchReducer, type SearchState } from '../../apps/server-tui/src/screens/documents/search-reducer.js';
import { conflictsInput, conflictsReducer, initialConflicts } from '../../apps/server-tui/src/screens/documents/conflicts-reducer.js';
import { canDecide, conflictConditions, conflictReducer, conflictStatus, initialConflict, type ConflictState } from '../../apps/server-tui/src/screens/documents/conflict-reducer.js';
import { heldConditions, heldReducer, heldStatus, initialHeld, type HeldScreenState } from '../../apps/server-tui/src/screens/documents/held-reducer.js';
import { decisionReducer, initialDecision, promptLine } from '../../apps/server-tui/src/screens/documents/decision.js';
import { sideBySide, sideWidths } from '../../apps/server-tui/src/screens/documents/conflict-lines.js';
import { windowStart, wrapMessage } from '../../apps/server-tui/src/screens/documents/layout.js';
import { documentLines, conflictsTarget } from '../../apps/server-tui/src/screens/documents/document-lines.js';

const label = (t: string) => ({ fr: t, en: t });
const hit = (numero: number): CentralHit => ({
  numero, niu: `00042-2026-${String(numero).padStart(6, '0')}-00`, matricule: '00042', form_id: 'acte_naissance', form_version: 1, status: 4,
  event_date: '2026-01-01', names_display: 'KONÉ Awa', validated_at: new Date(0), received_at: new Date(0),
});

describe('Documents area: paged lists', () => {
  it('pages by cursor, one read at a time, and drops a late answer', () => {
    let s = initialPaged<string, CentralHit, number>('');
    const first = s.request!.id;
    s = pagedReducer(s, { type: 'loaded', id: first, page: { items: [hit(9), hit(8)], nextCursor: 8 } });
    expect(s.cursors).toEqual([undefined]);
    s = pagedReducer(s, { type: 'down' });
    expect(selectedItem(s)?.numero).toBe(8);
    s = pagedReducer(s, { type: 'nextPage' });
    expect(s.request?.cursors).toEqual([undefined, 8]);
    expect(pagedReducer(s, { type: 'nextPage' })).toBe(s); // pressed twice before the answer
    const second = s.request!.id;
    s = pagedReducer(s, { type: 'loaded', id: first, page: { items: [] } });
    expect(s.request?.id).toBe(second); // a late answer of the first read changes nothing
    s = pagedReducer(s, { type: 'loaded', id: second, page: { items: [hit(7)] } });
    expect(s).toMatchObject({ cursors: [undefined, 8], selected: 0 });
    expect(pagedReducer(s, { type: 'nextPage' })).toBe(s); // the last page
    s = pagedReducer(s, { type: 'prevPage' });
    expect(s.request?.cursors).toEqual([undefined]);
  });

  it('a failed read keeps the page shown, with the core’s words', () => {
    let s = initialPaged<string, CentralHit, number>('');
    s = pagedReducer(s, { type: 'loaded', id: s.request!.id, page: { items: [hit(1)] } });
    s = pagedReducer(s, { type: 'reload' });
    s = pagedReducer(s, { type: 'failed', id: s.request!.id, error: label('base arrêtée') });
    expect(s).toMatchObject({ request: null, error: { fr: 'base arrêtée' } });
    expect(s.page?.items).toHaveLength(1);
  });

  it('a window over a list keeps the selected line in view', () => {
    expect(windowStart(5, 4, 10)).toBe(0);
    expect(windowStart(20, 0, 5)).toBe(0);
    expect(windowStart(20, 7, 5)).toBe(3);
    expect(windowStart(20, 19, 5)).toBe(15);
  });

  it('a long message is wrapped before it is drawn, so the screen knows its lines', () => {
    const m = wrapMessage('fr', 80, label('x '.repeat(70).trim()), null);
    expect(m.rows).toBe(2);
    expect(m.error!.fr.split('\n')[0]!.length + 'Erreur : '.length).toBeLessThanOrEqual(79);
    expect(wrapMessage('fr', 80, null, null).rows).toBe(1);
  });
});

describe('Documents area: the search', () => {
  const kinds = [{ id: 'acte_naissance', title: { fr: 'Acte de naissance', en: 'Birth certificate' } }];

  it('asks the core with what was typed: a kind by its title, a status in words, a NIU without dashes', () => {
    expect(searchInput({ ...EMPTY_CRITERIA, kind: 'acte de NAISSANCE', status: 'annulé', niu: '00042 2026 000001 47', centre: '00042' }, kinds)).toEqual({
      formId: 'acte_naissance', status: 0, niu: '00042-2026-000001-47', matricule: '00042',
    });
    expect(searchInput({ ...EMPTY_CRITERIA, status: 'quatre', from: '2026-13-01' }, kinds)).toMatchObject({ status: Number.NaN, from: '2026-13-01' });
    expect(searchInput(EMPTY_CRITERIA, kinds)).toEqual({});
    expect(normaliseNiu('0004220260000014')).toBe('0004220260000014'); // one digit short: as typed, the core says why
  });

  it('the criteria form: Tab moves, Enter searches from the first page, Esc on the list clears the criteria', () => {
    let s: SearchState = initialSearch();
    s = searchReducer(s, { type: 'loaded', id: s.list.request!.id, page: { items: [hit(1)] } });
    s = searchReducer(s, { type: 'openCriteria' });
    s = searchReducer(s, { type: 'nextField' });
    for (const ch of 'koné') s = searchReducer(s, { type: 'criteriaText', input: ch, key: {} });
    expect(s.editing).toMatchObject({ focus: 1, values: { name: 'koné' } });
    s = searchReducer(s, { type: 'prevField' });
    s = searchReducer(s, { type: 'prevField' });
    expect(s.editing?.focus).toBe(7); // wraps to Statut
    s = searchReducer(s, { type: 'applyCriteria' });
    expect(s.editing).toBeNull();
    expect(s.list.request).toMatchObject({ params: { name: 'koné' }, cursors: [undefined] });
    s = searchReducer(s, { type: 'loaded', id: s.list.request!.id, page: { items: [] } });
    s = searchReducer(s, { type: 'clearCriteria' });
    expect(s.list.request?.params).toBe(EMPTY_CRITERIA);
  });

  it('refused criteria come back to the form, on the criterion the core named', () => {
    let s: SearchState = initialSearch();
    s = searchReducer(s, { type: 'loaded', id: s.list.request!.id, page: { items: [hit(1)] } });
    s = searchReducer(s, { type: 'openCriteria' });
    s = searchReducer(s, { type: 'nextField' });
    s = searchReducer(s, { type: 'nextField' });
    s = searchReducer(s, { type: 'nextField' });
    s = searchReducer(s, { type: 'criteriaText', input: '42', key: {} });
    s = searchReducer(s, { type: 'applyCriteria' });
    s = searchReducer(s, { type: 'refused', id: s.list.request!.id, error: label('matricule : 5 chiffres'), field: 'centre' });
    expect(s.editing).toMatchObject({ focus: 3, values: { centre: '42' } });
    expect(s.list.error?.fr).toBe('matricule : 5 chiffres');
    expect(s.list.page?.items).toHaveLength(1); // the page shown stays
    // the same criteria failing again (r) do not reopen the form
    s = searchReducer(s, { type: 'cancelCriteria' });
    s = searchReducer(s, { type: 'reload' });
    s = searchReducer(s, { type: 'refused', id: s.list.request!.id, error: label('base arrêtée') });
    expect(s.editing).toBeNull();
  });
});

const summary = (id: number, state: 'open' | 'resolved'): ConflictSummary => ({
  id, niu: '00042-2026-000001-47', matricule: '00042', centreName: 'Mairie', formId: 'acte_naissance', formVersion: 1, receivedAt: new Date(0),
  container: { src: '00042', seq: 3, evidenceArchived: true }, state, resolution: null, differences: [],
});
const detail = (state: 'open' | 'resolved'): ConflictDetail => ({
  ...summary(4, state), stored: null, incoming: { formId: 'acte_naissance', formVersion: 1, formTitle: null, validatedAt: new Date(0), receivedAt: new Date(0), container: null },
  fields: [],
  decisions: state === 'open' ? [{ value: 'keep', label: label('maintenir'), effect: label('La version centralisée reste.') }] : [],
});

describe('Documents area: conflicts', () => {
  it('the list: open by default, t cycles open → resolved → all (twice before an answer goes two steps), / a centre or a NIU', () => {
    let s = initialConflicts();
    expect(s.list.request?.params).toEqual({ state: 'open', filter: '' });
    s = conflictsReducer(s, { type: 'toggleState' });
    s = conflictsReducer(s, { type: 'toggleState' });
    expect(s.list.request?.params.state).toBe('all');
    expect(conflictsInput({ state: 'open', filter: '00042' })).toEqual({ state: 'open', centre: '00042' });
    expect(conflictsInput({ state: 'all', filter: '00042-2026-000001-47' })).toEqual({ state: 'all', niu: '00042-2026-000001-47' });
    expect(conflictsInput({ state: 'all', filter: '00042202600000147' })).toEqual({ state: 'all', niu: '00042-2026-000001-47' });
    expect(initialConflicts('00042-2026-000001-47').list.request?.params).toEqual({ state: 'all', filter: '00042-2026-000001-47' });
  });

  it('the list: the total comes with its page only; a refused filter comes back to its line', () => {
    let s = initialConflicts();
    const id = s.list.request!.id;
    s = conflictsReducer(s, { type: 'counted', id, total: 3 });
    s = conflictsReducer(s, { type: 'loaded', id, page: { items: [summary(3, 'open')] } });
    expect(s.total).toBe(3);
    expect(conflictsReducer(s, { type: 'counted', id, total: 9 }).total).toBe(3);
    s = conflictsReducer(s, { type: 'openFilter' });
    s = conflictsReducer(s, { type: 'filterText', input: '42', key: {} });
    s = conflictsReducer(s, { type: 'applyFilter' });
    s = conflictsReducer(s, { type: 'failed', id: s.list.request!.id, error: label('5 chiffres') });
    expect(s.editing).toBe('42');
  });

  it('a decision: remark required, then asked with its effect; no goes back to the remark; the answer reads the conflict again', () => {
    let s: ConflictState = initialConflict();
    s = conflictReducer(s, { type: 'loaded', request: 1, data: detail('open') });
    expect(canDecide(s)).toBe(true);
    expect(conflictConditions(s, true)).toEqual(['conflictOpen', 'docScroll']);
    s = conflictReducer(s, { type: 'decision', action: { type: 'start', kind: 'keep', target: 4 } });
    expect(conflictConditions(s, false)).toEqual([]);
    s = conflictReducer(s, { type: 'decision', action: { type: 'submit' } });
    expect(s.decide.missing?.fr).toContain('remarque');
    for (const ch of 'vu') s = conflictReducer(s, { type: 'decision', action: { type: 'text', input: ch, key: {} } });
    s = conflictReducer(s, { type: 'decision', action: { type: 'submit' } });
    expect(conflictStatus('fr', s, 80)).toBe('Trancher le conflit n° 4 : maintenir ? Effet : La version centralisée reste. Remarque : « vu ». C’est définitif. (o/n)');
    s = conflictReducer(s, { type: 'decision', action: { type: 'no' } });
    expect(s.decide.decision).toMatchObject({ step: 'typing', text: 'vu' });
    s = conflictReducer(s, { type: 'decision', action: { type: 'submit' } });
    s = conflictReducer(s, { type: 'decision', action: { type: 'yes' } });
    expect(s.decide.decision).toMatchObject({ step: 'running', kind: 'keep', target: 4, text: 'vu' });
    const id = (s.decide.decision as { id: number }).id;
    s = conflictReducer(s, { type: 'refused', id, error: label('déjà tranché') });
    expect(s).toMatchObject({ refusal: { fr: 'déjà tranché' }, decide: { decision: { step: 'idle' } }, view: { request: 2, loading: true } });
    expect(canDecide(s)).toBe(false); // being read again
    s = conflictReducer(s, { type: 'loaded', request: 2, data: detail('resolved') });
    expect(canDecide(s)).toBe(false);
    expect(conflictReducer(s, { type: 'decision', action: { type: 'start', kind: 'keep', target: 4 } })).toBe(s);
  });

  it('the remark line keeps its end in view', () => {
    const line = promptLine('fr', { fr: 'Remarque : ', en: 'Remark: ' }, 'x'.repeat(200), 40);
    expect([...line].length).toBeLessThanOrEqual(39);
    expect(line.endsWith('x_')).toBe(true);
    expect(decisionReducer(initialDecision<'k', number>(), { type: 'submit' }, label('?'))).toEqual(initialDecision());
  });

  it('side by side: the differing field is marked with a sign, a long value wraps in its column', () => {
    const fields = [
      { name: 'lieu', label: label('Lieu de naissance'), stored: label('Kati'), incoming: label('Kayes'), differs: true },
      { name: 'nom', label: label('Enfant'), stored: label('KONÉ Awa'), incoming: label('KONÉ Awa'), differs: false },
      { name: 'long', label: label('Observations'), stored: label('un texte bien plus long que la colonne qui lui est réservée'), incoming: label('—'), differs: true },
    ];
    const w = sideWidths('fr', fields, 80);
    expect(2 + w.label + 1 + w.cell + 1 + w.cell).toBeLessThanOrEqual(79);
    expect(sideBySide('fr', fields[0]!, w)[0]).toMatch(/^≠ Lieu de naissance\s+Kati\s+Kayes$/);
    expect(sideBySide('fr', fields[1]!, w)[0]).toMatch(/^ {2}Enfant/);
    const long = sideBySide('fr', fields[2]!, w);
    expect(long.length).toBeGreaterThan(1);
    expect(long.join(' ')).toContain('réservée');
    for (const l of long) expect([...l].length).toBeLessThanOrEqual(79);
  });
});

const container = (seq: number, state: QuarantinedContainer['state'] = 'held'): QuarantinedContainer => ({
  seq, type: 'docs', documents: 2, receivedAt: new Date(0), state, releasedAt: null, rejectedAt: null, rejectReason: null, rejectedBy: null, evidenceArchived: true,
});

describe('Documents area: quarantine', () => {
  function loaded(items: QuarantinedContainer[]): HeldScreenState {
    const s = initialHeld();
    return heldReducer(s, { type: 'loaded', id: s.list.request!.id, page: { items } });
  }

  it('m marks held containers; x rejects the marked ones, else the one under the cursor; X everything held', () => {
    let s = loaded([container(3), container(5), container(7, 'rejected')]);
    expect(heldConditions(s)).toEqual(['heldRow', 'heldAny']);
    let x = heldReducer(s, { type: 'startReject', all: false });
    expect(x.decide.decision).toMatchObject({ step: 'typing', target: [3] });
    s = heldReducer(s, { type: 'down' });
    s = heldReducer(s, { type: 'mark' });
    s = heldReducer(s, { type: 'up' });
    s = heldReducer(s, { type: 'mark' });
    expect(s.marked).toEqual([3, 5]);
    x = heldReducer(s, { type: 'startReject', all: false });
    expect(x.decide.decision).toMatchObject({ target: [3, 5] });
    s = heldReducer(s, { type: 'mark' });
    expect(s.marked).toEqual([5]);
    s = heldReducer(s, { type: 'down' });
    s = heldReducer(s, { type: 'down' });
    expect(heldConditions(s)).toEqual(['heldAny']); // a rejected container: no x, no m
    expect(heldReducer(s, { type: 'mark' })).toBe(s);
    x = heldReducer(s, { type: 'startReject', all: true });
    expect(x.decide.decision).toMatchObject({ target: 'all' });
  });

  it('asks with what it does, then the answer clears the marks and reads the list again', () => {
    let s = loaded([container(3), container(5)]);
    s = heldReducer(s, { type: 'mark' });
    s = heldReducer(s, { type: 'startReject', all: false });
    for (const ch of 'doublon') s = heldReducer(s, { type: 'decision', action: { type: 'text', input: ch, key: {} } });
    s = heldReducer(s, { type: 'decision', action: { type: 'submit' } });
    expect(heldStatus('fr', s, '00051', 80)).toContain('Refuser pour de bon le(s) conteneur(s) n° 3 du centre 00051 ?');
    expect(heldStatus('en', s, '00051', 80)).toContain('Reason: “doublon”. (y/n)');
    s = heldReducer(s, { type: 'decision', action: { type: 'yes' } });
    const id = (s.decide.decision as { id: number }).id;
    s = heldReducer(s, { type: 'rejected', id, result: { matricule: '00051', rejected: [3], documents: 2 } });
    expect(s.marked).toEqual([]);
    expect(s.list.request).not.toBeNull();
    expect(heldStatus('fr', s, '00051', 80)).toBe('1 conteneur(s) refusé(s) (n° 3 ; 2 document(s)). Le centre est averti au prochain échange.');
  });

  it('t cycles held → released → rejected → all, and forgets the marks', () => {
    let s = loaded([container(3)]);
    s = heldReducer(s, { type: 'mark' });
    s = heldReducer(s, { type: 'toggleState' });
    expect(s.marked).toEqual([]);
    s = heldReducer(s, { type: 'toggleState' });
    s = heldReducer(s, { type: 'toggleState' });
    expect(s.list.request?.params.state).toBe('all');
  });
});

describe('Documents area: the document', () => {
  const doc = {
    numero: 12, niu: '00042-2026-000001-47', centre: { matricule: '00042', name: 'Mairie', region: 'Koulikoro', status: 3, statusLabel: label('tous services') },
    form: { id: 'acte_naissance', version: 1, title: label('Acte de naissance') }, status: 4, statusLabel: label('Centralisé'), namesDisplay: 'KONÉ Awa',
    eventDate: '2026-01-01', validatedAt: new Date(0), receivedAt: new Date(0), cancelledAt: null, cancelReason: null,
    fields: [{ name: 'lieu', label: label('Lieu de naissance'), type: 'text' as const, value: 'Kati', text: label('Kati') }],
    container: { src: '00042', seq: 3, evidenceArchived: false }, conflicts: { open: 1, resolved: 1 },
    history: [
      { at: new Date(0), event: 'conflict', actor: null, conflictId: 7, text: label('conflit 7') },
      { at: new Date(1), event: 'conflict', actor: null, conflictId: 9, text: label('conflit 9') },
    ],
  };

  it('shows its fields with their labels, the container and whether its evidence is archived', () => {
    const lines = documentLines('fr', doc, 80);
    expect(lines).toContain('Conteneur : 00042 n° 3 · preuve signée archivée : non');
    expect(lines.some((l) => /^ {2}Lieu de naissance : Kati$/.test(l))).toBe(true);
    for (const l of lines) expect([...l].length).toBeLessThanOrEqual(79);
  });

  it('c leads to its one conflict, or to the list of its conflicts', () => {
    expect(conflictsTarget(doc)).toEqual({ niu: doc.niu });
    expect(conflictsTarget({ ...doc, history: doc.history.slice(0, 1) })).toEqual({ conflictId: 7 });
    expect(conflictsTarget({ ...doc, conflicts: { open: 0, resolved: 0 } })).toBeNull();
  });
});

describe('Documents area: keys', () => {
  it('unique ids in the whole table, and no plain character among the keys that work while typing', () => {
    expect(new Set(BINDINGS.map((b) => b.id)).size).toBe(BINDINGS.length);
    for (const b of BINDINGS.filter((x) => x.modes.includes('typing'))) {
      for (const k of b.keys) expect(k.stroke.key !== undefined || k.stroke.ctrl === true, b.id).toBe(true);
    }
  });

  it('k is keep on a conflict but ↑ on the lists; every changing key is off in read-only', () => {
    expect(matchAction('conflict', 'normal', 'k', {}, ['conflictOpen'])).toBe('keep');
    expect(matchAction('conflict', 'normal', 'k', {}, [])).toBeUndefined();
    expect(matchAction('conflicts', 'normal', 'k', {})).toBe('up');
    expect(matchAction('conflict', 'normal', 'k', {}, ['conflictOpen'], true)).toBeUndefined();
    expect(matchAction('quarantineCentre', 'normal', 'X', {}, ['heldAny'], true)).toBeUndefined();
    expect(matchAction('quarantineCentre', 'normal', 'X', {}, ['heldAny'])).toBe('rejectAll');
    expect(footerItems('fr', 'conflict', 'normal', ['conflictOpen'], true).map((i) => i.keys)).not.toContain('k');
    for (const b of BINDINGS.filter((x) => ['keep', 'askCancel', 'reject', 'rejectAll', 'mark'].includes(x.id))) expect(b.changes, b.id).toBe(true);
  });
});
