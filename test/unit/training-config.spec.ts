import { AppConfig } from '../../src/config/app-config';

describe('training configuration', () => {
  it('sweeps the training timers every 60 seconds unless set, and refuses a sweep of 0', () => {
    expect(AppConfig.fromEnv({}).training.timerSweepSeconds).toBe(60);
    expect(AppConfig.fromEnv({ TRAINING_TIMER_SWEEP_SECONDS: '5' }).training.timerSweepSeconds).toBe(5);
    expect(() => AppConfig.fromEnv({ TRAINING_TIMER_SWEEP_SECONDS: '0' })).toThrow(/TRAINING_TIMER_SWEEP_SECONDS/);
  });
});
