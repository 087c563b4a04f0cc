import { Command } from 'commander';
import { settingsFromOptions } from '@docstream/core';
import { addBrokerCommands } from './broker-commands.mjs';
const program = new Command('docstream-server').option('--lang <l>').option('--json');
const settings = () => settingsFromOptions(program.opts());
const cli = {
  async withServer(fn) { await fn({}, settings()); },
  async withOperator() { throw new Error('no'); },
  say(data, fr, en) { process.stdout.write(program.opts().json ? `${JSON.stringify(data, null, 2)}\n` : `${settings().lang === 'en' ? en : fr}\n`); },
  lang() { return settings().lang; },
};
addBrokerCommands(program, cli);
try { await program.parseAsync(process.argv); } catch (e) { const en = settings().lang === 'en'; process.stderr.write(`${en ? 'Error' : 'Erreur'} : ${(en ? e.en : e.fr) ?? e.message}\n`); process.exitCode = 1; }
