import { describe, expect, it } from 'vitest';
import { VERDICT_LABELS, type Session, type Verification } from '@docstream/core';
import { appReducer, DESTINATIONS, initialAppState, topOf } from '../../apps/centre-tui/src/navigation.js';
import { BINDINGS } from '../../apps/centre-tui/src/keys/bindings.js';
import { footerItems, helpEntries, matchAction } from '../../apps/centre-tui/src/keys/kit.js';
import { footerLine } from '@docstream/console-kit';
import { paletteMatches } from '../../apps/centre-tui/src/screens/palette-reducer.js';
import {
  fitLines,
  initialVerify,
  issueDate,
  MAX_SEAL_TEXT,
  resultLines,
  shownText,
  verdictTone,
  verifyReducer,
  type VerifyState,
} from '../../apps/centre-tui/src/screens/verify-reducer.js';

const session: Session = { userId: 1, login: 'chef', fullName: 'Chef', privilege: 3, mustChangePassword: false };
// About what a scanner types: 540 base45 characters, spaces and `$%*+-./:` among them.
const SEAL = `DS1:${'6BFOXN$%*+-./: '.repeat(36)}`.slice(0, 540);

function typed(s: VerifyState, text: string): VerifyState {
  let out = s;
  for (const ch of text) out = verifyReducer(out, { type: 'text', input: ch, key: {} });
  return out;
}

const authentic: Verification = {
  verdict: 'authentic',
  detail: 'sealed by centre 00042',
  trustChecked: true,
  trustVersion: 4,
  label: VERDICT_LABELS.authentic,
  content: {
    niu: '00042-2026-000001-47', kind: 'acte_naissance', formVersion: 1, fields: { enfant: 'KONÉ Aminata' },
    issuedOn: new Date('2026-03-20T00:00:00Z'), copy: 2, centre: '00042', keyId: 'ab12',
  },
  lines: [{ name: 'enfant', label: { fr: 'Enfant', en: 'Child' }, value: 'KONÉ Aminata' }],
};

describe('verify screen reducer', () => {
  it('assembles a scanner’s chunks, every printable character included, and Enter asks for the verification', () => {
    let s = verifyReducer(initialVerify, { type: 'text', input: SEAL.slice(0, 200), key: {} });
    s = verifyReducer(s, { type: 'text', input: SEAL.slice(200), key: {} });
    expect(s.text).toBe(SEAL);
    s = verifyReducer(s, { type: 'submit' });
    expect(s.request).toEqual({ id: 1, text: SEAL });
    // The field is empty at once, ready for the next scan.
    expect(s.text).toBe('');
    expect(typed(initialVerify, 'q?/:').text).toBe('q?/:');
  });

  it('keeps a whole QR text (far beyond the 200 characters of a form field)', () => {
    const long = 'A'.repeat(MAX_SEAL_TEXT + 10);
    expect(verifyReducer(initialVerify, { type: 'text', input: long, key: {} }).text).toHaveLength(MAX_SEAL_TEXT);
  });

  it('shows the answer to its own request only; typing the next text takes a result away', () => {
    let s = verifyReducer(typed(initialVerify, 'DS1:AB'), { type: 'submit' });
    const id = s.request!.id;
    expect(verifyReducer(s, { type: 'verified', id: id + 1, verification: authentic })).toBe(s);
    s = verifyReducer(s, { type: 'verified', id, verification: authentic });
    expect(s.result).toEqual({ text: 'DS1:AB', verification: authentic });
    expect(s.request).toBeNull();
    // A control key changes nothing; the first character of the next scan clears the verdict.
    expect(verifyReducer(s, { type: 'text', input: '', key: { backspace: true } })).toBe(s);
    const next = verifyReducer(s, { type: 'text', input: 'D', key: {} });
    expect(next.result).toBeNull();
    // ...and a verification still running is dropped: its verdict would sit beside another text.
    const running = verifyReducer(typed(initialVerify, 'DS1:X'), { type: 'submit' });
    const typing = verifyReducer(running, { type: 'text', input: 'D', key: {} });
    expect(typing.request).toBeNull();
    expect(verifyReducer(typing, { type: 'verified', id: running.request!.id, verification: authentic }).result).toBeNull();
  });

  it('Enter on an empty field says what to do (unless a result is shown); a core error is shown', () => {
    expect(verifyReducer(initialVerify, { type: 'submit' }).error?.fr).toContain('Scannez le QR code');
    const shown: VerifyState = { ...initialVerify, result: { text: 'DS1:AB', verification: authentic } };
    expect(verifyReducer(shown, { type: 'submit' })).toBe(shown);
    const s = verifyReducer(typed(initialVerify, 'DS1:AB'), { type: 'submit' });
    const failed = verifyReducer(s, { type: 'failed', id: s.request!.id, error: { fr: 'Pas inscrit.', en: 'Not enrolled.' } });
    expect(failed).toMatchObject({ request: null, result: null, error: { fr: 'Pas inscrit.' } });
  });

  it('clear empties the field and keeps the result', () => {
    const s: VerifyState = { ...typed(initialVerify, 'DS1:'), error: { fr: 'x', en: 'x' } };
    expect(verifyReducer(s, { type: 'clear' })).toMatchObject({ text: '', error: null });
    expect(verifyReducer(initialVerify, { type: 'clear' })).toBe(initialVerify);
  });
});

