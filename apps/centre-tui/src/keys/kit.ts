import { createAuthScreens, createConsoleKit, createPaletteScreen } from '@docstream/console-kit';
import { palette } from '../screens/palette-reducer.js';
import { BINDINGS, SCREEN_NAMES, type Action, type Condition, type ScreenId } from './bindings.js';

/** The shared console pieces bound to the centre's key table (keys/bindings.ts). */
export const kit = createConsoleKit<ScreenId, Action, Condition>({ table: BINDINGS, screenNames: SCREEN_NAMES, help: { screen: 'help', scrolls: 'helpScroll' } });

export const { matchAction, footerItems, footerRows, helpEntries, bindingsFor, helpLines, Footer, ScreenFrame, HelpView, HelpScreen, dispatchKey, useKeys } = kit;

/** A screen's handlers, by action. */
export type KeyHandlers = Partial<Record<Action, () => void>>;

/** Login and password change, shared with the server console. */
export const { LoginScreen, ChangePasswordScreen } = createAuthScreens(kit, { login: 'login', changePassword: 'changePassword' });

/** The `:` palette overlay. */
export const { PaletteScreen } = createPaletteScreen(kit, 'palette', palette);
