import { DomainError } from './errors/domain-error';

/**
 * A lifecycle's transition table, checked on every write: `can` answers, `assert` refuses a
 * move the table does not list with a 409 `code` naming both statuses.
 */
export function transitionTable<S extends string>(
  noun: string,
  code: string,
  transitions: Record<S, readonly S[]>,
): { can: (from: S, to: S) => boolean; assert: (from: S, to: S) => void } {
  const can = (from: S, to: S) => transitions[from].includes(to);
  const assert = (from: S, to: S) => {
    if (!can(from, to)) throw new DomainError('conflict', code, `A ${from} ${noun} cannot become ${to}`, { from, to });
  };
  return { can, assert };
}
