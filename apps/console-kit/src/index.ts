export type { Binding, GlobalAction, KeyState, KeyStroke, Mode, NamedKey } from './keys/types.js';
export { strokeMatches, applies, describeStroke, footerLine, type FooterItem, type HelpEntry } from './keys/match.js';
export { editText, MAX_FIELD_LENGTH, type TextKeyState } from './keys/text-edit.js';
export { splitChunk } from './keys/split-chunk.js';
export { KeyRegistryContext, KeyTargetId, ReadOnlyContext, type GlobalControls, type KeyRegistry, type KeyTarget } from './keys/registry.js';
export { createConsoleKit, type ConsoleKit, type ConsoleKitOptions, type ScreenFrameProps } from './console-kit.js';
export { fit, column, columnRight, wrapText } from './text/fit.js';
export { fill, translator, kitText, errorLabel, errorCode, KIT_STRINGS } from './text/labels.js';
export { MessageLine } from './components/MessageLine.js';
export { TextField, type TextFieldProps } from './components/TextField.js';
export { useAsyncRunner } from './hooks/useAsyncRunner.js';
export { useTerminalSize, type TerminalSize } from './hooks/useTerminalSize.js';
export { createAuthScreens, type AuthKit } from './auth/auth-screens.js';
export { loginReducer, initialLogin, type LoginState, type LoginAction } from './auth/login-reducer.js';
export { changePasswordReducer, initialChangePassword, type ChangePasswordState, type ChangePasswordAction } from './auth/change-password-reducer.js';
export { AUTH_STRINGS, authText } from './auth/auth-strings.js';
export { createPalette, initialPalette, type DestinationEntry, type PaletteState, type PaletteAction } from './palette/palette.js';
export { createPaletteScreen } from './palette/palette-screen.js';
export { DestinationList } from './palette/DestinationList.js';
export { commonKeys, type CommonAction } from './keys/common-keys.js';
export { windowStart } from './text/window.js';
export {
  createAccountsModel, initialAccounts, accountsConditions, accountsMode, selectedAccount, isSuspended, ACCOUNT_COLS,
  type AccountsModel, type AccountsConfig, type AccountsState, type AccountsAction, type AccountsCondition, type AccountRow, type AccountRole, type AccountForm, type AccountOp,
} from './accounts/accounts-model.js';
export { ACCOUNTS_STRINGS, type AccountsStrings, type AccountsStringKey } from './accounts/accounts-strings.js';
export { accountsKeys, type AccountsKeyAction } from './accounts/accounts-keys.js';
export { AccountsView, type AccountsFrame, type AccountsViewProps } from './accounts/AccountsView.js';
export { createAccountsScreen, type AccountsService, type AccountsKit, type AccountsScreenProps } from './accounts/accounts-screen.js';
export { useSyncReducer } from './hooks/useSyncReducer.js';
export {
  createMessagesReducer, loadMessages, emptyMessages, isUnread, selectedMessage, openMessage, firstLine, messagesMode, MAX_MESSAGE,
  type MessagesModel, type MessagesModelAction, type MessagesWords, type MessageLike,
} from './messages/messages-model.js';
