// The security capability's handlers (shared/contract/security.ts).
import { mergeHandlers, type HandlersOf } from '../registry';
import { auditHandlers } from './audit/calls';
import { retentionHandlers } from './retention/calls';
import { settingsHandlers } from './settings';

export const securityHandlers: HandlersOf<'security'> = mergeHandlers(auditHandlers, settingsHandlers, retentionHandlers);
