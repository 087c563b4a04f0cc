import { describe, expect, it } from 'vitest';
import { shippedForms, type AuditRow, type DocumentView, type SearchHit, type Session } from '@docstream/core';
import { appReducer, initialAppState, topOf, type AppState } from '../../apps/centre-tui/src/navigation.js';
import { initialLogin, loginReducer, type LoginState } from '@docstream/console-kit';
import { changePasswordReducer, initialChangePassword, type ChangePasswordState } from '@docstream/console-kit';
import { HOME_MENU, homeReducer, initialHome, summariseCounts } from '../../apps/centre-tui/src/screens/home-reducer.js';
import {
  documentsReducer,
  initialDocuments,
  looksLikeNiu,
  normaliseNiuInput,
  searchInputFor,
  selectedHit,
  type DocumentsState,
} from '../../apps/centre-tui/src/screens/documents-reducer.js';
import { detailReducer, initialDetail } from '../../apps/centre-tui/src/screens/detail-reducer.js';
import { detailLines, formatValue } from '../../apps/centre-tui/src/screens/detail-lines.js';
import { wrapText } from '@docstream/console-kit';
import { initialPalette, paletteChoice, paletteMatches, paletteReducer } from '../../apps/centre-tui/src/screens/palette-reducer.js';
import { errorLabel } from '../../apps/centre-tui/src/i18n.js';

// Sessions are only compared and read here, never sent to the core.
const session = (mustChangePassword = false): Session => ({ userId: 1, login: 'chef', fullName: 'Chef', privilege: 3, mustChangePassword });
const ERR = { fr: 'raté', en: 'failed' };

function typed<S>(reduce: (s: S, a: { type: 'text'; input: string; key: object }) => S, s: S, text: string): S {
  let out = s;
  for (const ch of text) out = reduce(out, { type: 'text', input: ch, key: {} });
  return out;
}

describe('navigation (App reducer)', () => {
  it('logs in to Home, or to the required password change', () => {
    expect(topOf(appReducer(initialAppState(), { type: 'loggedIn', session: session() })).screen).toBe('home');
    const forced = appReducer(initialAppState(), { type: 'loggedIn', session: session(true) });
    expect(topOf(forced)).toMatchObject({ screen: 'changePassword', forced: true });
    // Esc there logs out.
    const back = appReducer(forced, { type: 'back' });
    expect(back.session).toBeNull();
    expect(topOf(back).screen).toBe('login');
  });

  it('pushes and pops screens, keeping the ones below (same ids)', () => {
    let s: AppState = appReducer(initialAppState(), { type: 'loggedIn', session: session() });
    const home = topOf(s);
    s = appReducer(s, { type: 'open', route: { screen: 'documents' } });
    s = appReducer(s, { type: 'open', route: { screen: 'detail', numero: 7 } });
    expect(s.stack.map((r) => r.screen)).toEqual(['home', 'documents', 'detail']);
    s = appReducer(s, { type: 'back' });
    s = appReducer(s, { type: 'back' });
    expect(s.stack).toEqual([home]);
    expect(appReducer(s, { type: 'back' })).toBe(s);
  });

  it('jumps from the palette, Home staying underneath; closes an overlay first on Esc', () => {
    let s: AppState = appReducer(initialAppState(), { type: 'loggedIn', session: session() });
    const home = topOf(s);
    s = appReducer(s, { type: 'overlay', overlay: 'palette' });
    s = appReducer(s, { type: 'go', to: 'documents' });
    expect(s.overlay).toBeNull();
    expect(s.stack[0]).toBe(home);
    expect(topOf(s).screen).toBe('documents');
    s = appReducer(s, { type: 'overlay', overlay: 'help' });
    s = appReducer(s, { type: 'back' });
    expect(s.overlay).toBeNull();
    expect(topOf(s).screen).toBe('documents');
    s = appReducer(s, { type: 'go', to: 'logout' });
    expect(s.session).toBeNull();
    expect(s.stack.map((r) => r.screen)).toEqual(['login']);
  });

  it('opens nothing without a session', () => {
    const s = initialAppState();
    expect(appReducer(s, { type: 'overlay', overlay: 'help' })).toBe(s);
    expect(appReducer(s, { type: 'go', to: 'documents' })).toBe(s);
    expect(appReducer(s, { type: 'open', route: { screen: 'home' } })).toBe(s);
  });
});

