// The core's full handler map: one entry per capability folder.
import { accountHandlers } from './accounts/handlers';
import { appointmentHandlers } from './appointments/handlers';
import { auditHandlers } from './audit/handlers';
import { configHandlers } from './config/handlers';
import { attachmentHandlers } from './attachments/handlers';
import { checkInHandlers } from './counter/appointments';
import { checklistHandlers } from './counter/checklist';
import { intakeHandlers } from './counter/intake';
import { formHandlers } from './forms/handlers';
import { mergeHandlers, type Handlers } from './registry';
import { requestHandlers } from './requests/handlers';
import { retentionHandlers } from './retention/handlers';
import { sessionHandlers } from './session/handlers';
import { statusHandlers } from './status/handlers';
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
);
