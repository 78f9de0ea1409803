// The counter capability's handlers (shared/contract/counter.ts).
import { mergeHandlers, type HandlersOf } from '../registry';
import { checkInHandlers } from './appointments';
import { attachmentHandlers } from './attachments/handlers';
import { checklistHandlers } from './checklist';
import { contactUpdateHandlers } from './contact-update';
import { emailProofHandlers } from './email-proof';
import { foreignerRegistrationHandlers } from './foreigner-registration';
import { intakeHandlers } from './intake';
import { requestHandlers } from './list';
import { appointmentHandlers } from './today';
import { workHandlers } from './working';

export const counterHandlers: HandlersOf<'counter'> = mergeHandlers(
  appointmentHandlers,
  checkInHandlers,
  requestHandlers,
  intakeHandlers,
  checklistHandlers,
  contactUpdateHandlers,
  foreignerRegistrationHandlers,
  emailProofHandlers,
  attachmentHandlers,
  workHandlers,
);