describe('login reducer', () => {
  it('Enter moves from the user name to the password, then sends the attempt', () => {
    let s: LoginState = typed(loginReducer, initialLogin, 'chef');
    s = loginReducer(s, { type: 'submit' });
    expect(s.focus).toBe(1);
    expect(s.request).toBeNull();
    s = typed(loginReducer, s, 'secret');
    s = loginReducer(s, { type: 'submit' });
    expect(s.request).toEqual({ id: 1, login: 'chef', password: 'secret' });
    // Busy: keys change nothing until the answer.
    expect(loginReducer(s, { type: 'text', input: 'x', key: {} })).toBe(s);
    expect(loginReducer(s, { type: 'submit' })).toBe(s);
  });

  it('asks for what is missing, without calling the core', () => {
    let s = loginReducer(initialLogin, { type: 'submit' });
    expect(s.error?.fr).toContain('identifiant');
    s = loginReducer(typed(loginReducer, initialLogin, 'chef'), { type: 'nextField' });
    s = loginReducer(s, { type: 'submit' });
    expect(s.error?.fr).toContain('mot de passe');
    expect(s.request).toBeNull();
  });

  it('keeps the user name and clears the password after a failure', () => {
    let s = typed(loginReducer, initialLogin, 'chef');
    s = loginReducer(s, { type: 'nextField' });
    s = typed(loginReducer, s, 'wrong');
    s = loginReducer(s, { type: 'submit' });
    s = loginReducer(s, { type: 'failed', error: ERR });
    expect(s).toMatchObject({ login: 'chef', password: '', focus: 1, request: null, error: ERR });
    const next = loginReducer(typed(loginReducer, s, 'again'), { type: 'submit' });
    expect(next.request?.id).toBe(2);
  });
});

describe('change-password reducer', () => {
  function filled(current: string, next: string, confirm: string): ChangePasswordState {
    let s = typed(changePasswordReducer, initialChangePassword, current);
    s = changePasswordReducer(s, { type: 'submit' });
    s = typed(changePasswordReducer, s, next);
    s = changePasswordReducer(s, { type: 'submit' });
    return changePasswordReducer(typed(changePasswordReducer, s, confirm), { type: 'submit' });
  }

  it('sends current and new when the confirmation matches', () => {
    expect(filled('old-password', 'new-password-1', 'new-password-1').request).toEqual({ id: 1, current: 'old-password', next: 'new-password-1' });
  });

  it('catches a confirmation that differs, and missing fields', () => {
    const s = filled('old-password', 'new-password-1', 'new-password-2');
    expect(s.request).toBeNull();
    expect(s.values).toEqual(['old-password', '', '']);
    expect(s.focus).toBe(1);
    expect(s.error?.en).toContain('confirmation does not match');
    expect(filled('', 'a', 'a').error?.fr).toContain('actuel');
    expect(filled('x', '', '').error?.fr).toContain('nouveau');
  });

  it('after a refusal, retypes the current password (auth) or the new one (policy)', () => {
    const sent = filled('old-password', 'new-password-1', 'new-password-1');
    expect(changePasswordReducer(sent, { type: 'failed', error: ERR, code: 'auth_failed' })).toMatchObject({ values: ['', '', ''], focus: 0 });
    expect(changePasswordReducer(sent, { type: 'failed', error: ERR, code: 'weak_password' })).toMatchObject({ values: ['old-password', '', ''], focus: 1 });
  });

  it('cycles the three fields both ways', () => {
    let s = changePasswordReducer(initialChangePassword, { type: 'prevField' });
    expect(s.focus).toBe(2);
    s = changePasswordReducer(s, { type: 'nextField' });
    expect(s.focus).toBe(0);
  });
});

