import { Test, TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { CoreModule } from '../../src/app/core.module';
import { Accounts, LedgerService } from '../../src/modules/payments/ledger/ledger.service';
import { PaymentsModule } from '../../src/modules/payments/payments.module';
import { createTestDatabase, TestDatabase } from '../utils/test-database';
import { useTestEnvironment } from '../utils/test-env';

describe('the ledger', () => {
  let db: TestDatabase;
  let module: TestingModule;
  let ledger: LedgerService;
  let ds: DataSource;

  beforeAll(async () => {
    db = await createTestDatabase();
    useTestEnvironment(db);
    module = await Test.createTestingModule({ imports: [CoreModule, PaymentsModule] }).compile();
    await module.init();
    ledger = module.get(LedgerService);
    ds = module.get(DataSource);
  });

  afterAll(async () => {
    await module?.close();
    await db?.drop();
  });

  it('refuses a journal that does not balance, and posts a journal once', async () => {
    await expect(
      ds.transaction((em) =>
        ledger.post(em, 'bad', 'x', [
          { account: Accounts.cash, amountFen: 100 },
          { account: Accounts.commission, amountFen: -99 },
        ]),
      ),
    ).rejects.toThrow(/does not balance/);

    const legs = [
      { account: Accounts.cash, amountFen: 1000 },
      { account: Accounts.held('s1'), amountFen: -950 },
      { account: Accounts.commission, amountFen: -50 },
    ];
    expect(await ds.transaction((em) => ledger.post(em, 'order-paid:o1', 'paid', legs))).toBe(true);
    expect(await ds.transaction((em) => ledger.post(em, 'order-paid:o1', 'paid', legs))).toBe(false);
    expect(await ledger.balance(Accounts.held('s1'))).toBe(-950);
    expect(await ledger.trialBalance()).toBe(0);
  });
});
