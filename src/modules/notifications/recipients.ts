import { DomainError } from '../../common/errors/domain-error';
import type { User } from '../users/entities/user.entity';
import type { UsersService } from '../users/users.service';

/** The user, or null when the account is gone: a notification for nobody is dropped, not retried. */
export async function findRecipient(users: UsersService, userId: string): Promise<User | null> {
  try {
    return await users.getById(userId);
  } catch (error) {
    if (error instanceof DomainError && error.kind === 'not_found') return null;
    throw error;
  }
}
