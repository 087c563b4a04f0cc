/** The Clients screens of the server console: list, new centre, detail, account, messages. */
export { ClientsScreen } from './ClientsScreen.js';
export { ClientNewScreen } from './ClientNewScreen.js';
export { ClientScreen } from './ClientScreen.js';
export { AccountScreen } from './AccountScreen.js';
export { MessagesScreen } from './MessagesScreen.js';
