import { createAuthScreens, createConsoleKit, createPaletteScreen } from '@docstream/console-kit';
import { BINDINGS, SCREEN_NAMES, type Action, type Condition, type ScreenId } from './bindings.js';
import { palette } from '../navigation.js';

/** The shared console pieces bound to the server's key table (keys/bindings.ts). */
export const kit = createConsoleKit<ScreenId, Action, Condition>({ table: BINDINGS, screenNames: SCREEN_NAMES, help: { screen: 'help', scrolls: 'helpScroll' } });

export const { matchAction, footerItems, footerRows, helpEntries, helpLines, Footer, ScreenFrame, HelpView, HelpScreen, dispatchKey, useKeys } = kit;

/** Login and password change, as in the centre console (operators' accounts). */
export const { LoginScreen, ChangePasswordScreen } = createAuthScreens(kit, { login: 'login', changePassword: 'changePassword' });

/** The `:` palette overlay. */
export const { PaletteScreen } = createPaletteScreen(kit, 'palette', palette);
