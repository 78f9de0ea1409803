// The forms remember checks between prints (electron/core/forms/printable.ts: which characters
// both faces can print; templates.ts: which wordings passed validation). What they remember must
// never let through what the checks refuse: a template edited in place after a print, or a
// character refused once, is refused again.
import { describe, expect, it } from 'vitest';
import { CallFailure } from '../../../electron/core/errors';
import { demoRequest, DEMO_PRINTED_AT } from '../../../electron/core/forms/demo';
import { renderForm } from '../../../electron/core/forms/render';
import { DEFAULT_TEMPLATES, fillTemplate, TemplateError } from '../../../electron/core/forms/templates';
import type { FormTemplate } from '../../../electron/core/forms/types';

const opts = { printedAt: DEMO_PRINTED_AT };

describe('checks the forms remember between prints', () => {
  it('a template object edited in place after it printed is validated again', () => {
    const template: FormTemplate = { ...DEFAULT_TEMPLATES.acuerdo, paragraphs: [...DEFAULT_TEMPLATES.acuerdo.paragraphs] };
    expect(fillTemplate(template, demoRequest(true)).length).toBeGreaterThan(0);
    template.paragraphs.push('Yo, {{representante.nombres}}, acepto.');
    expect(() => fillTemplate(template, demoRequest(true))).toThrow(TemplateError);
    template.paragraphs.pop();
    template.title = '';
    expect(() => fillTemplate(template, demoRequest(true))).toThrow(/El título no puede estar vacío/);
  });

  it('a character refused once is refused again, after prints that used only printable ones', async () => {
    await renderForm('acuerdo', demoRequest(true), DEFAULT_TEMPLATES.acuerdo, opts);
    const data = demoRequest(true);
    data.representative = { ...data.representative, names: 'Peña 王 Muñoz' };
    for (let i = 0; i < 2; i++) {
      const failure = await renderForm('acuerdo', data, DEFAULT_TEMPLATES.acuerdo, opts).catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(CallFailure);
      expect((failure as CallFailure).message).toContain('«王» (U+738B)');
    }
    await expect(renderForm('acuerdo', demoRequest(true), DEFAULT_TEMPLATES.acuerdo, opts)).resolves.toBeInstanceOf(Buffer);
  });
});
