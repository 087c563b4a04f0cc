import { beforeAll, describe, expect, it } from 'vitest';
import { formatNiu, type Server, type Session } from '@docstream/core';
import { enrolledPair, queueBirths, sealAsCentre, type Pair } from '../support/transmission.js';

/** A new operator with its password changed, ready to act. */
async function operator(server: Server, admin: Session, login: string, privilege: number): Promise<Session> {
  const { temporaryPassword } = await server.operators.create(admin, { login, fullName: `Compte ${login}`, privilege });
  return server.operators.changePassword(login, temporaryPassword, `Registre-Central-${privilege}-2026`);
}

async function rows<T>(pair: Pair, sql: string, params: unknown[] = []): Promise<T[]> {
  return pair.server.db.query<T>(sql, params);
}

describe('a conflict: the same NIU sent again with other content', () => {
  let pair: Pair;
  let viewer: Session;
  let op: Session;
  const niu = formatNiu('00042', 2026, 1);
  let conflictId: number;

  beforeAll(async () => {
    pair = await enrolledPair({ matricule: '00042' });
    await queueBirths(pair, 2);
    const sent = await pair.exchange();
    expect(sent[0]!.outcome).toMatchObject({ kind: 'accepted', documents: 2 });
    viewer = await operator(pair.server, pair.admin, 'lecteur', 1);
    op = await operator(pair.server, pair.admin, 'operateur', 2);
    // What a centre restored from an old backup could send: the same NIU, the place of birth changed.
    const [stored] = await rows<{ data: Record<string, unknown>; validated_at: Date }>(pair, 'SELECT data, validated_at FROM xm_data.documents WHERE niu = $1', [niu]);
    const doc = { n: niu, f: 'acte_naissance', fv: 1, va: stored!.validated_at.toISOString(), d: { ...stored!.data, lieu_naissance: 'Kayes' } };
    const r = await pair.deliver(await sealAsCentre(pair, 'docs', { docs: [doc] }));
    expect(r.outcome).toMatchObject({ kind: 'accepted', documents: 0, conflicts: 1 });
  });

  it('is listed, open, with the fields that differ named by their form labels', async () => {
    const page = await pair.server.documents.conflicts.list(viewer);
    expect(page.total).toBe(1);
    const [c] = page.items;
    conflictId = c!.id;
    expect(c).toMatchObject({ niu, matricule: '00042', centreName: 'Mairie de Test', state: 'open', resolution: null, container: { src: '00042', evidenceArchived: true } });
    expect(c!.differences).toEqual([{ name: 'lieu_naissance', label: { fr: 'Lieu de naissance', en: 'Place of birth' }, stored: { fr: 'Kati', en: 'Kati' }, incoming: { fr: 'Kayes', en: 'Kayes' }, differs: true }]);
    expect((await pair.server.documents.conflicts.list(viewer, { centre: '00099' })).total).toBe(0);
  });

  it('is listed by its document’s NIU (the console’s jump from the document), and a mistyped NIU is refused', async () => {
    expect((await pair.server.documents.conflicts.list(viewer, { niu, state: 'all' })).items.map((c) => c.id)).toEqual([conflictId]);
    expect((await pair.server.documents.conflicts.list(viewer, { niu: formatNiu('00042', 2026, 2), state: 'all' })).total).toBe(0);
    await expect(pair.server.documents.conflicts.list(viewer, { niu: '00042-2026-000001-00' })).rejects.toMatchObject({
      code: 'validation', fr: expect.stringContaining('mal saisi'), en: expect.stringContaining('mistyped'),
    });
  });

  it('shows both versions side by side, with the decisions open to the operator', async () => {
    const d = await pair.server.documents.conflicts.detail(viewer, conflictId);
    expect(d.stored).toMatchObject({ formId: 'acte_naissance', status: 4, container: { src: '00042', evidenceArchived: true } });
    expect(d.incoming.container).toMatchObject({ src: '00042', evidenceArchived: true });
    expect(d.incoming.container!.seq).not.toBe(d.stored!.container!.seq);
    const sexe = d.fields.find((f) => f.name === 'sexe')!;
    expect(sexe).toMatchObject({ label: { fr: 'Sexe', en: 'Sex' }, differs: false });
    expect(sexe.stored.fr).toBe(sexe.incoming.fr);
    expect(d.fields.filter((f) => f.differs).map((f) => f.name)).toEqual(['lieu_naissance']);
    expect(d.decisions.map((x) => x.value)).toEqual(['keep', 'ask_cancel']);
  });

  it('is refused to a viewer, and without a remark, with reasons in both languages', async () => {
    await expect(pair.server.documents.conflicts.resolve(viewer, conflictId, { decision: 'keep', remark: 'vu' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(pair.server.documents.conflicts.resolve(op, conflictId, { decision: 'keep', remark: '  ' })).rejects.toMatchObject({
      code: 'validation', fr: expect.stringContaining('Remarque obligatoire'), en: expect.stringContaining('remark is required'),
    });
    await expect(pair.server.documents.conflicts.resolve(op, conflictId, { decision: 'overwrite' as 'keep', remark: 'remplacer' })).rejects.toMatchObject({ code: 'validation' });
    expect((await pair.server.documents.conflicts.list(viewer)).total).toBe(1);
  });

  it('resolved by an operator: who, when, the remark and an audit entry; it leaves the open list and the centre is told', async () => {
    const remark = 'Le registre de Kati fait foi (acte vérifié)';
    const s = await pair.server.documents.conflicts.resolve(op, conflictId, { decision: 'keep', remark });
    expect(s).toMatchObject({ state: 'resolved', resolution: { decision: 'keep', remark, by: { login: 'operateur' } } });
    const [row] = await rows<{ resolution: string; remark: string; resolved_at: Date; login: string }>(pair,
      'SELECT c.resolution, c.remark, c.resolved_at, o.login FROM xm_data.conflicts c JOIN xm_system.operators o ON o.id = c.resolved_by WHERE c.id = $1', [conflictId]);
    expect(row).toMatchObject({ resolution: 'keep', remark, login: 'operateur' });
    expect(row!.resolved_at).toBeInstanceOf(Date);
    const [audit] = await rows<{ actor_login: string; details: Record<string, unknown> }>(pair,
      `SELECT actor_login, details FROM xm_system.audit WHERE action = 'conflict_resolved' AND entity = 'document' AND entity_id = $1`, [niu]);
    expect(audit).toMatchObject({ actor_login: 'operateur', details: { conflict: conflictId, decision: 'keep', remark } });

    expect((await pair.server.documents.conflicts.list(viewer)).total).toBe(0);
    const resolved = await pair.server.documents.conflicts.list(viewer, { state: 'resolved' });
    expect(resolved.items.map((c) => c.id)).toEqual([conflictId]);
    // the stored document never changed
    const [doc] = await rows<{ data: { lieu_naissance: string } }>(pair, 'SELECT data FROM xm_data.documents WHERE niu = $1', [niu]);
    expect(doc!.data.lieu_naissance).toBe('Kati');

    await pair.notify();
    const messages = await pair.staff.centre.server.messages.list(pair.staff.officer);
    const told = messages.find((m) => m.body.includes(niu));
    expect(told?.body).toContain('Lieu de naissance');
    expect(told?.body).toContain('Place of birth');
    expect(told?.body).toContain(remark);
  });

  it('cannot be resolved twice: the service says so, and the database refuses it', async () => {
    await expect(pair.server.documents.conflicts.resolve(op, conflictId, { decision: 'ask_cancel', remark: 'autre avis' })).rejects.toMatchObject({
      code: 'invalid_state', fr: expect.stringContaining('déjà tranché'), en: expect.stringContaining('already resolved'),
    });
    await expect(rows(pair, `UPDATE xm_data.conflicts SET resolution = 'ask_cancel' WHERE id = $1`, [conflictId])).rejects.toMatchObject({ code: 'invalid_state' });
    await expect(rows(pair, 'DELETE FROM xm_data.conflicts WHERE id = $1', [conflictId])).rejects.toMatchObject({ code: 'immutable' });
    await expect(rows(pair, `UPDATE xm_data.conflicts SET remark = NULL WHERE id = $1`, [conflictId])).rejects.toBeDefined();
  });

  it('the document’s detail: labelled fields, centre, container and evidence, and its history', async () => {
    const d = await pair.server.documents.detail(viewer, niu);
    expect(d).toMatchObject({
      niu, status: 4, statusLabel: { fr: 'Centralisé' }, centre: { matricule: '00042', name: 'Mairie de Test', region: 'Koulikoro' },
      form: { id: 'acte_naissance', version: 1, title: { fr: expect.any(String) } },
      container: { src: '00042', evidenceArchived: true }, conflicts: { open: 0, resolved: 1 },
    });
    expect(d.fields.find((f) => f.name === 'lieu_naissance')).toMatchObject({ label: { fr: 'Lieu de naissance', en: 'Place of birth' }, text: { fr: 'Kati' } });
    expect(d.history.map((h) => h.event)).toEqual(['received', 'conflict', 'conflict_resolved']);
    expect(d.history[2]).toMatchObject({ actor: 'operateur', text: { fr: expect.stringContaining('maintenir la version centralisée') } });
    await expect(pair.server.documents.detail(viewer, '00042-2026-000001-00')).rejects.toMatchObject({ code: 'validation' });
    await expect(pair.server.documents.detail(viewer, formatNiu('00042', 2026, 99))).rejects.toMatchObject({ code: 'not_found' });
    const found = await pair.server.documents.search(viewer, { niu }, { limit: 5 });
    expect(found.items.map((h) => h.niu)).toEqual([niu]);
  });

  it('leaves the audit chain whole', async () => {
    expect(await pair.server.verifyAudit()).toMatchObject({ ok: true });
  });
});

describe('the quarantine of a suspended centre', () => {
  let pair: Pair;
  let viewer: Session;
  let op: Session;
  let seqs: number[];

  beforeAll(async () => {
    pair = await enrolledPair({ matricule: '00051' });
    viewer = await operator(pair.server, pair.admin, 'lecteur', 1);
    op = await operator(pair.server, pair.admin, 'operateur', 2);
    await pair.server.clients.setStatus(pair.admin, '00051', 0);
    await pair.notify();
    await queueBirths(pair, 2, 1);
    expect((await pair.exchange())[0]!.outcome.kind).toBe('quarantined');
    await queueBirths(pair, 3, 3);
    expect((await pair.exchange())[0]!.outcome.kind).toBe('quarantined');
  });

  it('is listed per centre with its containers and documents, and how to release it', async () => {
    const page = await pair.server.documents.quarantine.list(viewer);
    expect(page.items).toEqual([expect.objectContaining({ matricule: '00051', name: 'Mairie de Test', status: 0, containers: 2, documents: 5, uncounted: 0 })]);
    expect(page.items[0]!.oldest).toBeInstanceOf(Date);
    expect(page.items[0]!.release.fr).toContain('client status 00051');
    const held = await pair.server.documents.quarantine.containers(viewer, '00051');
    expect(held.items.map((c) => [c.type, c.documents, c.state, c.evidenceArchived])).toEqual([['docs', 2, 'held', true], ['docs', 3, 'held', true]]);
    seqs = held.items.map((c) => c.seq);
  });

  it('rejecting is for a supervisor, with a reason, and only what is held', async () => {
    await expect(pair.server.documents.quarantine.reject(op, '00051', { seqs: [seqs[0]!], reason: 'doublon' })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(pair.server.documents.quarantine.reject(pair.admin, '00051', { seqs: [seqs[0]!], reason: '' })).rejects.toMatchObject({ code: 'validation' });
    await expect(pair.server.documents.quarantine.reject(pair.admin, '00051', { seqs: [seqs[0]!, 9999], reason: 'doublon' })).rejects.toMatchObject({
      code: 'invalid_state', fr: expect.stringContaining('9999'), en: expect.stringContaining('Nothing was rejected'),
    });
    expect((await pair.server.documents.quarantine.list(viewer)).items[0]!.containers).toBe(2);
  });

  it('a rejected container is kept, never integrated on reactivation, while the others are', async () => {
    const reason = 'Envoi fait depuis une sauvegarde périmée';
    const r = await pair.server.documents.quarantine.reject(pair.admin, '00051', { seqs: [seqs[0]!], reason });
    expect(r).toEqual({ matricule: '00051', rejected: [seqs[0]], documents: 2 });
    const [audit] = await rows<{ actor_login: string; details: Record<string, unknown> }>(pair, `SELECT actor_login, details FROM xm_system.audit WHERE action = 'quarantine_rejected'`);
    expect(audit).toMatchObject({ actor_login: 'superviseur', details: { seqs: [seqs[0]], documents: 2, reason } });
    expect((await pair.server.documents.quarantine.list(viewer)).items).toEqual([expect.objectContaining({ containers: 1, documents: 3 })]);

    // the centre hears it: its two documents rejected, with the reason, and a message
    await pair.notify();
    expect(await pair.staff.centre.transmission.counts()).toMatchObject({ rejected: 2, quarantined: 3, acknowledged: 0 });
    const told = await pair.staff.centre.server.messages.list(pair.staff.officer);
    expect(told.some((m) => m.body.includes(reason) && m.body.includes('rejected'))).toBe(true);

    const { released } = await pair.server.clients.setStatus(pair.admin, '00051', 3);
    expect(released).toEqual({ containers: 1, documents: 3 });
    const nius = (await rows<{ niu: string }>(pair, 'SELECT niu FROM xm_data.documents ORDER BY niu')).map((x) => x.niu);
    expect(nius).toEqual([3, 4, 5].map((k) => formatNiu('00051', 2026, k)));
    await pair.notify();
    expect(await pair.staff.centre.transmission.counts()).toMatchObject({ rejected: 2, quarantined: 0, acknowledged: 3 });

    const all = await pair.server.documents.quarantine.containers(viewer, '00051', { state: 'all' });
    expect(all.items.map((c) => [c.seq, c.state, c.rejectedBy])).toEqual([[seqs[0], 'rejected', 'superviseur'], [seqs[1], 'released', null]]);
    expect(all.items[0]!.rejectReason).toBe(reason);
    expect((await pair.server.documents.quarantine.list(viewer)).items).toEqual([]);
    await expect(pair.server.documents.quarantine.reject(pair.admin, '00051', { seqs: 'all', reason: 'plus rien' })).rejects.toMatchObject({ code: 'invalid_state' });
  });

  it('the database keeps a decided container as it is', async () => {
    await expect(rows(pair, 'UPDATE xm_system.quarantine SET released_at = now() WHERE src = $1 AND seq = $2', ['00051', seqs[0]])).rejects.toMatchObject({ code: 'invalid_state' });
    await expect(rows(pair, 'DELETE FROM xm_system.quarantine WHERE src = $1', ['00051'])).rejects.toMatchObject({ code: 'immutable' });
    const [n] = await rows<{ n: number }>(pair, 'SELECT count(*)::int AS n FROM xm_system.quarantine');
    expect(n!.n).toBe(2);
  });

  it('leaves the audit chain whole', async () => {
    expect(await pair.server.verifyAudit()).toMatchObject({ ok: true });
  });
});
