// The one IPC channel: renderer envelope in, core Result out. Two gates before the core:
// the sender must be the main frame of our window showing our origin (a subframe, a second
// window or a page that navigated elsewhere is refused), and the envelope must have exactly
// the expected shape (electron/hosts/common/envelope.ts, as in the browser host). Neither gate
// throws: the renderer always gets a Result.
import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { fail, type Result } from '../../../shared/contract/result';
import type { Logger } from '../../core/context';
import type { Core } from '../../core/registry';
import { answerEnvelope } from '../common/envelope';
import { isAppUrl } from './origin';

export const FORBIDDEN_SENDER_MESSAGE =
  'Esta ventana no está autorizada para realizar operaciones en Ventanilla Patronal.';

/** The parts of an invoke event the check reads. */
export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/** Our window's webContents, or null when there is none (not yet created, closed, destroyed). */
export type TrustedContents = () => Pick<WebContents, 'mainFrame'> | null;

export function isTrustedSender(event: SenderEvent, trusted: TrustedContents): boolean {
  const contents = trusted();
  const frame = event.senderFrame;
  if (!contents || !frame) return false;
  // WebFrameMain objects are unique per frame, so identity with mainFrame excludes subframes
  // and frames of any other webContents; the URL check excludes our window after it has
  // somehow left our origin.
  return event.sender === contents && frame === contents.mainFrame && isAppUrl(frame.url);
}

export interface CallHandlerOptions {
  core: Pick<Core, 'call'>;
  trusted: TrustedContents;
  log: Logger;
}

export interface CallHandler {
  (event: SenderEvent, raw: unknown): Promise<Result<unknown>>;
  /** The page that made the calls in flight reloaded, navigated or closed: their heavy reads are cancelled. */
  pageGone(): void;
}

export function createCallHandler(opts: CallHandlerOptions): CallHandler {
  let page = new AbortController();
  const handler = async (event: SenderEvent, raw: unknown): Promise<Result<unknown>> => {
    if (!isTrustedSender(event, opts.trusted)) {
      // Only scheme and host: a full URL could carry personal data in its path or query.
      opts.log.warn('ipc call from untrusted sender refused', { from: describeOrigin(event.senderFrame?.url) });
      return fail('forbidden', FORBIDDEN_SENDER_MESSAGE);
    }
    return (await answerEnvelope(opts.core, raw, opts.log, page.signal)).result;
  };
  return Object.assign(handler, {
    pageGone() {
      page.abort();
      page = new AbortController();
    },
  });
}

function describeOrigin(url: string | undefined): string | null {
  try {
    const parsed = new URL(url ?? '');
    return `${parsed.protocol}//${parsed.host}`;
  } catch {
    return null;
  }
}
