import type { Label } from '@docstream/core';
import type { Binding } from './types.js';

/** The actions both consoles bind the same way. */
export type CommonAction =
  | 'help' | 'palette' | 'quit' | 'forceQuit' | 'back' | 'up' | 'down' | 'prevPage' | 'nextPage'
  | 'open' | 'filter' | 'refresh' | 'submit' | 'nextField' | 'prevField' | 'yes' | 'no';

type Common<S extends string> = Binding<S, CommonAction, never>;

const same = (text: string): Label => ({ fr: text, en: text });
const ARROWS = [
  { stroke: { key: 'upArrow' }, action: 'up' },
  { stroke: { key: 'downArrow' }, action: 'down' },
  { stroke: { input: 'k' }, action: 'up' },
  { stroke: { input: 'j' }, action: 'down' },
] as const;

/**
 * The keys every console shares (DEVELOPERS: `?` help, `:` palette, `/` filter, Esc back,
 * q quit), as rows of a key table for the screens given; a console adds its own.
 */
export const commonKeys = {
  help: <S extends string>(screens: readonly S[]): Common<S> => ({
    id: 'help', keys: [{ stroke: { input: '?' }, action: 'help' }], shown: same('?'),
    label: { fr: 'aide', en: 'help' }, help: { fr: 'Afficher l’aide de cet écran', en: 'Show the help of this screen' },
    screens, modes: ['normal'],
  }),
  palette: <S extends string>(screens: readonly S[]): Common<S> => ({
    id: 'palette', keys: [{ stroke: { input: ':' }, action: 'palette' }], shown: same(':'),
    label: { fr: 'aller', en: 'go to' }, help: { fr: 'Aller à un autre écran (liste à filtrer en tapant)', en: 'Go to another screen (type to filter the list)' },
    screens, modes: ['normal'],
  }),
  move: <S extends string>(screens: readonly S[]): Common<S> => ({
    id: 'move', keys: ARROWS, shown: same('↑↓'),
    label: { fr: 'choix', en: 'select' }, help: { fr: 'Choisir la ligne précédente / suivante', en: 'Select the previous / next line' },
    screens, modes: ['normal'],
  }),
  page: <S extends string>(screens: readonly S[]): Common<S> => ({
    id: 'page',
    keys: [
      { stroke: { key: 'leftArrow' }, action: 'prevPage' },
      { stroke: { key: 'rightArrow' }, action: 'nextPage' },
      { stroke: { key: 'pageUp' }, action: 'prevPage' },
      { stroke: { key: 'pageDown' }, action: 'nextPage' },
    ],
    shown: same('←→'), label: { fr: 'page', en: 'page' }, help: { fr: 'Page précédente / suivante', en: 'Previous / next page' },
    screens, modes: ['normal'],
  }),
  open: <S extends string>(screens: readonly S[]): Common<S> => ({
    id: 'open', keys: [{ stroke: { key: 'return' }, action: 'open' }], shown: { fr: 'Entrée', en: 'Enter' },
    label: { fr: 'ouvrir', en: 'open' }, help: { fr: 'Ouvrir la ligne choisie', en: 'Open the selected line' },
    screens, modes: ['normal'],
  }),
  filter: <S extends string>(screens: readonly S[], help: Label): Common<S> => ({
    id: 'filter', keys: [{ stroke: { input: '/' }, action: 'filter' }], shown: same('/'),
    label: { fr: 'filtre', en: 'filter' }, help, screens, modes: ['normal'],
  }),
  /** Enter and Esc while the filter line has the focus. */
  filterLine: <S extends string>(screens: readonly S[]): Common<S>[] => [
    {
      id: 'filterGo', keys: [{ stroke: { key: 'return' }, action: 'submit' }], shown: { fr: 'Entrée', en: 'Enter' },
      label: { fr: 'filtrer', en: 'filter' }, help: { fr: 'Appliquer le filtre saisi (vide : tout)', en: 'Apply the typed filter (empty: everything)' },
      screens, modes: ['typing'],
    },
    {
      id: 'filterCancel', keys: [{ stroke: { key: 'escape' }, action: 'back' }], shown: same('Esc'),
      label: { fr: 'annuler', en: 'cancel' }, help: { fr: 'Fermer la ligne de filtre', en: 'Close the filter line' },
      screens, modes: ['typing'],
    },
  ],
  refresh: <S extends string>(screens: readonly S[]): Common<S> => ({
    id: 'refresh', keys: [{ stroke: { input: 'r' }, action: 'refresh' }], shown: same('r'),
    label: { fr: 'actualiser', en: 'refresh' }, help: { fr: 'Relire les données dans la base', en: 'Read the data again from the database' },
    screens, modes: ['normal'],
  }),
  /** Tab ↑↓ between fields and Enter to submit, in a form whose fields have the focus. */
  formFields: <S extends string>(screens: readonly S[]): Common<S>[] => [
    {
      id: 'fields',
      keys: [
        { stroke: { key: 'tab' }, action: 'nextField' },
        { stroke: { key: 'tab', shift: true }, action: 'prevField' },
        { stroke: { key: 'downArrow' }, action: 'nextField' },
        { stroke: { key: 'upArrow' }, action: 'prevField' },
      ],
      shown: same('Tab ↑↓'), label: { fr: 'champ', en: 'field' }, help: { fr: 'Passer au champ suivant / précédent', en: 'Go to the next / previous field' },
      screens, modes: ['typing'],
    },
    {
      id: 'submitForm', keys: [{ stroke: { key: 'return' }, action: 'submit' }], shown: { fr: 'Entrée', en: 'Enter' },
      label: { fr: 'valider', en: 'submit' }, help: { fr: 'Champ suivant ; sur le dernier, valider le formulaire', en: 'Next field; on the last one, submit the form' },
      screens, modes: ['typing'],
    },
  ],
  /** The answers to a yes/no question on the message line. */
  confirm: <S extends string>(screens: readonly S[], yes: Label = { fr: 'oui', en: 'yes' }): Common<S>[] => [
    {
      id: 'yes', keys: [{ stroke: { input: 'o' }, action: 'yes' }, { stroke: { input: 'y' }, action: 'yes' }], shown: { fr: 'o', en: 'y' },
      label: yes, help: { fr: 'Oui : faire ce qui est demandé', en: 'Yes: do what is asked' }, screens, modes: ['confirm'],
    },
    {
      id: 'no', keys: [{ stroke: { input: 'n' }, action: 'no' }, { stroke: { key: 'escape' }, action: 'no' }], shown: same('n Esc'),
      label: { fr: 'non', en: 'no' }, help: { fr: 'Non : ne rien faire', en: 'No: do nothing' }, screens, modes: ['confirm'],
    },
  ],
  /** The `:` palette's own keys. */
  paletteKeys: <S extends string>(screen: S): Common<S>[] => [
    {
      id: 'paletteMove', keys: [{ stroke: { key: 'upArrow' }, action: 'up' }, { stroke: { key: 'downArrow' }, action: 'down' }], shown: same('↑↓'),
      label: { fr: 'choix', en: 'select' }, help: { fr: 'Choisir l’écran', en: 'Select the screen' }, screens: [screen], modes: ['typing'],
    },
    {
      id: 'paletteGo', keys: [{ stroke: { key: 'return' }, action: 'submit' }], shown: { fr: 'Entrée', en: 'Enter' },
      label: { fr: 'aller', en: 'go' }, help: { fr: 'Aller à l’écran choisi', en: 'Go to the selected screen' }, screens: [screen], modes: ['typing'],
    },
    {
      id: 'closeOverlay', keys: [{ stroke: { key: 'escape' }, action: 'back' }], shown: same('Esc'),
      label: { fr: 'fermer', en: 'close' }, help: { fr: 'Fermer et revenir à l’écran', en: 'Close and return to the screen' }, screens: [screen], modes: ['typing'],
    },
  ],
  /** The `?` help's own keys; `scrolls`: the condition under which ↑↓ scroll it. */
  helpKeys: <S extends string, C extends string>(screen: S, scrolls: C): Binding<S, CommonAction, C>[] => [
    {
      id: 'helpScroll',
      keys: [
        { stroke: { key: 'upArrow' }, action: 'up' },
        { stroke: { key: 'downArrow' }, action: 'down' },
        { stroke: { key: 'pageUp' }, action: 'prevPage' },
        { stroke: { key: 'pageDown' }, action: 'nextPage' },
      ],
      shown: same('↑↓'), label: { fr: 'défiler', en: 'scroll' }, help: { fr: 'Faire défiler l’aide', en: 'Scroll the help' },
      screens: [screen], modes: ['normal'], when: scrolls,
    },
    {
      id: 'closeHelp', keys: [{ stroke: { key: 'escape' }, action: 'back' }, { stroke: { input: '?' }, action: 'back' }], shown: same('Esc'),
      label: { fr: 'fermer', en: 'close' }, help: { fr: 'Fermer l’aide', en: 'Close the help' }, screens: [screen], modes: ['normal'],
    },
  ],
  /** `help`: what Esc does besides, where a screen gives it more to do. */
  back: <S extends string>(screens: readonly S[], help: Label = { fr: 'Revenir à l’écran précédent', en: 'Back to the previous screen' }): Common<S> => ({
    id: 'back', keys: [{ stroke: { key: 'escape' }, action: 'back' }], shown: same('Esc'),
    label: { fr: 'retour', en: 'back' }, help, screens, modes: ['normal'],
  }),
  quit: <S extends string>(screens: readonly S[]): Common<S> => ({
    id: 'quit', keys: [{ stroke: { input: 'q' }, action: 'quit' }], shown: same('q'),
    label: { fr: 'quitter', en: 'quit' }, help: { fr: 'Quitter la console', en: 'Quit the console' },
    screens, modes: ['normal'],
  }),
  forceQuit: <S extends string>(screens: readonly S[]): Common<S> => ({
    id: 'forceQuit', keys: [{ stroke: { input: 'c', ctrl: true }, action: 'forceQuit' }], shown: same('Ctrl+C'),
    label: { fr: 'quitter', en: 'quit' }, help: { fr: 'Quitter la console, à tout moment', en: 'Quit the console, at any time' },
    screens, modes: ['normal', 'typing', 'confirm'], footerModes: ['typing', 'confirm'],
  }),
};
