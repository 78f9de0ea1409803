import BuildCircleIcon from '@mui/icons-material/BuildCircle';
import HowToRegIcon from '@mui/icons-material/HowToReg';
import SyncIcon from '@mui/icons-material/Sync';
import CloudSyncIcon from '@mui/icons-material/CloudSync';
import HomeIcon from '@mui/icons-material/Home';
import ListAltIcon from '@mui/icons-material/ListAlt';
import ManageAccountsIcon from '@mui/icons-material/ManageAccounts';
import PeopleIcon from '@mui/icons-material/People';
import SecurityIcon from '@mui/icons-material/Security';
import LogoutIcon from '@mui/icons-material/Logout';
import EventAvailableIcon from '@mui/icons-material/EventAvailable';
import InboxIcon from '@mui/icons-material/Inbox';
import InsightsIcon from '@mui/icons-material/Insights';
import SearchIcon from '@mui/icons-material/Search';
import { AppBar, Box, Button, CircularProgress, Toolbar, Typography, type Theme } from '@mui/material';
import type { SystemStyleObject } from '@mui/system';
import { Fragment, lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState, type ComponentType, type ReactNode } from 'react';
import type { CallOutput, UserRole } from '../../../shared/contract';
import { ROLE_LABELS } from '../../../shared/domain/roles';
import type { SessionInfo } from '../../../shared/contract/accounts';
import { HomeScreen } from './HomeScreen';
import { StatusBar } from '../system/StatusBar';
import { prefetchQueues, QueuesScreen } from '../supervisor/QueuesScreen';
import type { QueryClient } from '@tanstack/react-query';
import { MAIN_ID } from './main-scroll';
import { loadCounterSection, loadedCounterSection, type BootAnswers } from './boot';

/**
 * A section loaded when first opened. The supervisor's and the administrator's first sections
 * (above: Colas, Inicio) are in the app's own file so that they show without a second load; the
 * others (the dashboard's charts, the password forms' common-passwords list…) would otherwise be
 * parsed and run on every start. Atención, the clerk's first section, is loaded too (its intake
 * brings the passport reader, MRZ and the contract's zod schemas: a third of the app's code),
 * but its load starts as soon as a clerk's session is known or expected (loadCounterSection).
 */
function later<P extends object>(load: () => Promise<Record<string, ComponentType<P>>>, name: string): ComponentType<P> {
  return lazy(() => load().then((m) => ({ default: m[name]! })));
}
const AccountScreen = later<Parameters<typeof import('../accounts/AccountScreen').AccountScreen>[0]>(() => import('../accounts/AccountScreen'), 'AccountScreen');
const SecurityScreen = later(() => import('../security/SecurityScreen'), 'SecurityScreen');
const UsersScreen = later<Parameters<typeof import('../accounts/UsersScreen').UsersScreen>[0]>(() => import('../accounts/UsersScreen'), 'UsersScreen');
const RequestsScreen = later(() => import('../counter/RequestsScreen'), 'RequestsScreen');
const OperationsScreen = later(() => import('../ops/OperationsScreen'), 'OperationsScreen');
const DashboardScreen = later(() => import('../supervisor/DashboardScreen'), 'DashboardScreen');
const EndOfDayScreen = later(() => import('../supervisor/EndOfDayScreen'), 'EndOfDayScreen');
const SearchScreen = later(() => import('../supervisor/SearchScreen'), 'SearchScreen');
const EnrolmentScreen = later(() => import('../sync/EnrolmentScreen'), 'EnrolmentScreen');
const SyncScreen = later(() => import('../sync/SyncScreen'), 'SyncScreen');
const CounterSection = later(loadCounterSection, 'CounterSection');

interface Section {
  label: string;
  icon: ReactNode;
  render(props: Props): ReactNode;
}