describe('home reducer', () => {
  it('folds the counts per stage; a cancelled document counts once, as cancelled', () => {
    expect(
      summariseCounts([
        { stage: 'draft', status: 1, n: 3 },
        { stage: 'draft', status: 0, n: 1 },
        { stage: 'verified', status: 1, n: 2 },
        { stage: 'validated', status: 3, n: 4 },
        { stage: 'validated', status: 4, n: 1 },
        { stage: 'validated', status: 0, n: 2 },
      ]),
    ).toEqual({ drafts: 3, verified: 2, validated: 5, cancelled: 3, total: 13 });
    expect(summariseCounts([])).toEqual({ drafts: 0, verified: 0, validated: 0, cancelled: 0, total: 0 });
  });

  it('ignores an answer to an older request, and keeps the menu cursor inside', () => {
    let s = homeReducer(initialHome, { type: 'refresh' });
    const counts = summariseCounts([{ stage: 'draft', status: 1, n: 1 }]);
    expect(homeReducer(s, { type: 'loaded', request: 1, counts })).toBe(s);
    s = homeReducer(s, { type: 'loaded', request: 2, counts });
    expect(s).toMatchObject({ counts, loading: false });
    for (let i = 0; i < 10; i++) s = homeReducer(s, { type: 'down' });
    expect(s.selected).toBe(HOME_MENU.length - 1);
    s = homeReducer(s, { type: 'failed', request: 2, error: ERR });
    expect(s.error).toEqual(ERR);
  });
});

describe('documents reducer', () => {
  const hit = (numero: number): SearchHit => ({
    numero, form_id: 'acte_naissance', status: 1, stage: 'draft', niu: null, event_date: null, names_norm: `nom ${numero}`, names_display: `NOM ${numero}`, remark: null, created_at: new Date(), updated_at: new Date(),
  });
  const page = (from: number, n: number, more: boolean) => {
    const items = Array.from({ length: n }, (_, i) => hit(from - i));
    return more ? { items, nextCursor: items[items.length - 1]!.numero } : { items };
  };
  const filterTyped = (s: DocumentsState, text: string) => documentsReducer(s, { type: 'filterText', input: text, key: {} });
  const answer = (s: DocumentsState, p: ReturnType<typeof page>) => documentsReducer(s, { type: 'loaded', id: s.request!.id, page: p });

  it('tells a NIU from a name, and puts a NIU typed loosely back in shape', () => {
    expect(looksLikeNiu('00042-2026-000123-47')).toBe(true);
    expect(looksLikeNiu(' 00042 2026 000123 47 ')).toBe(true);
    expect(looksLikeNiu('koné aminata')).toBe(false);
    expect(looksLikeNiu('---')).toBe(false);
    expect(normaliseNiuInput('00042 2026 000123 47')).toBe('00042-2026-000123-47');
    expect(normaliseNiuInput('00042202600012347')).toBe('00042-2026-000123-47');
    expect(normaliseNiuInput('0004-2026')).toBe('0004-2026');
    expect(searchInputFor('', undefined, 16)).toEqual({ limit: 16 });
    expect(searchInputFor(' koné ', 40, 16)).toEqual({ limit: 16, name: 'koné', before: 40 });
    expect(searchInputFor('00042-2026-000123-47', undefined, 16)).toEqual({ limit: 16, niu: '00042-2026-000123-47' });
  });

  it('asks for the first page at once, then pages forward and back by cursor', () => {
    let s = initialDocuments(3);
    expect(s.request).toMatchObject({ id: 1, input: { limit: 3 } });
    s = answer(s, page(10, 3, true));
    expect(s.request).toBeNull();
    s = documentsReducer(s, { type: 'nextPage' });
    expect(s.request?.input).toEqual({ limit: 3, before: 8 });
    // A second press while loading does not skip a page.
    expect(documentsReducer(s, { type: 'nextPage' })).toBe(s);
    s = answer(s, page(7, 3, true));
    expect(s.cursors).toEqual([undefined, 8]);
    s = documentsReducer(s, { type: 'prevPage' });
    expect(s.request?.input).toEqual({ limit: 3 });
    s = answer(s, page(10, 3, true));
    expect(s.cursors).toEqual([undefined]);
    expect(documentsReducer(s, { type: 'prevPage' })).toBe(s);
  });

  it('stops at the last page and keeps the cursor on the rows', () => {
    let s = answer(initialDocuments(5), page(2, 2, false));
    expect(documentsReducer(s, { type: 'nextPage' })).toBe(s);
    s = documentsReducer(documentsReducer(documentsReducer(s, { type: 'down' }), { type: 'down' }), { type: 'down' });
    expect(selectedHit(s)?.numero).toBe(1);
    s = documentsReducer(s, { type: 'up' });
    expect(selectedHit(s)?.numero).toBe(2);
  });

  it('opens, edits, cancels and applies the filter line', () => {
    let s = answer(initialDocuments(5), page(5, 5, false));
    s = documentsReducer(s, { type: 'openFilter' });
    expect(s.editing).toBe('');
    s = filterTyped(s, 'kone');
    expect(s.editing).toBe('kone');
    expect(documentsReducer(s, { type: 'cancelFilter' })).toMatchObject({ editing: null, filter: '' });
    s = documentsReducer(s, { type: 'applyFilter' });
    expect(s.editing).toBeNull();
    expect(s.request?.input).toEqual({ limit: 5, name: 'kone' });
    // The filter becomes current with its answer.
    expect(s.filter).toBe('');
    s = answer(s, page(3, 1, false));
    expect(s.filter).toBe('kone');
    s = documentsReducer(s, { type: 'clearFilter' });
    expect(s.request?.input).toEqual({ limit: 5 });
  });

  it('keeps the page when a filter is refused, and gives the text back to correct', () => {
    let s = answer(initialDocuments(5), page(5, 5, false));
    s = documentsReducer(s, { type: 'openFilter' });
    s = filterTyped(s, '00042-2026-000123-00');
    s = documentsReducer(s, { type: 'applyFilter' });
    s = documentsReducer(s, { type: 'failed', id: s.request!.id, error: ERR });
    expect(s).toMatchObject({ error: ERR, editing: '00042-2026-000123-00', filter: '', request: null });
    expect(s.page?.items).toHaveLength(5);
  });

  it('drops the answer of a superseded search', () => {
    let s = documentsReducer(initialDocuments(5), { type: 'openFilter' });
    s = filterTyped(s, 'a');
    s = documentsReducer(s, { type: 'applyFilter' });
    const stale = documentsReducer(s, { type: 'loaded', id: 1, page: page(9, 1, false) });
    expect(stale).toBe(s);
  });
});

