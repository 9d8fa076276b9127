import type { BuiltinAssignment } from './assignments';
import { ATTENDED, type AttendanceMark } from './enrollment-state';

/** What the rule reads for one enrolled trainee (docs/training.md, "Finishing and certificates"). */
export interface CertificateRuleInput {
  /** The cohort's rule: sessions attended at least this many, and these built-in assignments done. */
  minSessionsAttended: number;
  requiredAssignments: readonly BuiltinAssignment[];
  /** The trainer's own assignments marked `required`. */
  requiredCustom: readonly { id: string; title: string }[];
  /** This cohort's sessions: a mark for any other session does not count. */
  sessionIds: readonly string[];
  /** The trainee's attendance marks. */
  marks: readonly { sessionId: string; mark: AttendanceMark }[];
  /** What the trainee completed: built-in keys and custom assignment ids. */
  completed: readonly string[];
}

export type Shortfall =
  | { kind: 'sessions'; attended: number; required: number }
  | { kind: 'assignment'; assignment: BuiltinAssignment }
  | { kind: 'custom_assignment'; assignmentId: string; title: string };

export interface CertificateVerdict {
  completed: boolean;
  /** Sessions of this cohort marked present or late. */
  attended: number;
  /** Why not, one entry per unmet part of the rule (empty when completed). */
  shortfalls: Shortfall[];
}

/**
 * Decides whether an enrolled trainee completed the cohort. Pure, so the finish preview and
 * finishing itself decide alike, and every part of the rule is unit-tested.
 */
export function judgeCertificate(input: CertificateRuleInput): CertificateVerdict {
  const sessions = new Set(input.sessionIds);
  const attendedSessions = new Set(
    input.marks.filter((m) => sessions.has(m.sessionId) && ATTENDED.includes(m.mark)).map((m) => m.sessionId),
  );
  const attended = attendedSessions.size;
  const done = new Set(input.completed);
  const shortfalls: Shortfall[] = [];
  if (attended < input.minSessionsAttended) {
    shortfalls.push({ kind: 'sessions', attended, required: input.minSessionsAttended });
  }
  for (const assignment of input.requiredAssignments) {
    if (!done.has(assignment)) shortfalls.push({ kind: 'assignment', assignment });
  }
  for (const custom of input.requiredCustom) {
    if (!done.has(custom.id))
      shortfalls.push({ kind: 'custom_assignment', assignmentId: custom.id, title: custom.title });
  }
  return { completed: shortfalls.length === 0, attended, shortfalls };
}
