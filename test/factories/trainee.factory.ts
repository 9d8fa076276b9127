import { DataSource } from 'typeorm';
import { TokenService } from '../../src/modules/auth/token.service';
import { Auth, bearer, Marketplace } from '../utils/marketplace';

/** A trainee made by `trainees`: their user id and their signed-in header. */
export interface Trainee {
  id: string;
  auth: Auth;
}

/** Numbers handed out so far in this test file (each file has its own database). */
let phoneSerial = 0;

/**
 * `n` phone-only accounts made straight in the database and signed in (an auth session and an
 * access token, as a code login leaves them): fast enough for a race of a hundred. How an
 * account is made and signed in is the auth suites' to test, not the training suites'.
 */
export async function trainees(market: Pick<Marketplace, 'api'>, n: number): Promise<Trainee[]> {
  const ds = market.api.app.get(DataSource);
  const tokens = market.api.app.get(TokenService);
  const made: Trainee[] = [];
  for (let i = 0; i < n; i++) {
    const phone = `+86136${String(phoneSerial++).padStart(8, '0')}`;
    const [{ id }] = await ds.query(`INSERT INTO users (phone) VALUES ($1) RETURNING id`, [phone]);
    const [{ id: sid }] = await ds.query(`INSERT INTO auth_sessions (user_id) VALUES ($1) RETURNING id`, [id]);
    made.push({ id, auth: bearer(await tokens.signAccess({ sub: id, sid })) });
  }
  return made;
}
