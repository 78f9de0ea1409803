import { Alert, Button, Divider, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { useState, type FormEvent } from 'react';
import { passwordProblem } from '../../../shared/contract/password-policy';
import type { SessionInfo } from '../../../shared/contract/accounts';
import { PROVINCES } from '../../../shared/domain/catalogs';
import { call } from '../api/client';
import { fieldErrors, type FieldErrors } from '../api/fieldErrors';
import { CenteredCard } from './CenteredCard';
import { PasswordField } from './PasswordField';
import { PasswordPolicy } from './PasswordPolicy';

/** First start with an empty data directory: the agency of this desk and its first administrator. */
export function SetupScreen({ onDone }: { onDone(token: string, session: SessionInfo): void }) {
  const [form, setForm] = useState({ code: '', name: '', provinceCode: '', username: '', displayName: '', password: '', confirm: '' });
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setError(null);
  };
  const fieldError = (path: string) => fields[path];

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problem = passwordProblem(form.password, form.username) ?? (form.password !== form.confirm ? 'La confirmación no coincide con la contraseña.' : null);
    if (problem) return setError(problem);
    setBusy(true);
    const r = await call('setup.createAdmin', {
      agency: { code: form.code, name: form.name, provinceCode: form.provinceCode },
      username: form.username,
      displayName: form.displayName,
      password: form.password,
    });
    setBusy(false);
    if (r.ok) return onDone(r.value.token, r.value.session);
    setError(r.error.message);
    setFields(fieldErrors(r.error));
  }

  return (
    <CenteredCard title="Configuración inicial" subtitle="Esta estación aún no tiene usuarios. Registre la agencia y su primer administrador." width={560}>
      <Stack component="form" spacing={2} onSubmit={submit} aria-label="Configuración inicial">
        <Typography variant="subtitle2">Agencia</Typography>
        <Stack direction="row" spacing={2}>
          <TextField label="Código" value={form.code} onChange={set('code')} required autoFocus sx={{ width: 140 }} error={!!fieldError('agency.code')} helperText={fieldError('agency.code') ?? 'Ej.: UIO'} />
          <TextField label="Nombre de la agencia" value={form.name} onChange={set('name')} required fullWidth error={!!fieldError('agency.name')} helperText={fieldError('agency.name') ?? 'Ej.: CAU Quito Norte'} />
        </Stack>
        <TextField select label="Provincia" value={form.provinceCode} onChange={set('provinceCode')} required error={!!fieldError('agency.provinceCode')} helperText={fieldError('agency.provinceCode') ?? ' '}>
          {PROVINCES.map((p) => (
            <MenuItem key={p.code} value={p.code}>
              {p.code} · {p.label}
            </MenuItem>
          ))}
        </TextField>
        <Divider />
        <Typography variant="subtitle2">Administrador</Typography>
        <TextField label="Nombre completo" value={form.displayName} onChange={set('displayName')} required error={!!fieldError('displayName')} helperText={fieldError('displayName') ?? ' '} />
        <TextField label="Usuario" value={form.username} onChange={set('username')} required autoComplete="username" error={!!fieldError('username')} helperText={fieldError('username') ?? 'Letras sin tilde, números, punto o guion'} />
        <PasswordField label="Contraseña" value={form.password} onChange={set('password')} required autoComplete="new-password" />
        <PasswordPolicy password={form.password} username={form.username} />
        <PasswordField label="Confirme la contraseña" value={form.confirm} onChange={set('confirm')} required autoComplete="new-password" />
        {error && (
          <Alert severity="error" role="alert">
            {error}
          </Alert>
        )}
        <Button type="submit" variant="contained" size="large" disabled={busy}>
          Crear agencia y administrador
        </Button>
      </Stack>
    </CenteredCard>
  );
}
