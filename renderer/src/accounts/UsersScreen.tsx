import PersonAddIcon from '@mui/icons-material/PersonAdd';
import {
  Alert,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  MenuItem,
  Stack,
  TextField,
} from '@mui/material';
import { useState, type FormEvent } from 'react';
import type { z } from 'zod';
import { ROLE_LABELS, USER_ROLES, type UserRole, type UserView } from '../../../shared/contract';
import type { UserAdminRow } from '../../../shared/contract/accounts';
import { call } from '../api/client';
import { useInvalidate, useList } from '../api/useCall';
import { formatDateTimeEs } from '../../../shared/domain/dates';
import { PagedTable, type Column } from '../app/PagedTable';
import { ScreenHeader } from '../app/ScreenHeader';
import { PasswordField } from './PasswordField';
import { PasswordPolicy } from './PasswordPolicy';

type Row = z.infer<typeof UserAdminRow>;
type DialogState = { kind: 'create' } | { kind: 'reset'; user: Row } | { kind: 'edit'; user: Row } | null;

export function UsersScreen({ self }: { self: UserView }) {
  const users = useList('users.list', {});
  const invalidate = useInvalidate();
  const [dialog, setDialog] = useState<DialogState>(null);
  const [message, setMessage] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const refresh = () => invalidate('users.list');

  async function toggle(user: Row) {
    const r = await call('users.setDisabled', { userId: user.id, disabled: !user.disabled });
    setMessage(r.ok ? { severity: 'success', text: `${user.displayName}: ${user.disabled ? 'habilitado' : 'deshabilitado'}.` } : { severity: 'error', text: r.error.message });
    void refresh();
  }

  const done = (text: string) => {
    setDialog(null);
    setMessage({ severity: 'success', text });
    void refresh();
  };

  const columns: Column<Row>[] = [
    { header: 'Nombre', cell: (u) => u.displayName },
    { header: 'Usuario', cell: (u) => u.username, cellSx: { fontFamily: 'monospace' } },
    { header: 'Rol', cell: (u) => ROLE_LABELS[u.role] },
    {
      header: 'Estado',
      cell: (u) => (
        <Stack direction="row" spacing={0.5}>
          {u.disabled ? <Chip size="small" label="Deshabilitado" /> : <Chip size="small" color="success" variant="outlined" label="Activo" />}
          {u.locked && <Chip size="small" color="warning" label="Bloqueado" />}
          {u.mustChangePassword && <Chip size="small" variant="outlined" label="Contraseña temporal" />}
        </Stack>
      ),
    },
    { header: 'Creado', cell: (u) => formatDateTimeEs(u.createdAt) },
    {
      header: 'Acciones',
      align: 'right',
      cellSx: { whiteSpace: 'nowrap' },
      cell: (u) => (
        <>
          <Button size="small" onClick={() => setDialog({ kind: 'edit', user: u })}>
            Editar
          </Button>
          <Button size="small" onClick={() => setDialog({ kind: 'reset', user: u })}>
            Restablecer contraseña
          </Button>
          <Button size="small" color={u.disabled ? 'primary' : 'warning'} disabled={u.id === self.id} onClick={() => void toggle(u)}>
            {u.disabled ? 'Habilitar' : 'Deshabilitar'}
          </Button>
        </>
      ),
    },
  ];

  return (
    <>
      <ScreenHeader
        title="Usuarios"
        subtitle="Personal de la agencia. Los usuarios no se borran: se deshabilitan, porque el historial los nombra."
        actions={
          <Button variant="contained" startIcon={<PersonAddIcon />} onClick={() => setDialog({ kind: 'create' })}>
            Nuevo usuario
          </Button>
        }
      />
      {message && (
        <Alert severity={message.severity} sx={{ mb: 2 }} onClose={() => setMessage(null)}>
          {message.text}
        </Alert>
      )}
      <PagedTable label="Usuarios" list={users} columns={columns} rowKey={(u) => u.id} />
      {dialog?.kind === 'create' && <CreateUserDialog onClose={() => setDialog(null)} onDone={(u) => done(`Usuario ${u} creado con contraseña temporal.`)} />}
      {dialog?.kind === 'reset' && <ResetPasswordDialog user={dialog.user} onClose={() => setDialog(null)} onDone={() => done(`Contraseña temporal asignada a ${dialog.user.displayName}.`)} />}
      {dialog?.kind === 'edit' && <EditUserDialog user={dialog.user} onClose={() => setDialog(null)} onDone={() => done(`${dialog.user.displayName}: datos actualizados.`)} />}
    </>
  );
}

