import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ACTORS,
  applyEvent,
  availableEvents,
  canFire,
  REJECTION_REASONS,
  REQUEST_EVENTS,
  REQUEST_STATES,
  RETURN_REASONS,
  ROLES,
  TERMINAL_STATES,
  transition,
  type Actor,
  type Channel,
  type Readiness,
  type RequestEvent,
  type RequestState,
  type TransitionContext,
} from '../../../shared/domain';

/**
 * The expected lifecycle, written out by hand from DOMAIN §3 rather than derived from the
 * implementation's table. Key: "state event".
 */
const EXPECTED: Record<string, { to: RequestState; actors: Actor[]; channel?: Channel }> = {
  'borrador iniciar_verificacion': { to: 'en_verificacion', actors: ['ventanillero'], channel: 'presencial' },
  'borrador ingreso_virtual': { to: 'en_verificacion', actors: ['central'], channel: 'virtual' },
  'borrador anular': { to: 'anulada', actors: ['ventanillero', 'supervisor'] },
  'en_verificacion imprimir_formularios': { to: 'pendiente_firma', actors: ['ventanillero'], channel: 'presencial' },
  'en_verificacion enviar_a_revision': { to: 'pendiente_revision', actors: ['ventanillero', 'supervisor'], channel: 'virtual' },
  'en_verificacion rechazar': { to: 'rechazada', actors: ['ventanillero', 'supervisor'] },
  'en_verificacion anular': { to: 'anulada', actors: ['ventanillero', 'supervisor'] },
  'pendiente_firma imprimir_formularios': { to: 'pendiente_firma', actors: ['ventanillero'], channel: 'presencial' },
  'pendiente_firma enviar_a_revision': { to: 'pendiente_revision', actors: ['ventanillero'] },
  'pendiente_firma rechazar': { to: 'rechazada', actors: ['ventanillero', 'supervisor'] },
  'pendiente_firma anular': { to: 'anulada', actors: ['ventanillero', 'supervisor'] },
  // A type without supervisor review closes at the counter (shared/domain/request-types.ts says which).
  'pendiente_firma registrar_actualizacion': { to: 'completada', actors: ['ventanillero', 'supervisor'] },
  'pendiente_revision aprobar': { to: 'aprobada', actors: ['supervisor'] },
  'pendiente_revision devolver': { to: 'devuelta', actors: ['supervisor'] },
  'pendiente_revision rechazar': { to: 'rechazada', actors: ['supervisor'] },
  'pendiente_revision anular': { to: 'anulada', actors: ['supervisor'] },
  'aprobada confirmar_envio': { to: 'enviada', actors: ['central'] },
  'aprobada rechazo_central': { to: 'rechazada_central', actors: ['central'] },
  'enviada emitir_clave': { to: 'clave_emitida', actors: ['central'] },
  // A foreigner's registration closes with the code central assigns (request-types.ts, registro_extranjero).
  'enviada asignar_codigo': { to: 'completada', actors: ['central'] },
  'enviada rechazo_central': { to: 'rechazada_central', actors: ['central'] },
  'devuelta corregir': { to: 'en_verificacion', actors: ['ventanillero'] },
  'devuelta rechazar': { to: 'rechazada', actors: ['ventanillero', 'supervisor'] },
  'devuelta anular': { to: 'anulada', actors: ['ventanillero', 'supervisor'] },
};

const READY: Readiness = {
  documents: [
    { documentType: 'solicitud_entrega_clave', label: 'Solicitud de entrega de clave', verified: true, signature: 'manuscrita', signatureMarked: true },
    { documentType: 'cedula_representante', label: 'Cédula del representante legal', verified: true, signature: null, signatureMarked: false },
    { documentType: 'acuerdo_responsabilidad', label: 'Acuerdo de Responsabilidad y Uso de la Información', verified: true, signature: 'manuscrita', signatureMarked: true },
  ],
  email: 'gerencia@empresa.com.ec',
  emailProof: 'verificado',
  visaExpiryDate: '2027-01-01',
  artisanExpiryDate: null,
};

/** A context that satisfies every guard, so only the table and the role decide. */
function fullContext(actor: Actor, channel: Channel, event: RequestEvent): TransitionContext {
  const reasonCode = event === 'rechazar' ? 'representante_no_acreditado' : 'documento_ilegible';
  return { actor, channel, attentionDate: '2026-06-15', reasonCode, note: 'Observación del caso', readiness: READY };
}

const triples = REQUEST_STATES.flatMap((state) =>
  REQUEST_EVENTS.flatMap((event) => ACTORS.map((actor) => [state, event, actor] as const)),
);

