import type { Command } from 'commander';
import { DocstreamError, type LedgerRow } from '@docstream/core';
import type { ServerCli } from './cli-context.js';

function integer(text: string, field: string): number {
  if (!/^-?\d+$/.test(text.trim())) throw new DocstreamError('validation', `« ${field} » : un nombre entier.`, `“${field}”: a whole number.`);
  return Number(text);
}

function rowText(r: LedgerRow): string {
  const amount = r.amount === 0 ? '' : r.amount > 0 ? `+${r.amount}` : String(r.amount);
  const units = r.units === 0 ? '' : `${r.units > 0 ? '+' : ''}${r.units}q`;
  return `${r.at.toISOString().slice(0, 16).replace('T', ' ')}  ${r.service.padEnd(10)} ${amount.padStart(10)} ${units.padStart(6)}  = ${String(r.balance_after).padStart(10)}  ${r.reference}`;
}

/** Accounts, ledger, statements and tariffs (DESIGN §7). */
export function addAccountCommands(program: Command, cli: ServerCli): void {
  const account = program.command('account').description('Comptes des centres / centre accounts');
  account.command('list').action(async () => {
    await cli.withOperator(async (server, session) => {
      const list = await server.accounts.list(session);
      const text = list.map((a) => `${a.matricule}  ${a.name.padEnd(30)} ${String(a.balance).padStart(10)}  q=${a.query_quota}`).join('\n');
      cli.say(list, text || 'Aucun compte.', text || 'No account.');
    });
  });
  account.command('show <matricule>').action(async (matricule: string) => {
    await cli.withOperator(async (server, session) => {
      const a = await server.accounts.get(session, matricule);
      cli.say(a, `${a.matricule} ${a.name}\n  Solde : ${a.balance}\n  Quota de requêtes : ${a.query_quota}`, `${a.matricule} ${a.name}\n  Balance: ${a.balance}\n  Query quota: ${a.query_quota}`);
    });
  });
  account.command('recharge <matricule> <amount>').description('Crédite le compte (opérateur)').option('--reference <text>', 'pièce, reçu', '')
    .action(async (matricule: string, amount: string, o: { reference: string }) => {
      await cli.withOperator(async (server, session) => {
        const r = await server.accounts.recharge(session, matricule, integer(amount, 'amount'), o.reference);
        cli.say(r, `Compte ${matricule} crédité de ${r.amount}. Solde : ${r.balance_after}.`, `Account ${matricule} credited ${r.amount}. Balance: ${r.balance_after}.`);
      });
    });
  account.command('adjust <matricule> <amount>').description('Correction, dans un sens ou l’autre (superviseur)').requiredOption('--reason <text>', 'motif')
    .action(async (matricule: string, amount: string, o: { reason: string }) => {
      await cli.withOperator(async (server, session) => {
        const r = await server.accounts.adjust(session, matricule, integer(amount, 'amount'), o.reason);
        cli.say(r, `Correction enregistrée. Solde : ${r.balance_after}.`, `Adjustment recorded. Balance: ${r.balance_after}.`);
      });
    });
  account.command('quota <matricule> <queries>').description('Attribue des requêtes prépayées (négatif : retire)')
    .option('--price <amount>', 'montant débité pour ce quota').option('--reference <text>', 'pièce, reçu', '')
    .action(async (matricule: string, units: string, o: { price?: string; reference: string }) => {
      await cli.withOperator(async (server, session) => {
        const r = await server.accounts.grantQuota(session, matricule, integer(units, 'queries'), { reference: o.reference, ...(o.price ? { price: integer(o.price, 'price') } : {}) });
        cli.say(r, `Quota de ${matricule} : ${r.quota_after} requête(s). Solde : ${r.balance_after}.`, `Quota of ${matricule}: ${r.quota_after} quer${r.quota_after === 1 ? 'y' : 'ies'}. Balance: ${r.balance_after}.`);
      });
    });
  account.command('statement <matricule>').description('Relevé d’une période').requiredOption('--from <date>', 'AAAA-MM-JJ').requiredOption('--to <date>', 'AAAA-MM-JJ')
    .action(async (matricule: string, o: { from: string; to: string }) => {
      await cli.withOperator(async (server, session) => {
        const st = await server.accounts.statement(session, matricule, o);
        const text = (en: boolean) => [
          `${en ? 'Statement' : 'Relevé'} ${matricule}  ${st.from} → ${st.to}`,
          `${en ? 'Opening balance' : 'Solde initial'}: ${st.opening.balance}`,
          ...st.rows.map(rowText),
          `${en ? 'Credits' : 'Crédits'}: ${st.credits}   ${en ? 'Debits' : 'Débits'}: ${st.debits}`,
          `${en ? 'Closing balance' : 'Solde final'}: ${st.closing.balance}   ${en ? 'Query quota' : 'Quota de requêtes'}: ${st.closing.quota}`,
        ].join('\n');
        cli.say(st, text(false), text(true));
      });
    });
  account.command('verify').description('Vérifie que chaque solde est la somme de son grand livre').action(async () => {
    await cli.withOperator(async (server, session) => {
      const bad = await server.accounts.verify(session);
      cli.say({ ok: bad.length === 0, mismatches: bad }, bad.length === 0 ? 'Comptes et grand livre concordent.' : bad.map((b) => `${b.matricule}: ${b.problem}`).join('\n'),
        bad.length === 0 ? 'Accounts and ledger agree.' : bad.map((b) => `${b.matricule}: ${b.problem}`).join('\n'));
      if (bad.length > 0) process.exitCode = 3;
    });
  });

  const tariff = program.command('tariff').description('Tarifs par service / tariffs per service');
  tariff.command('list').action(async () => {
    await cli.withOperator(async (server, session) => {
      const t = await server.accounts.tariffs(session);
      const text = Object.entries(t).map(([k, v]) => `${k.padEnd(10)} ${v}`).join('\n');
      cli.say(t, text, text);
    });
  });
  tariff.command('set <service> <price>').description('document | query | copy ; prix unitaire (superviseur)')
    .action(async (service: string, price: string) => {
      await cli.withOperator(async (server, session) => {
        await server.accounts.setTariff(session, service, integer(price, 'price'));
        cli.say({ service, price: Number(price) }, `Tarif ${service} : ${price}.`, `Tariff ${service}: ${price}.`);
      });
    });
}
