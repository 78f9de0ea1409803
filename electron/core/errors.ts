import { DEFAULT_MESSAGES, type ErrorCode, type FieldIssue } from '../../shared/contract';

/**
 * A failure a handler reports on purpose. The dispatcher turns it into the error envelope;
 * any other exception becomes a generic 'internal' error and is logged, never shown.
 */
export class CallFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = DEFAULT_MESSAGES[code],
    readonly fields?: FieldIssue[],
  ) {
    super(message);
  }
}
