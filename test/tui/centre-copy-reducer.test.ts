import { describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shippedForms, type DocumentView } from '@docstream/core';
import {
  copyAllowed, copyStatus, detailConditions, detailMode, detailReducer, fitPath, initialDetail, type DetailState,
} from '../../apps/centre-tui/src/screens/detail-reducer.js';
import { footerItems, helpEntries, matchAction } from '../../apps/centre-tui/src/keys/kit.js';
import { footerLine } from '@docstream/console-kit';
import { copiesDir, copyFileName, writeCopyFile } from '../../apps/centre-tui/src/copies-file.js';

const OFFICER = 3;
const SECRETARY = 2;
const AGENT = 1;
const NIU = '00042-2026-000123-47';

const form = shippedForms().find((f) => f.id === 'acte_naissance')!;
function docWith(over: Partial<DocumentView> = {}): DocumentView {
  return {
    numero: 12, formId: 'acte_naissance', formVersion: form.version, status: 4, stage: 'validated', niu: NIU,
    data: {}, eventDate: '2026-03-01', remark: null, createdBy: 2, createdAt: new Date(), updatedAt: new Date(),
    verifiedBy: 3, validatedBy: 1, validatedAt: new Date(), cancelledAt: null, cancelReason: null, ...over,
  };
}
function loaded(over: Partial<DocumentView> = {}): DetailState {
  return detailReducer(initialDetail, { type: 'loaded', request: 1, data: { doc: docWith(over), form, history: [] } });
}

describe('certified copy from the detail: the reducer', () => {
  it('offers p to the Officer only, on a validated document with status 2, 3 or 4', () => {
    for (const status of [2, 3, 4]) expect(copyAllowed(loaded({ status }), OFFICER), `status ${status}`).toBe(true);
    expect(copyAllowed(loaded({ status: 0, cancelReason: 'doublon' }), OFFICER)).toBe(false);
    expect(copyAllowed(loaded({ status: 1, stage: 'draft', niu: null }), OFFICER)).toBe(false);
    expect(copyAllowed(loaded({ status: 1, stage: 'verified', niu: null }), OFFICER)).toBe(false);
    expect(copyAllowed(loaded(), SECRETARY)).toBe(false);
    expect(copyAllowed(loaded(), AGENT)).toBe(false);
    expect(copyAllowed(initialDetail, OFFICER)).toBe(false); // nothing loaded yet
    expect(detailConditions(loaded(), OFFICER)).toEqual(['copy', 'docCancel']); // and cancel (centre-workflow-reducer.test.ts)
    expect(detailConditions(loaded(), AGENT)).toEqual([]);
  });

  it('p asks (confirm mode), n goes back, o starts the copy; nothing more is offered meanwhile', () => {
    let s = loaded();
    expect(detailReducer(s, { type: 'askCopy', privilege: AGENT })).toBe(s);
    s = detailReducer(s, { type: 'askCopy', privilege: OFFICER });
    expect(s.copy).toEqual({ step: 'asking', niu: NIU });
    expect(detailMode(s)).toBe('confirm');
    expect(detailConditions(s, OFFICER)).toEqual(['askCopy']); // only the answers to this question
    expect(detailReducer(s, { type: 'declineCopy' }).copy).toEqual({ step: 'idle' });
    s = detailReducer(s, { type: 'confirmCopy' });
    expect(s.copy).toEqual({ step: 'issuing', id: 1, niu: NIU });
    expect(detailMode(s)).toBe('normal');
    expect(detailConditions(s, OFFICER)).toEqual([]); // no second copy by a double press
    expect(detailReducer(s, { type: 'confirmCopy' })).toBe(s);
    expect(detailReducer(s, { type: 'askCopy', privilege: OFFICER })).toBe(s);
  });

  it('the copy written is said and the history read again; a failure is said on the error line', () => {
    let s = detailReducer(detailReducer(loaded(), { type: 'askCopy', privilege: OFFICER }), { type: 'confirmCopy' });
    expect(detailReducer(s, { type: 'copied', id: 99, copyNo: 1, file: '/x.pdf' })).toBe(s); // not this one
    const ok = detailReducer(s, { type: 'copied', id: 1, copyNo: 3, file: '/copies/a.pdf' });
    expect(ok.copy).toEqual({ step: 'idle' });
    expect(ok.done).toEqual({ copyNo: 3, file: '/copies/a.pdf' });
    expect(ok.request).toBe(s.request + 1);
    expect(copyAllowed(ok, OFFICER)).toBe(true);
    // The reload keeps the message; a refresh asked by the user, or the next p, clears it.
    expect(detailReducer(ok, { type: 'loaded', request: ok.request, data: ok.data! }).done).not.toBeNull();
    expect(detailReducer(ok, { type: 'refresh' }).done).toBeNull();
    expect(detailReducer(ok, { type: 'askCopy', privilege: OFFICER }).done).toBeNull();

    const error = { fr: 'Seuls les documents validés…', en: 'Only validated…' };
    const failed = detailReducer(s, { type: 'copyFailed', id: 1, error });
    expect(failed.copy).toEqual({ step: 'idle' });
    expect(failed.error).toEqual(error);
    s = detailReducer(failed, { type: 'askCopy', privilege: OFFICER });
    expect(s.error).toBeNull(); // asking again clears the old error
  });

  it('writes the question, the wait and the result on the message line, the path cut from its start', () => {
    let s = detailReducer(loaded(), { type: 'askCopy', privilege: OFFICER });
    expect(copyStatus('fr', s, 80)).toBe(`Délivrer la copie n° suivante de ${NIU} ? (o/n)`);
    expect(copyStatus('en', s, 80)).toBe(`Issue the next certified copy of ${NIU}? (y/n)`);
    s = detailReducer(s, { type: 'confirmCopy' });
    expect(copyStatus('fr', s, 80)).toBe('Copie certifiée en préparation…');
    s = detailReducer(s, { type: 'copied', id: 1, copyNo: 3, file: '/srv/docstream/copies/x.pdf' });
    expect(copyStatus('fr', s, 80)).toBe('Copie n° 3 écrite : /srv/docstream/copies/x.pdf');
    expect(copyStatus('en', s, 80)).toBe('Copy no. 3 written: /srv/docstream/copies/x.pdf');
    const long = `/home/officier/${'tres-long-dossier/'.repeat(5)}${NIU}-copie-3.pdf`;
    s = { ...s, done: { copyNo: 3, file: long } };
    const line = copyStatus('fr', s, 80)!;
    expect([...line].length).toBeLessThan(80);
    expect(line).toMatch(new RegExp(`^Copie n° 3 écrite : ….*/${NIU}-copie-3\\.pdf$`));
    expect(fitPath('/a/b.pdf', 20)).toBe('/a/b.pdf');
    expect(fitPath('/abcdef/ghij.pdf', 10)).toBe('…/ghij.pdf');
    expect(copyStatus('fr', loaded(), 80)).toBeNull();
  });
});