describe('detail', () => {
  const form = shippedForms().find((f) => f.id === 'acte_naissance')!;
  const doc: DocumentView = {
    numero: 12, formId: 'acte_naissance', formVersion: form.version, status: 3, stage: 'validated', niu: '00042-2026-000001-50',
    data: { enfant: { nom: 'KONÉ', prenoms: 'Aminata' }, sexe: 'F', date_naissance: '2026-03-01' }, eventDate: '2026-03-01', remark: null,
    createdBy: 2, createdAt: new Date(2026, 2, 15, 10, 5), updatedAt: new Date(), verifiedBy: 3, validatedBy: 1, validatedAt: new Date(), cancelledAt: null, cancelReason: null,
  };
  const history: AuditRow[] = [
    { seq: 4, at: new Date(2026, 2, 15, 10, 5), actorId: 2, actorLogin: 'awa', action: 'document_drafted', entity: 'document', entityId: '12', details: {}, prevHash: '', hash: '' },
    { seq: 9, at: new Date(2026, 2, 15, 11, 0), actorId: 1, actorLogin: 'chef', action: 'document_validated', entity: 'document', entityId: '12', details: { niu: '00042-2026-000001-50' }, prevHash: '', hash: '' },
  ];

  it('lists the fields with the form’s labels in the language, empty ones as —, and the history', () => {
    const fr = detailLines('fr', { doc, form, history }, 80);
    expect(fr).toContain('Contenu');
    expect(fr.some((l) => /^ {2}Enfant +: KONÉ Aminata$/.test(l))).toBe(true);
    expect(fr.some((l) => /^ {2}Sexe +: Féminin$/.test(l))).toBe(true);
    expect(fr.some((l) => /^ {2}Lieu de naissance +: —$/.test(l))).toBe(true);
    expect(fr.some((l) => /NIU +: 00042-2026-000001-50/.test(l))).toBe(true);
    expect(fr.some((l) => /Statut +: SDC \(à transmettre\)/.test(l))).toBe(true);
    expect(fr.at(-1)).toMatch(/2026-03-15 11:00 {2}chef +validé — 00042-2026-000001-50/);
    const en = detailLines('en', { doc, form, history }, 80);
    expect(en.some((l) => /^ {2}Sex +: Female$/.test(l))).toBe(true);
    expect(en).toContain('History');
    for (const l of fr) expect([...l].length).toBeLessThan(80);
  });

  it('shows raw field names when the form version is unknown here', () => {
    const lines = detailLines('fr', { doc, form: undefined, history: [] }, 80);
    expect(lines.some((l) => /^ {2}enfant +: KONÉ Aminata$/.test(l))).toBe(true);
    expect(lines.at(-1)).toContain('(aucun événement)');
  });

  it('formats tallies and wraps long text at spaces', () => {
    expect(formatValue('fr', undefined, [{ candidat: 'A', voix: 10 }, { candidat: 'B', voix: 4 }])).toBe('A: 10, B: 4');
    expect(formatValue('fr', undefined, 42)).toBe('42');
    expect(wrapText('un deux trois quatre', 9)).toEqual(['un deux', 'trois', 'quatre']);
    expect(wrapText('abcdefghijkl', 8)).toEqual(['abcdefgh', 'ijkl']);
  });

  it('scrolls within the lines, a page at a time too', () => {
    let s = detailReducer(initialDetail, { type: 'scroll', by: -1, total: 30, height: 10 });
    expect(s.scroll).toBe(0);
    s = detailReducer(s, { type: 'page', direction: 1, total: 30, height: 10 });
    expect(s.scroll).toBe(9);
    s = detailReducer(s, { type: 'page', direction: 1, total: 30, height: 10 });
    s = detailReducer(s, { type: 'page', direction: 1, total: 30, height: 10 });
    expect(s.scroll).toBe(20);
    expect(detailReducer(s, { type: 'scroll', by: 1, total: 5, height: 10 }).scroll).toBe(0);
  });
});

