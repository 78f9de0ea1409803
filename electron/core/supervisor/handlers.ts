// The supervisor capability's handlers (shared/contract/supervisor.ts).
import { mergeHandlers, type HandlersOf } from '../registry';
import { dashboardHandlers } from './dashboard';
import { queueHandlers } from './queues';
import { reportHandlers } from './reports';
import { reviewHandlers } from './review';
import { searchHandlers } from './search';

export const supervisorHandlers: HandlersOf<'supervisor'> = mergeHandlers(queueHandlers, reviewHandlers, searchHandlers, dashboardHandlers, reportHandlers);