describe('verify screen lines', () => {
  it('cuts a long text to its start and its length', () => {
    expect(shownText('fr', 'DS1:AB', 40)).toBe('DS1:AB');
    expect(shownText('fr', SEAL, 60)).toBe(`${SEAL.slice(0, 30)}… (540 caractères)`);
    expect(shownText('en', SEAL, 60)).toBe(`${SEAL.slice(0, 30)}… (540 characters)`);
  });

  it('writes the issue date the French way in French', () => {
    const d = new Date('2026-03-05T00:00:00Z');
    expect(issueDate('fr', d)).toBe('05/03/2026');
    expect(issueDate('en', d)).toBe('5 March 2026');
  });

  it('lists the document, each key field and whether the trust list was checked', () => {
    const { lines, trust } = resultLines('fr', { text: SEAL, verification: authentic }, { fr: 'Acte de naissance', en: 'Birth certificate' }, 80);
    const text = lines.join('\n');
    expect(text).toMatch(/Document\s+: Acte de naissance/);
    expect(text).toMatch(/NIU\s+: 00042-2026-000001-47/);
    expect(text).toMatch(/Copie n°\s+: 2/);
    expect(text).toMatch(/Centre émetteur\s+: 00042/);
    expect(text).toMatch(/Délivrée le\s+: 20\/03\/2026/);
    expect(text).toMatch(/Enfant\s+: KONÉ Aminata/);
    expect(trust).toBe('Liste de confiance n° 4 consultée');
    for (const l of lines) expect([...l].length).toBeLessThan(80);
    const unchecked = resultLines('fr', { text: SEAL, verification: { ...authentic, trustChecked: false, trustVersion: null } }, undefined, 80);
    expect(unchecked.trust).toBe('Aucune liste de confiance reçue : annulations et révocations non vérifiées');
    // Without the form here, the kind is its id.
    expect(unchecked.lines.join('\n')).toMatch(/Document\s+: acte_naissance/);
  });

  it('a forged seal shows no content, only the technical detail', () => {
    const forged: Verification = { verdict: 'forged', detail: 'seal signature does not match the attested key', trustChecked: false, trustVersion: null, label: VERDICT_LABELS.forged, lines: [] };
    const { lines, trust } = resultLines('en', { text: 'DS1:AB', verification: forged }, undefined, 80);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/Technical detail\s+: seal signature does not match/);
    expect(trust).toBeNull();
    expect(VERDICT_LABELS.forged.fr).toMatch(/^FAUX/);
  });

  it('never relies on colour: each verdict has a tone and its sentence starts in capitals', () => {
    expect(verdictTone('authentic')).toBe('good');
    expect(verdictTone('forged')).toBe('bad');
    expect(verdictTone('revoked')).toBe('bad');
    expect(verdictTone('cancelled')).toBe('bad');
    expect(verdictTone('unreadable')).toBe('warning');
    for (const l of Object.values(VERDICT_LABELS)) for (const side of [l.fr, l.en]) expect(side).toMatch(/^[A-ZÀ-Ý ]{4,}/u);
  });

  it('fits the lines to the room left, saying how many are left out', () => {
    expect(fitLines(['a', 'b'], 5, 'fr')).toEqual(['a', 'b']);
    expect(fitLines(['a', 'b', 'c', 'd'], 3, 'fr')).toEqual(['a', 'b', '… et 2 ligne(s) de plus']);
  });
});

describe('verify screen wiring', () => {
  it('is a destination of the Home menu and the palette, opened above Home; Esc comes back', () => {
    expect(DESTINATIONS.map((d) => d.id)).toContain('verify');
    expect(paletteMatches('verif').map((d) => d.id)).toEqual(['verify']);
    expect(paletteMatches('copie').map((d) => d.id)).toEqual(['verify']);
    const home = appReducer(initialAppState(), { type: 'loggedIn', session });
    const s = appReducer(home, { type: 'go', to: 'verify' });
    expect(s.stack.map((r) => r.screen)).toEqual(['home', 'verify']);
    expect(topOf(appReducer(s, { type: 'back' })).screen).toBe('home');
  });

  it('binds Enter, Esc and Ctrl+C only: every character is text', () => {
    for (const ch of ['q', '?', '/', ':', ' ', '$', '%', '*', '+', '-', '.', 'A', '9']) expect(matchAction('verify', 'typing', ch, {})).toBeUndefined();
    expect(matchAction('verify', 'typing', '', { return: true })).toBe('submit');
    expect(matchAction('verify', 'typing', '', { escape: true })).toBe('back');
    expect(matchAction('verify', 'typing', 'c', { ctrl: true })).toBe('forceQuit');
    for (const b of BINDINGS.filter((x) => x.screens.includes('verify'))) {
      for (const k of b.keys) expect(k.stroke.key !== undefined || k.stroke.ctrl === true, b.id).toBe(true);
    }
  });

  it('has a footer within 80 columns and help sentences, in French and English', () => {
    expect(footerLine(footerItems('fr', 'verify', 'typing'), 80)).toBe('Entrée vérifier  Esc retour  Ctrl+C quitter');
    expect(footerLine(footerItems('en', 'verify', 'typing'), 80)).toBe('Enter verify  Esc back  Ctrl+C quit');
    expect(helpEntries('fr', 'verify').map((e) => e.text).join('\n')).toContain('Vérifier le texte scanné');
  });
});