describe('palette', () => {
  it('narrows the screens by name in either language, accents and case aside', () => {
    expect(paletteMatches('').map((d) => d.id)).toEqual(['home', 'documents', 'verify', 'transmission', 'messages', 'account', 'users', 'newDocument', 'settings', 'password', 'logout']);
    expect(paletteMatches('DÉCO').map((d) => d.id)).toEqual(['logout']);
    expect(paletteMatches('log').map((d) => d.id)).toEqual(['logout']);
    expect(paletteMatches('param').map((d) => d.id)).toEqual(['settings']);
    expect(paletteMatches('settings').map((d) => d.id)).toEqual(['settings']);
    expect(paletteMatches('zzz')).toEqual([]);
  });

  it('selects within the matches and resets on typing', () => {
    let s = paletteReducer(initialPalette, { type: 'down' });
    s = paletteReducer(s, { type: 'down' });
    expect(paletteChoice(s)).toBe('verify');
    s = paletteReducer(s, { type: 'text', input: 'd', key: {} });
    expect(s.selected).toBe(0);
    expect(paletteChoice(paletteReducer(s, { type: 'down' }))).toBe(paletteMatches('d')[1]!.id);
    expect(paletteChoice({ text: 'zzz', selected: 0 })).toBeUndefined();
  });
});

describe('error messages', () => {
  it('takes a DocstreamError’s own sentences, and words anything else as unexpected', () => {
    expect(errorLabel({ code: 'auth_failed', fr: 'Non.', en: 'No.' })).toEqual({ fr: 'Non.', en: 'No.' });
    expect(errorLabel(new Error('boom'))).toEqual({ fr: 'Erreur inattendue : boom', en: 'Unexpected error: boom' });
  });
});
