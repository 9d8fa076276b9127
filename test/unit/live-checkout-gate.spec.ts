import { AppConfig } from '../../src/config/app-config';
import { LiveCheckoutGate } from '../../src/modules/orders/live-checkout-gate.service';

describe('the live checkout gate', () => {
  const gate = new LiveCheckoutGate(AppConfig.fromEnv({ LIVE_CHECKOUT_CONCURRENCY: '2' }));

  it('lets at most LIVE_CHECKOUT_CONCURRENCY checkouts of a session run at once, each in turn, and others freely', async () => {
    let running = 0;
    let most = 0;
    const release: Array<() => void> = [];
    const work = () =>
      new Promise<number>((resolve) => {
        running += 1;
        most = Math.max(most, running);
        release.push(() => {
          running -= 1;
          resolve(running);
        });
      });
    const burst = Array.from({ length: 5 }, () => gate.run('session-a', work));
    const other = gate.run('session-b', async () => 'b');
    await expect(other).resolves.toBe('b');
    for (let turn = 0; turn < 5; turn++) {
      while (release.length === 0) await new Promise((r) => setImmediate(r));
      expect(running).toBeLessThanOrEqual(2);
      release.shift()!();
    }
    await Promise.all(burst);
    expect(most).toBe(2);
  });

  it('frees its turn when the checkout fails', async () => {
    const failing = Array.from({ length: 3 }, () =>
      gate.run('session-c', async () => {
        throw new Error('refused');
      }),
    );
    await Promise.allSettled(failing);
    await expect(gate.run('session-c', async () => 'after')).resolves.toBe('after');
  });
});