describe('lifecycle — every (state, event, actor) triple', () => {
  it('covers 12 states × 14 events × 4 actors', () => {
    expect(triples).toHaveLength(12 * 14 * 4);
    expect(ROLES).toEqual(['ventanillero', 'supervisor', 'administrador']);
  });

  it.each(triples)('%s + %s by %s', (state, event, actor) => {
    const expected = EXPECTED[`${state} ${event}`];
    const allowed = expected !== undefined && expected.actors.includes(actor);
    const context = fullContext(actor, expected?.channel ?? 'presencial', event);
    const result = applyEvent(state, event, context);
    expect(canFire(state, event, actor)).toBe(allowed);
    expect(availableEvents(state, actor).includes(event)).toBe(allowed);
    if (allowed) {
      expect(result).toEqual({ ok: true, from: state, event, to: expected.to });
      return;
    }
    expect(result.ok).toBe(false);
    const code = expected !== undefined
      ? 'lifecycle.role_forbidden'
      : (TERMINAL_STATES as readonly string[]).includes(state)
        ? 'lifecycle.terminal'
        : 'lifecycle.not_allowed';
    if (!result.ok) expect(result.errors.map((e) => e.code)).toEqual([code]);
  });

  it('terminal states offer nothing to anyone', () => {
    for (const state of TERMINAL_STATES) for (const actor of ACTORS) expect(availableEvents(state, actor)).toEqual([]);
  });

  it('the administrador never moves a request', () => {
    for (const state of REQUEST_STATES) expect(availableEvents(state, 'administrador')).toEqual([]);
  });
});

