// The system capability's handlers (shared/contract/system.ts).
import { mergeHandlers, type HandlersOf } from '../registry';
import { infoHandlers } from './info';
import { statusHandlers } from './status';

export const systemHandlers: HandlersOf<'system'> = mergeHandlers(infoHandlers, statusHandlers);