const SECTIONS = {
  inicio: { label: 'Inicio', icon: <HomeIcon />, render: () => <HomeScreen /> },
  atencion: {
    label: 'Atención',
    icon: <HowToRegIcon />,
    // Drawn at once when its code is in (a clerk's frame waits for it, App.tsx); loaded on first use otherwise.
    render: () => {
      const loaded = loadedCounterSection();
      return loaded ? <loaded.CounterSection /> : <CounterSection />;
    },
  },
  colas: { label: 'Colas de trabajo', icon: <InboxIcon />, render: () => <QueuesScreen /> },
  busqueda: { label: 'Buscar', icon: <SearchIcon />, render: () => <SearchScreen /> },
  tablero: { label: 'Tablero', icon: <InsightsIcon />, render: () => <DashboardScreen /> },
  cierre: { label: 'Cierre del día', icon: <EventAvailableIcon />, render: () => <EndOfDayScreen /> },
  solicitudes: { label: 'Solicitudes', icon: <ListAltIcon />, render: () => <RequestsScreen /> },
  usuarios: { label: 'Usuarios', icon: <PeopleIcon />, render: (p) => <UsersScreen self={p.session.user} /> },
  seguridad: { label: 'Seguridad y auditoría', icon: <SecurityIcon />, render: () => <SecurityScreen /> },
  operacion: { label: 'Operación', icon: <BuildCircleIcon />, render: () => <OperationsScreen /> },
  enrolamiento: { label: 'Enrolamiento con el IESS', icon: <CloudSyncIcon />, render: () => <EnrolmentScreen /> },
  sincronizacion: { label: 'Sincronización', icon: <SyncIcon />, render: () => <SyncScreen /> },
  cuenta: { label: 'Mi cuenta', icon: <ManageAccountsIcon />, render: (p) => <AccountScreen session={p.session} onSessionChange={p.onSessionChange} /> },
} satisfies Record<string, Section>;
type SectionId = keyof typeof SECTIONS;

/**
 * What each role sees, in order: the first is where the role works (it opens at login) and the
 * order gives the Alt+N shortcuts. Roles are enforced by the core; this only spares people
 * screens they cannot use.
 */
const NAV: Record<UserRole, SectionId[]> = {
  ventanillero: ['atencion', 'solicitudes', 'sincronizacion', 'cuenta'],
  supervisor: ['colas', 'busqueda', 'tablero', 'cierre', 'atencion', 'solicitudes', 'sincronizacion', 'cuenta'],
  administrador: ['inicio', 'usuarios', 'seguridad', 'operacion', 'enrolamiento', 'sincronizacion', 'cuenta'],
};

/** Each role's first section's first read, started before the frame is drawn (see App). */
const FIRST_READS: Partial<Record<UserRole, (client: QueryClient, boot: BootAnswers | null) => void>> = {
  supervisor: prefetchQueues,
  ventanillero: () => void loadCounterSection(),
};

/**
 * Starts the first read of the section a role lands on, as soon as the session is known, or
 * puts in place the one the start already made with the session (app/boot.ts).
 */
export function prefetchFirstSection(client: QueryClient, role: UserRole, boot: BootAnswers | null): void {
  FIRST_READS[role]?.(client, boot);
}

const DRAWER_WIDTH = 240;

/**
 * The sections' list as plain elements styled once here: what MUI's permanent Drawer, List,
 * ListItemButton, ListItemIcon and ListItemText look like (@mui/material ButtonBase.js,
 * ListItemButton.js, ListItemIcon.js, ListItemText.js), without their seven styled components
 * per section, which drawing the frame paid on every start before the first screen's rows.
 * Each section is a native button: Enter and Space open it, as before.
 */
const NAV_SX = (theme: Theme): SystemStyleObject<Theme> => ({
  width: DRAWER_WIDTH,
  flexShrink: 0,
  overflowY: 'auto',
  boxSizing: 'border-box',
  backgroundColor: theme.palette.background.paper,
  color: theme.palette.text.primary,
  borderRight: `1px solid ${theme.palette.divider}`,
  '& .vp-nav': { listStyle: 'none', margin: 0, padding: '8px 0', position: 'relative' },
  '& .vp-nav > li': { display: 'flex', width: '100%', boxSizing: 'border-box' },
  '& .vp-nav-item': {
    display: 'flex',
    flexGrow: 1,
    justifyContent: 'flex-start',
    alignItems: 'center',
    position: 'relative',
    boxSizing: 'border-box',
    minWidth: 0,
    textAlign: 'left',
    padding: '8px 16px',
    border: 0,
    margin: 0,
    borderRadius: 0,
    outline: 0,
    backgroundColor: 'transparent',
    color: 'inherit',
    font: 'inherit',
    cursor: 'pointer',
    userSelect: 'none',
    WebkitTapHighlightColor: 'transparent',
    transition: theme.transitions.create('background-color', { duration: theme.transitions.duration.shortest }),
    '&:hover': { backgroundColor: theme.palette.action.hover },
    '&:focus-visible': { backgroundColor: theme.palette.action.focus },
    '&[aria-current="page"]': {
      backgroundColor: theme.alpha(theme.palette.primary.main, theme.palette.action.selectedOpacity),
      '&:hover': { backgroundColor: theme.alpha(theme.palette.primary.main, theme.palette.action.selectedOpacity + theme.palette.action.hoverOpacity) },
      '&:focus-visible': { backgroundColor: theme.alpha(theme.palette.primary.main, theme.palette.action.selectedOpacity + theme.palette.action.focusOpacity) },
    },
  },
  '& .vp-nav-icon': { minWidth: theme.spacing(4.5), color: theme.palette.action.active, flexShrink: 0, display: 'inline-flex' },
  '& .vp-nav-text': { flex: '1 1 auto', minWidth: 0, margin: '6px 0' },
  '& .vp-nav-label': { ...theme.typography.body1, display: 'block' },
  '& .vp-nav-keys': { ...theme.typography.body2, display: 'block', color: theme.palette.text.secondary },
});

