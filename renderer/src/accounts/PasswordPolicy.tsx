import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import { List, ListItem, ListItemIcon, ListItemText } from '@mui/material';
import { passwordRules } from '../../../shared/contract/password-policy';

/**
 * The password policy, ticked off live as the user types (the core enforces the same rules).
 * A rule not yet met says why it exists, once something has been typed: a refused password
 * should never be a riddle.
 */
export function PasswordPolicy({ password, username }: { password: string; username: string }) {
  return (
    <List dense disablePadding aria-label="Política de contraseñas" aria-live="polite">
      {passwordRules(password, username).map((r) => {
        // Nothing typed yet meets nothing: "sin espacios" or "no se basa en el usuario" ticked
        // over empty fields would say a password was judged that does not exist (nor its username).
        const rule = { ...r, met: r.met && password !== '' && (r.id !== 'not_username' || username.trim() !== '') };
        const explain = !rule.met && password !== '';
        return (
          <ListItem key={rule.id} disableGutters sx={{ py: 0, alignItems: 'flex-start' }}>
            <ListItemIcon sx={{ minWidth: 30, mt: 0.5 }}>
              {rule.met ? <CheckCircleIcon fontSize="small" color="success" /> : <RadioButtonUncheckedIcon fontSize="small" color={explain ? 'warning' : 'disabled'} />}
            </ListItemIcon>
            <ListItemText
              primary={rule.label}
              slotProps={{ primary: { variant: 'body2', color: rule.met ? 'success.main' : 'text.secondary' }, secondary: { variant: 'caption' } }}
              secondary={
                <>
                  <span className="policy-state">{rule.met ? 'cumple' : 'pendiente'}</span>
                  {explain && `Por qué: ${rule.why}.`}
                </>
              }
              sx={{ my: 0.25, '& .policy-state': { position: 'absolute', left: -9999 } }}
            />
          </ListItem>
        );
      })}
    </List>
  );
}
