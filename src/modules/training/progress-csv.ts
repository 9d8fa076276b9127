import type { Fen } from '../../common/money';
import type { CohortAssignmentView } from './assignments.service';
import type { EnrollmentStatus } from './enrollment-state';
import type { ProgressBoard } from './progress.service';

/** Excel reads a UTF-8 file as UTF-8 (Chinese names intact) only when it starts with this. */
const BOM = '\uFEFF';
/** RFC 4180 ends records with CRLF. */
const EOL = '\r\n';

export interface ProgressCsvLabels {
  columns: Record<
    'name' | 'status' | 'attended' | 'sessionsHeld' | 'gmvYuan' | 'firstSaleDate' | 'trainerActions',
    string
  >;
  assignment: (assignment: CohortAssignmentView) => string;
  status: (status: EnrollmentStatus) => string;
}

/** The API's CSV: stable column names a script can rely on. */
export const API_CSV_LABELS: ProgressCsvLabels = {
  columns: {
    name: 'name',
    status: 'status',
    attended: 'attended',
    sessionsHeld: 'sessions_held',
    gmvYuan: 'gmv_yuan',
    firstSaleDate: 'first_sale_date',
    trainerActions: 'trainer_actions',
  },
  assignment: (a) => (a.kind === 'builtin' ? a.key : `custom:${a.title ?? a.key}`),
  status: (s) => s,
};

/**
 * The progress board as CSV: one row per trainee; each assignment's column holds the date it
 * was done (Beijing time) or nothing; amounts in yuan with two decimals.
 */
export function progressCsv(board: ProgressBoard, labels: ProgressCsvLabels = API_CSV_LABELS): string {
  const c = labels.columns;
  const header = [
    c.name,
    c.status,
    c.attended,
    c.sessionsHeld,
    ...board.assignments.map(labels.assignment),
    c.gmvYuan,
    c.firstSaleDate,
    c.trainerActions,
  ];
  const rows = board.trainees.map((t) => [
    t.name,
    labels.status(t.enrollment.status),
    String(t.attended),
    String(board.sessionsHeld),
    ...t.assignments.map((a) => (a.completion ? beijingDate(a.completion.completedAt) : '')),
    yuan(t.gmvFen),
    t.firstSaleAt ? beijingDate(t.firstSaleAt) : '',
    String(t.trainerActions.length),
  ]);
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(',')).join(EOL) + EOL;
}

/**
 * One field: a text a spreadsheet would run as a formula (= + - @, or a leading tab or CR)
 * gets a leading apostrophe (OWASP's CSV injection advice); a field with a comma, a quote or
 * a line break is quoted, its quotes doubled (RFC 4180).
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** `1234.50` from 123450 fen, integers only. */
export function yuan(fen: Fen): string {
  return `${Math.trunc(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
}

const BEIJING_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `2026-07-01`, the day in Beijing. */
export function beijingDate(at: Date): string {
  return BEIJING_DAY.format(at);
}