describe('certified copy: the key table', () => {
  it('p works and shows only when the screen says a copy can be issued', () => {
    expect(matchAction('detail', 'normal', 'p', {})).toBeUndefined();
    expect(matchAction('detail', 'normal', 'p', {}, ['copy'])).toBe('copy');
    expect(footerLine(footerItems('fr', 'detail', 'normal'), 80)).not.toContain('copie');
    expect(footerLine(footerItems('fr', 'detail', 'normal', ['copy']), 80)).toContain('p copie');
    expect(footerLine(footerItems('en', 'detail', 'normal', ['copy']), 80)).toContain('p copy');
    for (const lang of ['fr', 'en'] as const) {
      const line = footerLine(footerItems(lang, 'detail', 'normal', ['copy']), 80);
      expect(line.endsWith('…'), line).toBe(false);
    }
  });

  it('the question takes o or y, n or Esc, and Ctrl+C; nothing else (q, ?, r, Esc back)', () => {
    const on = ['askCopy'] as const;
    expect(matchAction('detail', 'confirm', 'o', {}, on)).toBe('yes');
    expect(matchAction('detail', 'confirm', 'y', {}, on)).toBe('yes');
    expect(matchAction('detail', 'confirm', 'n', {}, on)).toBe('no');
    expect(matchAction('detail', 'confirm', '', { escape: true }, on)).toBe('no');
    expect(matchAction('detail', 'confirm', 'c', { ctrl: true }, on)).toBe('forceQuit');
    for (const ch of ['q', '?', ':', 'r', 'p', 'j']) expect(matchAction('detail', 'confirm', ch, {}, on), ch).toBeUndefined();
    expect(footerLine(footerItems('fr', 'detail', 'confirm', on), 80)).toBe('o oui, délivrer  n Esc non  Ctrl+C quitter');
    expect(footerLine(footerItems('en', 'detail', 'confirm', on), 80)).toBe('y yes, issue  n Esc no  Ctrl+C quit');
  });

  it('the help of the detail names p, when it applies, and the answers to the question', () => {
    const fr = helpEntries('fr', 'detail');
    const p = fr.find((e) => e.keys === 'p')!;
    expect(p.text).toContain('copie certifiée');
    expect(p.text).toContain('Officier');
    expect(p.typing).toBe(false);
    const yes = fr.find((e) => e.keys === 'o y')!;
    expect(yes.asking).toBe(true);
    expect(yes.typing).toBe(false);
    expect(fr.find((e) => e.keys === 'n Esc')!.asking).toBe(true);
  });
});

describe('certified copy: the file', () => {
  it('goes to DOCSTREAM_COPIES_DIR, else copies/ in the data directory', () => {
    expect(copiesDir('/data', { DOCSTREAM_COPIES_DIR: '/srv/copies' })).toBe('/srv/copies');
    expect(copiesDir('/data', {})).toBe(join('/data', 'copies'));
    expect(copiesDir(undefined, { DOCSTREAM_DATA_DIR: '/var/lib/ds', DOCSTREAM_CONFIG_DIR: '/nonexistent-ds-config' })).toBe(join('/var/lib/ds', 'copies'));
    expect(copyFileName(NIU, 3)).toBe(`${NIU}-copie-3.pdf`);
  });

  it('is written 0600 through a .part, the folder made if missing', async () => {
    const root = await mkdtemp(join(tmpdir(), 'ds-copy-file-'));
    try {
      const dir = join(root, 'copies');
      const file = await writeCopyFile(dir, NIU, 1, Buffer.from('%PDF-1.7\n'));
      expect(file).toBe(join(dir, `${NIU}-copie-1.pdf`));
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await readFile(file, 'latin1')).toBe('%PDF-1.7\n');
      expect(await readdir(dir)).toEqual([`${NIU}-copie-1.pdf`]);
      await expect(writeCopyFile(join(file, 'sub'), NIU, 2, Buffer.from('x'))).rejects.toMatchObject({
        fr: expect.stringMatching(/la copie n° 2 est enregistrée/),
        en: expect.stringMatching(/copy no\. 2 is recorded/),
      });
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
