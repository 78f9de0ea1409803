// The accounts capability's handlers (shared/contract/accounts.ts).
import { mergeHandlers, type HandlersOf } from '../registry';
import { manageHandlers } from './manage';
import { sessionHandlers } from './session';

export const accountsHandlers: HandlersOf<'accounts'> = mergeHandlers(sessionHandlers, manageHandlers);