function FormDialog({ title, onClose, onSubmit, error, submitLabel, children }: { title: string; onClose(): void; onSubmit(): Promise<void>; error: string | null; submitLabel: string; children: React.ReactNode }) {
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    await onSubmit();
    setBusy(false);
  };
  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="user-dialog-title">
      <form onSubmit={submit}>
        <DialogTitle id="user-dialog-title">{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {children}
            {error && (
              <Alert severity="error" role="alert">
                {error}
              </Alert>
            )}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancelar</Button>
          <Button type="submit" variant="contained" disabled={busy}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

function RoleSelect({ value, onChange }: { value: UserRole; onChange(role: UserRole): void }) {
  return (
    <TextField select label="Rol" value={value} onChange={(e) => onChange(e.target.value as UserRole)} required>
      {USER_ROLES.map((r) => (
        <MenuItem key={r} value={r}>
          {ROLE_LABELS[r]}
        </MenuItem>
      ))}
    </TextField>
  );
}

function CreateUserDialog({ onClose, onDone }: { onClose(): void; onDone(username: string): void }) {
  const [form, setForm] = useState({ username: '', displayName: '', role: 'ventanillero' as UserRole, password: '' });
  const [error, setError] = useState<string | null>(null);
  return (
    <FormDialog
      title="Nuevo usuario"
      submitLabel="Crear usuario"
      error={error}
      onClose={onClose}
      onSubmit={async () => {
        const r = await call('users.create', form);
        if (r.ok) onDone(r.value.user.username);
        else setError(r.error.message);
      }}
    >
      <TextField label="Nombre completo" value={form.displayName} onChange={(e) => setForm({ ...form, displayName: e.target.value })} required autoFocus />
      <TextField label="Usuario" value={form.username} onChange={(e) => setForm({ ...form, username: e.target.value })} required helperText="Letras sin tilde, números, punto o guion" />
      <RoleSelect value={form.role} onChange={(role) => setForm({ ...form, role })} />
      <PasswordField label="Contraseña temporal" value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} required autoComplete="new-password" helperText="El usuario deberá cambiarla al ingresar." />
      <PasswordPolicy password={form.password} username={form.username} />
    </FormDialog>
  );
}

function ResetPasswordDialog({ user, onClose, onDone }: { user: Row; onClose(): void; onDone(): void }) {
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <FormDialog
      title={`Restablecer contraseña de ${user.displayName}`}
      submitLabel="Asignar contraseña temporal"
      error={error}
      onClose={onClose}
      onSubmit={async () => {
        const r = await call('users.resetPassword', { userId: user.id, password });
        if (r.ok) onDone();
        else setError(r.error.message);
      }}
    >
      <Alert severity="info">Se desbloquea la cuenta, se cierran sus sesiones abiertas y deberá cambiar la contraseña al ingresar.</Alert>
      <PasswordField label="Contraseña temporal" value={password} onChange={(e) => setPassword(e.target.value)} required autoFocus autoComplete="new-password" />
      <PasswordPolicy password={password} username={user.username} />
    </FormDialog>
  );
}

function EditUserDialog({ user, onClose, onDone }: { user: Row; onClose(): void; onDone(): void }) {
  const [displayName, setDisplayName] = useState(user.displayName);
  const [role, setRole] = useState<UserRole>(user.role);
  const [error, setError] = useState<string | null>(null);
  return (
    <FormDialog
      title={`Editar ${user.username}`}
      submitLabel="Guardar"
      error={error}
      onClose={onClose}
      onSubmit={async () => {
        const r = await call('users.update', { userId: user.id, displayName, role });
        if (r.ok) onDone();
        else setError(r.error.message);
      }}
    >
      <TextField label="Nombre completo" value={displayName} onChange={(e) => setDisplayName(e.target.value)} required autoFocus />
      <RoleSelect value={role} onChange={setRole} />
    </FormDialog>
  );
}
