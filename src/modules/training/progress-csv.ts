import { stringify } from 'csv-stringify/sync';
import { yuanDecimal } from '../../common/money';
import type { CohortAssignmentView } from './assignments.service';
import type { EnrollmentStatus } from './enrollment-state';
import type { ProgressBoard } from './progress.service';

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
    yuanDecimal(t.gmvFen),
    t.firstSaleAt ? beijingDate(t.firstSaleAt) : '',
    String(t.trainerActions.length),
  ]);
  // A BOM so Excel reads the UTF-8 (Chinese names intact); CRLF records as RFC 4180 has them.
  return stringify(
    [header, ...rows].map((row) => row.map(formulaSafe)),
    { bom: true, record_delimiter: 'windows' },
  );
}

/**
 * A text a spreadsheet would run as a formula (= + - @, or a leading tab or CR) gets a leading
 * apostrophe, as OWASP's CSV-injection advice has it; quoting is csv-stringify's.
 */
export function formulaSafe(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
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
