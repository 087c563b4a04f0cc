import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { DocstreamError, type Centre, type DocumentView, type SearchInput, type Session, type Stage } from '@docstream/core';
import { loginFrom, withCentre, type GlobalOptions } from './context.js';
import { emit, readStdinText, tr, type Output } from './io.js';
import { documentText, hitsText } from './format.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** `--set a=b` pairs, `enfant.nom=X` for a person name's parts, merged over `--data FILE|-` (JSON). */
export async function fieldsFrom(o: { set: string[]; data?: string }): Promise<Record<string, unknown>> {
  let fields: Record<string, unknown> = {};
  if (o.data !== undefined) {
    const where = o.data === '-' ? 'entrée standard / standard input' : o.data;
    const text = o.data === '-' ? await readStdinText() : readFileSync(o.data, 'utf8');
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined; // the parser's message quotes the input, which may hold a password
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new DocstreamError(
        'validation',
        `Données illisibles (${where}) : un objet JSON { "champ": valeur } est attendu. Sur l’entrée standard, le mot de passe vient en première ligne, les données ensuite.`,
        `Unreadable data (${where}): a JSON object { "field": value } is expected. On standard input the password comes first, then the data.`,
      );
    }
    fields = parsed as Record<string, unknown>;
  }
  for (const pair of o.set) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new DocstreamError('validation', `--set attend champ=valeur, reçu « ${pair} ».`, `--set expects field=value, got “${pair}”.`);
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const [name, part] = key.split('.', 2) as [string, string | undefined];
    if (part === undefined) fields[name] = value;
    else fields[name] = { ...((fields[name] as object) ?? {}), [part]: value };
  }
  return fields;
}

function refOf(text: string): number | string {
  return /^\d+$/.test(text) ? Number(text) : text;
}

function numeroOf(text: string): number {
  if (!/^\d+$/.test(text)) throw new DocstreamError('validation', `Numéro de document attendu, reçu « ${text} ».`, `Document number expected, got “${text}”.`);
  return Number(text);
}

async function show(centre: Centre, out: Output, d: DocumentView): Promise<void> {
  const form = await centre.forms.get(d.formId, d.formVersion);
  emit(out, d, documentText(out, d, form));
}

type Act = (centre: Centre, s: Session, numero: number, text?: string) => Promise<DocumentView>;

