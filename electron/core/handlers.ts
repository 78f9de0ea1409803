// The core's full handler map: one entry per capability folder.
import { accountHandlers } from './accounts/handlers';
import { appointmentHandlers } from './counter/today';
import { auditHandlers } from './security/audit/handlers';
import { configHandlers } from './security/settings';
import { attachmentHandlers } from './counter/attachments/handlers';
import { checkInHandlers } from './counter/appointments';
import { checklistHandlers } from './counter/checklist';
import { intakeHandlers } from './counter/intake';
import { formHandlers } from './forms/handlers';
import { queueHandlers } from './supervisor/queues';
import { reviewHandlers } from './supervisor/review';
import { dashboardHandlers } from './supervisor/dashboard';
import { reportHandlers } from './supervisor/reports';
import { searchHandlers } from './supervisor/search';
import { mergeHandlers, type Handlers } from './registry';
import { opsHandlers } from './ops/handlers';
import { requestHandlers } from './counter/list';
import { retentionHandlers } from './security/retention/handlers';
import { sessionHandlers } from './accounts/session';
import { statusHandlers } from './system/status';
import { syncHandlers } from './sync/handlers';
import { systemHandlers } from './system/handlers';

export const handlers: Handlers = mergeHandlers(
  systemHandlers,
  sessionHandlers,
  statusHandlers,
  appointmentHandlers,
  requestHandlers,
  accountHandlers,
  auditHandlers,
  configHandlers,
  retentionHandlers,
  checkInHandlers,
  intakeHandlers,
  checklistHandlers,
  attachmentHandlers,
  formHandlers,
  opsHandlers,
  syncHandlers,
  queueHandlers,
  reviewHandlers,
  dashboardHandlers,
  reportHandlers,
  searchHandlers,
);