interface Props {
  session: SessionInfo;
  info: CallOutput<'system.info'>;
  onLogout(): void;
  onSessionChange(session: SessionInfo): void;
}

export function AppFrame(props: Props) {
  const { session, info, onLogout } = props;
  const user = session.user;
  const sections = useMemo(() => NAV[user.role].map((id) => ({ id, ...SECTIONS[id] })), [user.role]);
  const [current, setCurrent] = useState(sections[0]!.id);
  // Choosing the section already shown takes it back to its start (Atención leaves an open request
  // for the day's turnos, its drafts saved as on any way out): a new visit remounts the section.
  const [visit, setVisit] = useState(0);
  const go = useCallback(
    (id: SectionId) => {
      if (id === current) setVisit((v) => v + 1);
      else setCurrent(id);
    },
    [current],
  );
  const mainRef = useRef<HTMLElement>(null);

  // Alt+1…9 jumps to a section: the clerk's hands stay on the keyboard.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const index = Number(e.key) - 1;
      const target = sections[index];
      if (Number.isInteger(index) && target) {
        e.preventDefault();
        go(target.id);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [sections, go]);

  // Move focus to the new section's heading so screen readers and Tab start there.
  // A section loaded on first use has no heading yet, and React inserts it hidden (display: none,
  // which cannot take focus) until the whole section is ready: focus goes to it once it can.
  useEffect(() => {
    const main = mainRef.current;
    if (!main) return;
    const focusHeading = () => {
      const h1 = main.querySelector<HTMLElement>('h1');
      h1?.focus();
      return h1 !== null && document.activeElement === h1;
    };
    if (focusHeading()) return;
    const watch = new MutationObserver(() => focusHeading() && watch.disconnect());
    watch.observe(main, { childList: true, subtree: true, attributes: true, attributeFilter: ['style'] });
    return () => watch.disconnect();
  }, [current, visit]);

  const section = sections.find((s) => s.id === current) ?? sections[0]!;
  return (
    <Box sx={{ display: 'flex', height: '100vh', flexDirection: 'column' }}>
      <a href={`#${MAIN_ID}`} className="skip-link" style={{ position: 'absolute', left: -9999 }} onFocus={(e) => (e.currentTarget.style.left = '8px')} onBlur={(e) => (e.currentTarget.style.left = '-9999px')}>
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
        <Box sx={NAV_SX}>
          <nav aria-label="Secciones">
            <ul className="vp-nav">
              {sections.map((s, i) => (
                <li key={s.id}>
                  <button type="button" className="vp-nav-item" onClick={() => go(s.id)} aria-current={s.id === section.id ? 'page' : undefined}>
                    <span className="vp-nav-icon">{s.icon}</span>
                    <span className="vp-nav-text">
                      <span className="vp-nav-label">{s.label}</span>
                      <span className="vp-nav-keys">Alt+{i + 1}</span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
        </Box>
        <Box component="main" id={MAIN_ID} ref={mainRef} sx={{ flex: 1, overflow: 'auto', p: 3 }}>
          <Suspense fallback={<CircularProgress aria-label="Cargando" />}>
            <Fragment key={`${section.id}:${visit}`}>{section.render(props)}</Fragment>
          </Suspense>
        </Box>
      </Box>
      <StatusBar appVersion={info.appVersion} />
    </Box>
  );
}
