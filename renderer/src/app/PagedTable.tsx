// The one list-of-records table of the app (requests, search results, queues, users, sync items
// and conflicts): columns as data, the error of the read above it, a row saying the list is
// empty, rows that open with a click or Enter, and "Cargar más" while the core has more pages.
// MUI X Data Grid was weighed and left out: its virtualised rows are not all in the DOM nor in
// the accessibility tree, which the keyboard flow (Tab through rows, Enter, Space) relies on.
// The body's rows and cells are plain <tr>/<td> styled once by the table (bodySx below), not one
// MUI TableRow/TableCell each: 50 rows of 6 styled cells were 300 style computations per render,
// most of the queue screen's first paint (test/bench/supervisor.ts, queue screen metric).
import { Alert, Button, Paper, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, type SxProps, type Theme } from '@mui/material';
import type { SystemStyleObject } from '@mui/system';
import { useEffect, useRef, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import type { RowList } from '../api/useCall';
import { usePainted } from './paint';

/**
 * Rows drawn in a table's first frame; the rest follow in the next one (app/paint.ts). A page is
 * 50 rows and about a dozen fit a 768-pixel screen: the ones below the fold need not hold up the
 * frame that shows the first.
 */
export const FIRST_FRAME_ROWS = 20;

export interface Column<R> {
  header: ReactNode;
  /** React key of the column; the header when it is a string. */
  id?: string;
  cell(row: R, index: number): ReactNode;
  align?: 'left' | 'right';
  padding?: 'checkbox';
  /** Applied to the column's header and body cells (width, font). */
  sx?: SystemStyleObject<Theme>;
  /** Applied to body cells only. */
  cellSx?: SystemStyleObject<Theme>;
  /** Full text on hover for a cell that may be cut short. */
  title?(row: R): string | undefined;
  /** A cell holding its own controls: clicking it does not open the row. */
  control?: boolean;
}

export type TableSx = SystemStyleObject<Theme> | ((theme: Theme) => SystemStyleObject<Theme>);

export interface PagedTableProps<R> {
  /** The table's accessible name (what screen readers and the tests find it by). */
  label: string;
  list: RowList<R>;
  /** Absent entries are columns hidden in this state of the screen. */
  columns: readonly (Column<R> | false | null | undefined)[];
  rowKey(row: R): string | number;
  /** The line shown in the table once the list has come back empty. */
  empty?: ReactNode;
  /** Rows become focusable: a click or Enter opens them. */
  onOpen?(row: R): void;
  /** Keys other than Enter on a row (Space to select, in the queues). */
  onRowKeyDown?(e: KeyboardEvent<HTMLTableRowElement>, row: R): void;
  rowLabel?(row: R): string;
  rowSelected?(row: R): boolean;
  /** A row's own look (e.g. dimmed when done): inline, as it differs row by row. */
  rowStyle?(row: R): CSSProperties;
  /** 'outlined' stands alone on the page; 'plain' sits inside a panel that already has a frame. */
  frame?: 'outlined' | 'plain';
  stickyHeader?: boolean;
  containerSx?: SxProps<Theme>;
  /** Applied to the table; may style classes the cells use (one style sheet for all rows). */
  tableSx?: TableSx;
  /**
   * The row to give focus back to (the one the person opened and came back from); when it is
   * gone (approved, moved to another queue), the row now at its place.
   */
  returnFocus?: { key: string | number; index: number } | null;
}

/**
 * What MUI's TableRow (hover, selected) and small body TableCell look like (@mui/material
 * TableRow.js, TableCell.js), as one style for the whole body, and each column's own styles by
 * its position.
 */
function bodySx<R>(columns: Column<R>[], table: TableSx | undefined): SxProps<Theme> {
  const perColumn: Record<string, SystemStyleObject<Theme>> = {};
  columns.forEach((c, i) => {
    if (c.sx || c.cellSx) perColumn[`& > tbody > tr.vp-row > td:nth-of-type(${i + 1})`] = { ...c.sx, ...c.cellSx };
  });
  return [
    (theme) => ({
      '& > tbody > tr': { color: 'inherit', display: 'table-row', verticalAlign: 'middle', outline: 0 },
      '& > tbody > tr.vp-hover:hover': { backgroundColor: theme.palette.action.hover },
      '& > tbody > tr.vp-selected': {
        backgroundColor: theme.alpha(theme.palette.primary.main, theme.palette.action.selectedOpacity),
        '&:hover': { backgroundColor: theme.alpha(theme.palette.primary.main, theme.palette.action.selectedOpacity + theme.palette.action.hoverOpacity) },
      },
      '& > tbody > tr > td': {
        ...theme.typography.body2,
        display: 'table-cell',
        verticalAlign: 'inherit',
        borderBottom: `1px solid ${theme.lighten(theme.alpha(theme.palette.divider, 1), 0.88)}`,
        textAlign: 'left',
        padding: '6px 16px',
        color: theme.palette.text.primary,
      },
      '& > tbody > tr > td.vp-right': { textAlign: 'right', flexDirection: 'row-reverse' },
      '& > tbody > tr > td.vp-checkbox': { width: 24, padding: '0 12px 0 16px', '& > *': { padding: 0 } },
    }),
    perColumn,
    table ?? {},
  ];
}

export function PagedTable<R>(p: PagedTableProps<R>) {
  const columns = p.columns.filter((c): c is Column<R> => Boolean(c));
  const { list, onOpen } = p;
  const container = p.frame === 'plain' ? { component: 'div' as const } : { component: Paper, variant: 'outlined' as const };
  const body = useRef<HTMLTableSectionElement>(null);
  const { returnFocus } = p;
  const painted = usePainted();
  const rows = painted ? list.rows : list.rows.slice(0, FIRST_FRAME_ROWS);
  useEffect(() => {
    // Only while nothing else has focus: the list refreshing must not pull focus from where the
    // person has moved it since; a row that vanished leaves focus on the page, so it comes back.
    // Once every row is drawn: the one to focus may be below the first frame's.
    if (!painted || !returnFocus || !body.current || (document.activeElement && document.activeElement !== document.body)) return;
    const drawn = Array.from(body.current.querySelectorAll<HTMLElement>(':scope > tr[data-row-key]'));
    const target = drawn.find((r) => r.dataset.rowKey === String(returnFocus.key)) ?? drawn[Math.min(returnFocus.index, drawn.length - 1)];
    target?.focus();
  }, [returnFocus, list.rows, painted]);
  return (
    <>
      {list.error && <Alert severity="error">{list.error.message}</Alert>}
      {/* Focusable, so a table wider than the screen scrolls by keyboard too (axe scrollable-region-focusable). */}
      <TableContainer {...container} sx={p.containerSx} tabIndex={0} role="region" aria-label={`${p.label} (tabla)`}>
        <Table size="small" stickyHeader={p.stickyHeader} aria-label={p.label} aria-busy={list.busy} sx={bodySx(columns, p.tableSx)}>
          <TableHead>
            <TableRow>
              {columns.map((c, i) => (
                <TableCell key={c.id ?? (typeof c.header === 'string' ? c.header : i)} align={c.align} padding={c.padding} sx={c.sx}>
                  {c.header}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody ref={body}>
            {rows.map((row, n) => (
              <tr
                key={p.rowKey(row)}
                data-row-key={p.rowKey(row)}
                className={p.rowSelected?.(row) ? 'vp-row vp-hover vp-selected' : 'vp-row vp-hover'}
                aria-label={p.rowLabel?.(row)}
                style={onOpen ? { cursor: 'pointer', ...p.rowStyle?.(row) } : p.rowStyle?.(row)}
                {...(onOpen
                  ? {
                      tabIndex: 0,
                      onClick: () => onOpen(row),
                      onKeyDown: (e: KeyboardEvent<HTMLTableRowElement>) => {
                        if (e.key === 'Enter') onOpen(row);
                        p.onRowKeyDown?.(e, row);
                      },
                    }
                  : {})}
              >
                {columns.map((c, i) => (
                  <td
                    key={c.id ?? (typeof c.header === 'string' ? c.header : i)}
                    className={c.padding === 'checkbox' ? 'vp-checkbox' : c.align === 'right' ? 'vp-right' : undefined}
                    title={c.title?.(row)}
                    onClick={c.control ? (e) => e.stopPropagation() : undefined}
                  >
                    {c.cell(row, n)}
                  </td>
                ))}
              </tr>
            ))}
            {p.empty !== undefined && list.loaded && list.rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={columns.length}>{p.empty}</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </TableContainer>
      {list.more && (
        <Button sx={{ mt: 1 }} variant="outlined" onClick={list.more.load} disabled={list.more.loading}>
          Cargar más
        </Button>
      )}
    </>
  );
}
