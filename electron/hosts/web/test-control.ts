// Automated tests' remote control of the browser host's background services: pause, resume,
// run one step, status. It exists only when the host is launched with --test-control AND by a
// parent process that opened an IPC channel to it (Node's child_process 'ipc'): no web page, no
// other program on the machine and no HTTP request can reach it. Without the flag nothing
// listens; with the flag but no channel the host refuses to start (web/main.ts).
import { z } from 'zod';
import type { RemoteServices } from '../common/core-client';

export const TEST_CONTROL_FLAG = 'test-control';

export const ControlMessage = z
  .object({
    id: z.number().int(),
    op: z.enum(['pause', 'resume', 'step', 'status']),
    service: z.string().max(40).optional(),
  })
  .strict();
export type ControlMessage = z.infer<typeof ControlMessage>;

export type ControlReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string };

/** The process's own IPC channel (process.send / process.on('message')). */
export interface ControlChannel {
  send(reply: ControlReply): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
}

export function attachTestControl(services: RemoteServices, channel: ControlChannel): void {
  channel.on('message', (raw) => {
    const parsed = ControlMessage.safeParse(raw);
    if (!parsed.success) return;
    const { id, op, service } = parsed.data;
    const answer = async (): Promise<unknown> => {
      if (op === 'pause') return services.pause(service);
      if (op === 'resume') return services.resume(service);
      if (op === 'step') return services.step(service ?? '');
      return services.status();
    };
    answer().then(
      (value) => channel.send({ id, ok: true, value: value ?? null }),
      (err: unknown) => channel.send({ id, ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }),
    );
  });
}
