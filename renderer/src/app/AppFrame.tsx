import EventIcon from '@mui/icons-material/Event';
import HomeIcon from '@mui/icons-material/Home';
import ListAltIcon from '@mui/icons-material/ListAlt';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import PeopleIcon from '@mui/icons-material/People';
import SecurityIcon from '@mui/icons-material/Security';
import LogoutIcon from '@mui/icons-material/Logout';
import {
  AppBar,
  Box,
  Button,
  Drawer,
  List,
  ListItemButton,
  ListItemIcon,
  ListItemText,
  Toolbar,
  Typography,
} from '@mui/material';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ROLE_LABELS, type CallOutput, type UserRole } from '../../../shared/contract';
import type { SessionInfo } from '../../../shared/contract/accounts';
import { AccountScreen } from '../accounts/AccountScreen';
import { SecurityScreen } from '../accounts/SecurityScreen';
import { UsersScreen } from '../accounts/UsersScreen';
import { AppointmentsScreen } from '../screens/AppointmentsScreen';
import { HomeScreen } from '../screens/HomeScreen';
import { RequestsScreen } from '../screens/RequestsScreen';
import { StatusBar } from './StatusBar';

interface Section {
  id: string;
  label: string;
  icon: ReactNode;
  roles: readonly UserRole[];
  render(props: Props): ReactNode;
}

const EVERYONE = ['ventanillero', 'supervisor', 'administrador'] as const;
const SECTIONS: Section[] = [
  { id: 'inicio', label: 'Inicio', icon: <HomeIcon />, roles: EVERYONE, render: () => <HomeScreen /> },
  { id: 'turnos', label: 'Turnos del día', icon: <EventIcon />, roles: ['ventanillero', 'supervisor'], render: () => <AppointmentsScreen /> },
  { id: 'solicitudes', label: 'Solicitudes', icon: <ListAltIcon />, roles: ['ventanillero', 'supervisor'], render: () => <RequestsScreen /> },
  { id: 'usuarios', label: 'Usuarios', icon: <PeopleIcon />, roles: ['administrador'], render: (p) => <UsersScreen self={p.session.user} /> },
  { id: 'seguridad', label: 'Seguridad y auditoría', icon: <SecurityIcon />, roles: ['administrador'], render: () => <SecurityScreen /> },
  { id: 'cuenta', label: 'Mi cuenta', icon: <ManageAccountsIcon />, roles: EVERYONE, render: (p) => <AccountScreen session={p.session} onSessionChange={p.onSessionChange} /> },
];

const DRAWER_WIDTH = 240;

interface Props {
  session: SessionInfo;
  info: CallOutput<'system.info'>;
  onLogout(): void;
  onSessionChange(session: SessionInfo): void;
}

export function AppFrame(props: Props) {
  const { session, info, onLogout } = props;
  const user = session.user;
  const sections = useMemo(() => SECTIONS.filter((s) => s.roles.includes(user.role)), [user.role]);
  const [current, setCurrent] = useState(sections[0]!.id);
  const mainRef = useRef<HTMLElement>(null);

  // Alt+1…9 jumps to a section: the clerk's hands stay on the keyboard.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const index = Number(e.key) - 1;
      const target = sections[index];
      if (Number.isInteger(index) && target) {
        e.preventDefault();
        setCurrent(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sections]);

  // Move focus to the new section's heading so screen readers and Tab start there.
  useEffect(() => {
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [current]);

  const section = sections.find((s) => s.id === current) ?? sections[0]!;
  return (
    <Box sx={{ display: 'flex', height: '100vh', flexDirection: 'column' }}>
      <a href="#contenido" className="skip-link" style={{ position: 'absolute', left: -9999 }} onFocus={(e) => (e.currentTarget.style.left = '8px')} onBlur={(e) => (e.currentTarget.style.left = '-9999px')}>
        Saltar al contenido
      </a>
      <AppBar position="static" elevation={0}>
        <Toolbar variant="dense" sx={{ gap: 2 }}>
          <Typography variant="h6" component="div" sx={{ flexGrow: 1, fontWeight: 700 }}>
            Ventanilla Patronal
            <Typography component="span" variant="body2" sx={{ ml: 2, opacity: 0.85 }}>
              {info.agency?.name}
            </Typography>
          </Typography>
          <Typography variant="body2">
            {user.displayName} · {ROLE_LABELS[user.role]}
          </Typography>
          <Button color="inherit" startIcon={<LogoutIcon />} onClick={onLogout}>
            Cerrar sesión
          </Button>
        </Toolbar>
      </AppBar>
      <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
        <Drawer
          variant="permanent"
          sx={{ width: DRAWER_WIDTH, flexShrink: 0, '& .MuiDrawer-paper': { width: DRAWER_WIDTH, position: 'relative' } }}
        >
          <nav aria-label="Secciones">
            <List>
              {sections.map((s, i) => (
                <ListItemButton key={s.id} selected={s.id === section.id} onClick={() => setCurrent(s.id)} aria-current={s.id === section.id ? 'page' : undefined}>
                  <ListItemIcon>{s.icon}</ListItemIcon>
                  <ListItemText primary={s.label} secondary={`Alt+${i + 1}`} />
                </ListItemButton>
              ))}
            </List>
          </nav>
        </Drawer>
        <Box component="main" id="contenido" ref={mainRef} sx={{ flex: 1, overflow: 'auto', p: 3 }}>
          {section.render(props)}
        </Box>
      </Box>
      <StatusBar appVersion={info.appVersion} />
    </Box>
  );
}
