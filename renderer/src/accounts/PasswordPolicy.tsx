import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import RadioButtonUncheckedIcon from '@mui/icons-material/RadioButtonUnchecked';
import { List, ListItem, ListItemIcon, ListItemText } from '@mui/material';
import { passwordRules } from '../../../shared/contract';

/** The password policy, ticked off live as the user types (the core enforces the same rules). */
export function PasswordPolicy({ password, username }: { password: string; username: string }) {
  return (
    <List dense disablePadding aria-label="Política de contraseñas" aria-live="polite">
      {passwordRules(password, username).map((rule) => (
        <ListItem key={rule.id} disableGutters sx={{ py: 0 }}>
          <ListItemIcon sx={{ minWidth: 30 }}>
            {rule.met ? <CheckCircleIcon fontSize="small" color="success" /> : <RadioButtonUncheckedIcon fontSize="small" color="disabled" />}
          </ListItemIcon>
          <ListItemText
            primary={rule.label}
            slotProps={{ primary: { variant: 'body2', color: rule.met ? 'success.main' : 'text.secondary' } }}
            secondary={rule.met ? 'cumple' : 'pendiente'}
            sx={{ '& .MuiListItemText-secondary': { position: 'absolute', left: -9999 } }}
          />
        </ListItem>
      ))}
    </List>
  );
}