export function addDocumentCommands(program: Command, globals: () => GlobalOptions): void {
  const doc = program.command('doc').description('Documents : établir, vérifier, valider, annuler, chercher / documents');

  const run = (fn: (centre: Centre, s: Session, out: Output) => Promise<void>) => async () => {
    const g = globals();
    await withCentre(g, async (centre, out) => fn(centre, await loginFrom(centre, g, out), out));
  };

  doc
    .command('draft <form>')
    .description('Établit un brouillon (Agent) / draft a document')
    .option('--set <field=value>', 'valeur d’un champ (répétable)', collect, [])
    .option('--data <file>', 'champs en JSON (fichier, ou - pour l’entrée standard)')
    .action(async (form: string, o: { set: string[]; data?: string }) => {
      await run(async (centre, s, out) => show(centre, out, await centre.documents.draft(s, form, await fieldsFrom(o))))();
    });

  doc
    .command('edit <numero>')
    .description('Modifie un brouillon / edit a draft')
    .option('--set <field=value>', 'valeur d’un champ (répétable ; vide pour effacer)', collect, [])
    .option('--data <file>', 'champs en JSON')
    .action(async (numero: string, o: { set: string[]; data?: string }) => {
      await run(async (centre, s, out) => show(centre, out, await centre.documents.edit(s, numeroOf(numero), await fieldsFrom(o))))();
    });

  // Actions on one document by number; some need a text (remark, reason) given as an option.
  const acts: { spec: string; description: string; text?: [flag: string, help: string]; act: Act }[] = [
    { spec: 'check <numero>', description: 'Vérifie un brouillon (Secrétaire) / check a draft', act: (c, s, n) => c.documents.verify(s, n) },
    { spec: 'validate <numero>', description: 'Valide et attribue le NIU (Officier) / validate, assigns the NIU', act: (c, s, n) => c.documents.validate(s, n) },
    {
      spec: 'return <numero>', description: 'Renvoie en brouillon avec une remarque / send back to draft with a remark',
      text: ['--remark <text>', 'remarque pour l’Agent'], act: (c, s, n, t) => c.documents.sendBack(s, n, t ?? ''),
    },
    {
      spec: 'cancel <numero>', description: 'Annule avec un motif / cancel with a reason',
      text: ['--reason <text>', 'motif de l’annulation'], act: (c, s, n, t) => c.documents.cancel(s, n, t ?? ''),
    },
  ];
  for (const { spec, description, text, act } of acts) {
    const cmd = doc.command(spec).description(description);
    if (text) cmd.requiredOption(text[0], text[1]);
    cmd.action(async (numero: string, o: { remark?: string; reason?: string }) => {
      await run(async (centre, s, out) => show(centre, out, await act(centre, s, numeroOf(numero), o.remark ?? o.reason)))();
    });
  }

  doc
    .command('show <ref>')
    .description('Affiche un document par numéro ou NIU / show by number or NIU')
    .option('--history', 'avec l’historique du journal d’audit')
    .action(async (ref: string, o: { history?: boolean }) => {
      await run(async (centre, s, out) => {
        const d = await centre.documents.get(s, refOf(ref));
        if (!o.history) return show(centre, out, d);
        const history = await centre.documents.history(s, d.numero);
        const form = await centre.forms.get(d.formId, d.formVersion);
        emit(out, { ...d, history }, `${documentText(out, d, form)}\n${history.map((h) => `  ${h.at.toISOString()}  ${h.actorLogin ?? '-'}  ${h.action}`).join('\n')}`);
      })();
    });

  doc
    .command('search')
    .description('Recherche / search (NIU, nom, type, statut, étape, dates)')
    .option('--niu <niu>')
    .option('--name <words>')
    .option('--kind <form>')
    .option('--status <0-4>')
    .option('--stage <draft|verified|validated>')
    .option('--from <YYYY-MM-DD>')
    .option('--to <YYYY-MM-DD>')
    .option('--mine', 'mes documents seulement')
    .option('--limit <n>', 'taille de page', '20')
    .option('--before <numero>', 'page suivante (curseur)')
    .action(async (o: { niu?: string; name?: string; kind?: string; status?: string; stage?: string; from?: string; to?: string; mine?: boolean; limit: string; before?: string }) => {
      const input: SearchInput = { limit: Number(o.limit) };
      if (o.niu) input.niu = o.niu;
      if (o.name) input.name = o.name;
      if (o.kind) input.formId = o.kind;
      if (o.status !== undefined) input.status = Number(o.status);
      if (o.stage) input.stage = o.stage as Stage;
      if (o.from) input.from = o.from;
      if (o.to) input.to = o.to;
      if (o.mine) input.mine = true;
      if (o.before) input.before = numeroOf(o.before);
      await run(async (centre, s, out) => {
        const page = await centre.documents.search(s, input);
        emit(out, page, hitsText(out, page.items, page.nextCursor));
      })();
    });
}

export function addFormCommands(program: Command, globals: () => GlobalOptions): void {
  const form = program.command('form').description('Types de documents (formulaires) / document kinds (forms)');
  form.command('list').action(async () => {
    await withCentre(globals(), async (centre, out) => {
      const forms = await centre.forms.list();
      emit(out, forms.map((f) => ({ id: f.id, version: f.version, title: f.title })), () => forms.map((f) => `${f.id.padEnd(20)} v${f.version}  ${f.title[out.lang]}`).join('\n'));
    });
  });
  form.command('show <id>').action(async (id: string) => {
    await withCentre(globals(), async (centre, out) => {
      const f = await centre.forms.get(id);
      if (!f) throw new DocstreamError('not_found', `Formulaire ${id} introuvable (voir : form list).`, `Form ${id} not found (see: form list).`);
      emit(out, f, () => [`${f.id} v${f.version} — ${f.title[out.lang]}`, ...f.fields.map((x) => `  ${x.required ? '*' : ' '} ${x.name.padEnd(22)} ${x.type.padEnd(12)} ${x.label[out.lang]}`)].join('\n'));
    });
  });
  form
    .command('install <file>')
    .description('Installe un type de document décrit en JSON (Officier) / install a form definition')
    .action(async (file: string) => {
      const g = globals();
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
      } catch (e) {
        throw new DocstreamError('validation', `Fichier ${file} illisible : ${(e as Error).message}.`, `Cannot read ${file}: ${(e as Error).message}.`);
      }
      await withCentre(g, async (centre, out) => {
        const def = await centre.forms.install(await loginFrom(centre, g, out), raw);
        emit(out, { id: def.id, version: def.version }, tr(out, `Formulaire ${def.id} v${def.version} installé (vue docstream.v_${def.id}).`, `Form ${def.id} v${def.version} installed (view docstream.v_${def.id}).`));
      });
    });
}
