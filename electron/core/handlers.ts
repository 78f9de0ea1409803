// The core's full handler map: one entry per capability, each typed against its own part of the
// contract (HandlersOf in ./registry.ts). A declared call without a handler does not compile.
import { accountsHandlers } from './accounts/handlers';
import { counterHandlers } from './counter/handlers';
import { formsHandlers } from './forms/handlers';
import { opsHandlers } from './ops/handlers';
import { mergeHandlers, type Handlers } from './registry';
import { securityHandlers } from './security/handlers';
import { supervisorHandlers } from './supervisor/handlers';
import { syncHandlers } from './sync/handlers';
import { systemHandlers } from './system/handlers';

export const handlers: Handlers = mergeHandlers(
  systemHandlers,
  accountsHandlers,
  securityHandlers,
  counterHandlers,
  formsHandlers,
  supervisorHandlers,
  syncHandlers,
  opsHandlers,
);
