import { describe, expect, it } from 'vitest';
import { commonKeys as k, createConsoleKit, footerLine, type Binding } from '@docstream/console-kit';

type S = 'list' | 'help';
type A = 'help' | 'quit' | 'forceQuit' | 'back' | 'up' | 'down' | 'prevPage' | 'nextPage' | 'palette' | 'open' | 'filter' | 'refresh' | 'submit' | 'nextField' | 'prevField' | 'yes' | 'no' | 'erase';
type C = 'scrolls';

const table: Binding<S, A, C>[] = [
  k.help(['list']),
  {
    id: 'erase', keys: [{ stroke: { input: 'x' }, action: 'erase' }], shown: { fr: 'x', en: 'x' },
    label: { fr: 'effacer', en: 'erase' }, help: { fr: 'Effacer la ligne', en: 'Erase the line' }, screens: ['list'], modes: ['normal'], changes: true,
  },
  ...k.helpKeys('help', 'scrolls'),
  k.quit(['list', 'help']),
];
const kit = createConsoleKit<S, A, C>({ table, screenNames: { list: { fr: 'Liste', en: 'List' }, help: { fr: 'Aide', en: 'Help' } }, help: { screen: 'help', scrolls: 'scrolls' } });

describe('console kit: a read-only console', () => {
  it('turns off the keys that change data, and leaves them out of the footer', () => {
    expect(kit.matchAction('list', 'normal', 'x', {})).toBe('erase');
    expect(kit.matchAction('list', 'normal', 'x', {}, [], true)).toBeUndefined();
    expect(kit.matchAction('list', 'normal', 'q', {}, [], true)).toBe('quit');
    expect(footerLine(kit.footerItems('fr', 'list', 'normal'), 80)).toBe('? aide  x effacer  q quitter');
    expect(footerLine(kit.footerItems('fr', 'list', 'normal', [], true), 80)).toBe('? aide  q quitter');
  });

  it('still lists them in the help, marked as off', () => {
    const plain = kit.helpLines('en', 'list', 80).join('\n');
    expect(plain).toContain('Erase the line');
    expect(plain).not.toContain('OFF');
    expect(kit.helpLines('en', 'list', 80, true).join('\n')).toContain('Erase the line (OFF: read-only console)');
  });
});
