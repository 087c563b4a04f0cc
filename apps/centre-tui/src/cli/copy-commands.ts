import type { Command } from 'commander';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { DocstreamError, frenchDate, type Verification } from '@docstream/core';
import { withCentre, loginFrom, type GlobalOptions } from './context.js';
import { emit, tr, type Output } from './io.js';

function verdictText(out: Output, v: Verification): string {
  const en = out.lang === 'en';
  const lines = [en ? v.label.en : v.label.fr];
  if (v.content) {
    const c = v.content;
    lines.push(`  NIU ${c.niu}  (${c.kind} v${c.formVersion})`);
    lines.push(`  ${tr(out, 'Copie n°', 'Copy no.')} ${c.copy}, ${tr(out, 'délivrée le', 'issued on')} ${en ? c.issuedOn.toISOString().slice(0, 10) : frenchDate(c.issuedOn)} ${tr(out, 'par le centre', 'by centre')} ${c.centre}`);
    for (const l of v.lines) lines.push(`  ${en ? l.label.en : l.label.fr} : ${l.value}`);
  }
  lines.push(v.trustChecked
    ? tr(out, `  Liste de confiance n° ${v.trustVersion} consultée.`, `  Trust list no. ${v.trustVersion} checked.`)
    : tr(out, '  Aucune liste de confiance reçue : annulations et révocations non vérifiées.', '  No trust list received: cancellations and revocations not checked.'));
  return lines.join('\n');
}

/** Certified copies (DESIGN §6): issue, list, verify, print templates. */
export function addCopyCommands(program: Command, globals: () => GlobalOptions): void {
  program.command('copy <ref>').description('Délivre une copie certifiée (Officier) : NIU ou numéro du document')
    .requiredOption('--out <file.pdf>', 'fichier PDF à écrire').option('--signatory <id>', 'signataire (docstream-centre profile)')
    .action(async (ref: string, o: { out: string; signatory?: string }) => {
      const g = globals();
      await withCentre(g, async (centre, out) => {
        const session = await loginFrom(centre, g, out);
        const { copy, pdf } = await centre.copies.issue(session, ref, o.signatory ? { signatoryId: Number(o.signatory) } : {});
        // Written aside then renamed: never half a PDF under the real name.
        try {
          await writeFile(`${o.out}.part`, pdf, { mode: 0o600 });
          await rename(`${o.out}.part`, o.out);
        } catch (e) {
          throw new DocstreamError('config', `Impossible d’écrire ${o.out} (${(e as NodeJS.ErrnoException).code}) : la copie n° ${copy.copy_no} est enregistrée ; libérez de la place ou choisissez un autre dossier, puis réimprimez-la.`,
            `Cannot write ${o.out} (${(e as NodeJS.ErrnoException).code}): copy no. ${copy.copy_no} is recorded; free some space or choose another folder, then print it again.`, { cause: e });
        }
        emit(out, { ...copy, file: o.out, bytes: pdf.length }, tr(out, `Copie n° ${copy.copy_no} de ${copy.niu} : ${o.out}`, `Copy no. ${copy.copy_no} of ${copy.niu}: ${o.out}`));
      });
    });

  program.command('copies [niu]').description('Registre des copies délivrées').action(async (niu?: string) => {
    const g = globals();
    await withCentre(g, async (centre, out) => {
      const list = await centre.copies.list(await loginFrom(centre, g, out), niu);
      emit(out, list.map(({ seal: _s, ...c }) => c), () => list.map((c) => `${c.niu}  n° ${c.copy_no}  ${c.issued_at.toISOString().slice(0, 16).replace('T', ' ')}  ${c.issued_by_login}  ${c.reported_at ? tr(out, 'déclarée', 'reported') : tr(out, 'à déclarer', 'to report')}`).join('\n') || tr(out, 'Aucune copie.', 'No copy.'));
    });
  });

  program.command('verify <seal>').description('Vérifie le sceau d’une copie, hors ligne : le texte du QR, ou une image PNG')
    .option('--ask', 'demande aussi au serveur central l’état du document (requête par NIU, au prochain échange)')
    .action(async (seal: string, o: { ask?: boolean }) => {
      const g = globals();
      await withCentre(g, async (centre, out) => {
        const v = seal.toLowerCase().endsWith('.png') ? await centre.copies.verifyImage(await readFile(seal)) : await centre.copies.verify(seal);
        const asked = o.ask && v.content ? await centre.server.queries.ask(await loginFrom(centre, g, out), { niu: v.content.niu }) : undefined;
        const more = asked ? tr(out, `\nRequête n° ${asked.id} au serveur central : la réponse arrive au prochain échange (docstream-centre queries).`, `\nQuery no. ${asked.id} to the central server: the answer comes with the next exchange (docstream-centre queries).`) : '';
        emit(out, { ...v, ...(asked ? { query: asked.id } : {}) }, verdictText(out, v) + more);
        // 0 authentic, 2 cancelled or revoked, 3 forged, 4 unreadable: scripts can tell them apart.
        process.exitCode = { authentic: 0, cancelled: 2, revoked: 2, forged: 3, unreadable: 4 }[v.verdict];
      });
    });

  const template = program.command('template').description('Modèles d’impression des copies / print templates');
  template.command('show <kind>').description('Le modèle en usage (JSON), à modifier puis installer').action(async (kind: string) => {
    const g = globals();
    await withCentre(g, async (centre, out) => {
      const t = await centre.copies.templates.get(await loginFrom(centre, g, out), kind);
      process.stdout.write(`${JSON.stringify(out.json ? t : t.template, null, 2)}\n`);
    });
  });
  template.command('install <kind> <file>').description('Installe le modèle du centre (Officier) ; une erreur dit où elle est').action(async (kind: string, file: string) => {
    const g = globals();
    await withCentre(g, async (centre, out) => {
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(file, 'utf8'));
      } catch (e) {
        throw new DocstreamError('validation', `Fichier ${file} illisible ou JSON invalide.`, `File ${file} unreadable or invalid JSON.`, { cause: e });
      }
      await centre.copies.templates.install(await loginFrom(centre, g, out), kind, raw);
      emit(out, { kind, installed: true }, tr(out, `Modèle de ${kind} installé.`, `Template for ${kind} installed.`));
    });
  });
  template.command('reset <kind>').description('Revient au modèle livré (Officier)').action(async (kind: string) => {
    const g = globals();
    await withCentre(g, async (centre, out) => {
      const removed = await centre.copies.templates.reset(await loginFrom(centre, g, out), kind);
      emit(out, { kind, reset: removed }, removed ? tr(out, `Modèle livré rétabli pour ${kind}.`, `Shipped template restored for ${kind}.`) : tr(out, 'Déjà le modèle livré.', 'Already the shipped template.'));
    });
  });
}