describe('lifecycle — guards', () => {
  const clerk = (over: Partial<TransitionContext> = {}): TransitionContext => ({
    actor: 'ventanillero',
    channel: 'presencial',
    attentionDate: '2026-06-15',
    readiness: READY,
    ...over,
  });
  const errorCodes = (state: string, event: string, context: TransitionContext) => {
    const result = applyEvent(state, event, context);
    return result.ok ? [] : result.errors.map((e) => e.code);
  };

  it('blocks submission while a required document is unverified or a signature unmarked', () => {
    const documents = READY.documents.map((d, i) => (i === 0 ? { ...d, signatureMarked: false } : i === 1 ? { ...d, verified: false } : d));
    const result = applyEvent('pendiente_firma', 'enviar_a_revision', clerk({ readiness: { ...READY, documents } }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { code: 'lifecycle.signature_unmarked', message: 'Falta registrar la firma manuscrita en: Solicitud de entrega de clave.' },
      { code: 'lifecycle.document_unverified', message: 'Falta verificar el documento: Cédula del representante legal.' },
    ]);
  });

  it('blocks submission and approval without a valid email', () => {
    expect(errorCodes('pendiente_firma', 'enviar_a_revision', clerk({ readiness: { ...READY, email: null } }))).toEqual(['lifecycle.email_missing']);
    expect(errorCodes('pendiente_firma', 'enviar_a_revision', clerk({ readiness: { ...READY, email: 'juan@' } }))).toEqual(['lifecycle.email_invalid']);
    const supervisor = clerk({ actor: 'supervisor', readiness: { ...READY, email: '  ' } });
    expect(errorCodes('pendiente_revision', 'aprobar', supervisor)).toEqual(['lifecycle.email_missing']);
  });

  it('blocks submission with a visa or artisan qualification expired at the date of attention', () => {
    const readiness = { ...READY, visaExpiryDate: '2026-06-14', artisanExpiryDate: '2026-01-31' };
    const result = applyEvent('pendiente_firma', 'enviar_a_revision', clerk({ readiness }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.code)).toEqual(['lifecycle.visa_expired', 'lifecycle.artisan_expired']);
    expect(result.errors[0]?.message).toBe('La visa está caducada a la fecha de atención (venció el 14/06/2026).');
    // Valid through the expiry day itself; "Indefinida" (null) never expires.
    const onTheDay = { ...READY, visaExpiryDate: '2026-06-15', artisanExpiryDate: null };
    expect(applyEvent('pendiente_firma', 'enviar_a_revision', clerk({ readiness: onTheDay })).ok).toBe(true);
  });

  it('needs the readiness to submit or approve', () => {
    expect(errorCodes('pendiente_firma', 'enviar_a_revision', clerk({ readiness: undefined }))).toEqual(['lifecycle.readiness_missing']);
  });

  it('never approves a request whose checklist is not here (no documents at all)', () => {
    const supervisor = clerk({ actor: 'supervisor', readiness: { ...READY, documents: [] } });
    expect(errorCodes('pendiente_revision', 'aprobar', supervisor)).toEqual(['lifecycle.no_documents']);
    expect(errorCodes('pendiente_firma', 'enviar_a_revision', clerk({ readiness: { ...READY, documents: [] } }))).toEqual(['lifecycle.no_documents']);
  });

  it('sends a presencial request to review only after printing; a virtual one directly', () => {
    expect(errorCodes('en_verificacion', 'enviar_a_revision', clerk())).toEqual(['lifecycle.print_first']);
    expect(applyEvent('en_verificacion', 'enviar_a_revision', clerk({ channel: 'virtual' })).ok).toBe(true);
    expect(errorCodes('en_verificacion', 'imprimir_formularios', clerk({ channel: 'virtual' }))).toEqual(['lifecycle.channel']);
    expect(errorCodes('borrador', 'ingreso_virtual', clerk({ actor: 'central' }))).toEqual(['lifecycle.channel']);
    expect(errorCodes('borrador', 'iniciar_verificacion', clerk({ channel: 'virtual' }))).toEqual(['lifecycle.channel']);
  });

  it('papers the applicant brought signed need no printing: straight from verification to review (seed 004, lines 35–41)', () => {
    const papers = (origin: 'traido' | 'impreso' | null, origins: ('traido' | 'impreso')[] = ['traido', 'impreso']) =>
      READY.documents.map((d) => (d.signature ? { ...d, origin, origins } : d));
    const brought = { ...READY, documents: papers('traido') };
    expect(errorCodes('en_verificacion', 'enviar_a_revision', clerk({ readiness: brought }))).toEqual([]);
    // One paper to be printed here, or not said yet: print first.
    const mixed = { ...READY, documents: brought.documents.map((d, i) => (i === 2 ? { ...d, origin: 'impreso' as const } : d)) };
    expect(errorCodes('en_verificacion', 'enviar_a_revision', clerk({ readiness: mixed }))).toEqual(['lifecycle.print_first']);
    expect(errorCodes('pendiente_firma', 'enviar_a_revision', clerk({ readiness: { ...READY, documents: papers(null) } }))).toEqual(['lifecycle.origin_missing', 'lifecycle.origin_missing']);
    // A third party files: only brought papers are allowed.
    expect(errorCodes('pendiente_firma', 'enviar_a_revision', clerk({ readiness: { ...READY, documents: papers('impreso', ['traido']) } }))).toEqual(['lifecycle.origin_not_allowed', 'lifecycle.origin_not_allowed']);
  });

  it('names who has not signed: the third party on the Autorización de Retiro', () => {
    const documents = [
      ...READY.documents,
      { documentType: 'autorizacion_retiro_contrasena' as const, label: 'Autorización de Retiro de Contraseña', verified: true, signature: 'manuscrita' as const, signatureMarked: false, signer: 'tercero_autorizado' as const },
    ];
    const result = applyEvent('pendiente_firma', 'enviar_a_revision', clerk({ readiness: { ...READY, documents } }));
    expect(!result.ok && result.errors).toEqual([
      { code: 'lifecycle.signature_unmarked', message: 'Falta registrar la firma manuscrita del tercero autorizado en: Autorización de Retiro de Contraseña.' },
    ]);
  });

  it('a presencial request goes to review only with its e-mail proven active or the reason recorded (seed 004, line 43)', () => {
    expect(errorCodes('pendiente_firma', 'enviar_a_revision', clerk({ readiness: { ...READY, emailProof: null } }))).toEqual(['lifecycle.email_unproven']);
    expect(errorCodes('pendiente_firma', 'enviar_a_revision', clerk({ readiness: { ...READY, emailProof: 'no_verificado' } }))).toEqual([]);
    // The virtual channel's e-mail came through the portal; the supervisor's approval judges the rest.
    expect(errorCodes('en_verificacion', 'enviar_a_revision', clerk({ channel: 'virtual', readiness: { ...READY, emailProof: null } }))).toEqual([]);
    expect(errorCodes('pendiente_revision', 'aprobar', clerk({ actor: 'supervisor', readiness: { ...READY, emailProof: null } }))).toEqual([]);
  });

  it('rechazar and devolver need a reason from their own catalog', () => {
    const supervisor = (reasonCode?: string, note?: string) => clerk({ actor: 'supervisor', reasonCode, note });
    expect(errorCodes('pendiente_revision', 'rechazar', supervisor())).toEqual(['lifecycle.reason_required']);
    expect(errorCodes('pendiente_revision', 'devolver', supervisor('  '))).toEqual(['lifecycle.reason_required']);
    expect(errorCodes('pendiente_revision', 'rechazar', supervisor('documento_ilegible'))).toEqual(['lifecycle.reason_unknown']);
    expect(errorCodes('pendiente_revision', 'devolver', supervisor('ruc_inactivo'))).toEqual(['lifecycle.reason_unknown']);
    expect(errorCodes('pendiente_revision', 'rechazar', supervisor('ruc_inactivo'))).toEqual([]);
    expect(errorCodes('pendiente_revision', 'devolver', supervisor('firma_faltante'))).toEqual([]);
    expect(errorCodes('pendiente_revision', 'devolver', supervisor('otro'))).toEqual(['lifecycle.note_required']);
    expect(errorCodes('pendiente_revision', 'devolver', supervisor('otro', 'Falta sello'))).toEqual([]);
    const rejection = applyEvent('pendiente_revision', 'rechazar', supervisor());
    expect(!rejection.ok && rejection.errors[0]?.message).toBe('Seleccione el motivo de rechazo.');
  });

  it('anular and rechazo_central need a written note', () => {
    expect(errorCodes('borrador', 'anular', clerk())).toEqual(['lifecycle.note_required']);
    expect(errorCodes('borrador', 'anular', clerk({ note: 'Solicitante desiste' }))).toEqual([]);
    expect(errorCodes('enviada', 'rechazo_central', clerk({ actor: 'central' }))).toEqual(['lifecycle.note_required']);
  });

  it('explains illegal moves in Spanish', () => {
    const result = applyEvent('borrador', 'aprobar', clerk({ actor: 'supervisor' }));
    expect(!result.ok && result.errors[0]?.message).toBe('No se puede «Aprobar» una solicitud en estado «Borrador».');
    const closed = applyEvent('clave_emitida', 'anular', clerk({ note: 'x' }));
    expect(!closed.ok && closed.errors[0]?.message).toBe('La solicitud está cerrada (Clave emitida) y ya no admite cambios.');
    const role = applyEvent('pendiente_revision', 'aprobar', clerk());
    expect(!role.ok && role.errors[0]?.message).toBe('El rol Ventanillero no puede «Aprobar».');
  });

  it('validates data from outside: unknown state, event, actor, channel or date', () => {
    expect(errorCodes('perdida', 'anular', clerk())).toEqual(['lifecycle.unknown_state']);
    expect(errorCodes('borrador', 'borrar', clerk())).toEqual(['lifecycle.unknown_event']);
    const bad = { actor: 'root', channel: 'fax', attentionDate: 'ayer' } as unknown as TransitionContext;
    expect(errorCodes('borrador', 'anular', bad)).toEqual(['lifecycle.actor_unknown', 'lifecycle.channel_unknown', 'lifecycle.attention_date']);
  });

  it('never throws, whatever comes in', () => {
    const contexts = fc.oneof(
      fc.anything(),
      fc.record({
        actor: fc.constantFrom(...ACTORS),
        channel: fc.constantFrom('presencial', 'virtual'),
        attentionDate: fc.constantFrom('2026-06-15', '2026-13-01'),
        reasonCode: fc.oneof(fc.constantFrom(...REJECTION_REASONS.map((r) => r.code), ...RETURN_REASONS.map((r) => r.code)), fc.anything()),
        note: fc.anything(),
        readiness: fc.oneof(fc.constant(READY), fc.anything(), fc.record({ documents: fc.array(fc.anything()), email: fc.anything(), visaExpiryDate: fc.anything() })),
      }),
    );
    const states = fc.oneof(fc.constantFrom(...REQUEST_STATES), fc.anything());
    const events = fc.oneof(fc.constantFrom(...REQUEST_EVENTS), fc.anything());
    fc.assert(fc.property(states, events, contexts, (state, event, context) => {
      const result = applyEvent(state, event, context as TransitionContext);
      expect(typeof result.ok).toBe('boolean');
      expect(Array.isArray(availableEvents(state, (context as { actor?: unknown } | null)?.actor))).toBe(true);
    }), { numRuns: 3000 });
  });
});

describe('lifecycle — compile-time table', () => {
  it('types the target of a literal transition', () => {
    const result = transition('borrador', 'iniciar_verificacion', {
      actor: 'ventanillero',
      channel: 'presencial',
      attentionDate: '2026-06-15',
    });
    if (!result.ok) throw new Error('expected success');
    const target: 'en_verificacion' = result.to;
    expect(target).toBe('en_verificacion');
  });

  it('rejects illegal literal transitions at compile time (checked by tsc)', () => {
    const context: TransitionContext = { actor: 'supervisor', channel: 'presencial', attentionDate: '2026-06-15' };
    // @ts-expect-error imprimir_formularios does not exist from aprobada
    const fromApproved = transition('aprobada', 'imprimir_formularios', context);
    // @ts-expect-error a terminal state has no events at all
    const fromVoided = transition('anulada', 'corregir', context);
    expect(fromApproved.ok).toBe(false);
    expect(fromVoided.ok).toBe(false);
  });
});
