// The whole contract: every capability's calls merged into one map. Each call is declared once,
// in its capability's file (shared/contract/<capability>.ts); this file only merges them. The
// core's handler registry is typed from this object, so a call declared without a handler is a
// compile error, and `CAPABILITIES` pairs each capability with its calls so that a handler
// registered under another capability's folder does not compile either
// (electron/core/registry.ts `HandlersOf`).
import type { z } from 'zod';
import { accountCalls } from './accounts';
import { counterCalls } from './counter';
import { formCalls } from './forms';
import { opsCalls } from './ops';
import { securityCalls } from './security';
import { supervisorCalls } from './supervisor';
import { syncCalls } from './sync';
import { systemCalls } from './system';

export { AgencyView, UserView } from './common';
export { REQUEST_STATES } from '../domain/lifecycle';
export { AppointmentRow, RequestRow, RequestState } from './counter';

/** Capability → its calls. The capability's name is also its folder in core and renderer. */
export const CAPABILITIES = {
  system: systemCalls,
  accounts: accountCalls,
  security: securityCalls,
  counter: counterCalls,
  forms: formCalls,
  supervisor: supervisorCalls,
  sync: syncCalls,
  ops: opsCalls,
} as const;
export type Capability = keyof typeof CAPABILITIES;

export const contract = {
  ...systemCalls,
  ...accountCalls,
  ...securityCalls,
  ...counterCalls,
  ...formCalls,
  ...supervisorCalls,
  ...syncCalls,
  ...opsCalls,
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Contract[K]['output']>;

export const CALL_NAMES = Object.keys(contract) as CallName[];
export const isCallName = (name: string): name is CallName => Object.hasOwn(contract, name);
