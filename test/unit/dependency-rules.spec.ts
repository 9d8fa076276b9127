import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';

const REPO = resolve(__dirname, '..', '..');
const DEPCRUISE = join(REPO, 'node_modules', '.bin', 'depcruise');
const CONFIG = join(REPO, '.dependency-cruiser.cjs');

interface Violation {
  rule: string;
  from: string;
  to: string;
}

/**
 * A small tree shaped like Furrow's src/, checked with the repository's own rules and the
 * reporter `npm run lint` uses: its exit code, and its `error <rule>: <from> → <to>` lines (a
 * cycle continues on the next lines; its first step is kept).
 */
async function cruise(
  files: Record<string, string>,
): Promise<{ exitCode: number; violations: Violation[]; stderr: string }> {
  const root = mkdtempSync(join(tmpdir(), 'furrow-depcruise-'));
  try {
    writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'commonjs' } }));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const run = promisify(execFile)(DEPCRUISE, ['src', '--config', CONFIG, '--output-type', 'err'], { cwd: root });
    const { stdout, stderr, exitCode } = await run.then(
      (done) => ({ ...done, exitCode: 0 }),
      (failed: { stdout: string; stderr: string; code: number }) => ({ ...failed, exitCode: failed.code }),
    );
    const violations = [...stdout.matchAll(/^ *error (\S+): (\S+) →\s+(\S+)/gm)].map(([, rule, from, to]) => ({
      rule,
      from,
      to,
    }));
    return { exitCode, violations, stderr };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const service = (name: string, imports: string[] = []) =>
  `${imports.map((i) => `import '${i}';`).join('\n')}\nexport class ${name} {}\n`;

/** A well-layered tree: users (L1) ← orders (L4) ← logistics (L5), each through the other's module file. */
const CLEAN: Record<string, string> = {
  'src/queue/event-map.ts': 'export const EVENT_TYPES = [] as const;\n',
  'src/modules/users/users.service.ts': service('UsersService', ['../../queue/event-map']),
  'src/modules/users/entities/user.entity.ts': 'export class User {}\n',
  'src/modules/users/users.module.ts':
    "import { UsersService } from './users.service';\n@Module({ exports: [UsersService] })\nexport class UsersModule {}\n",
  'src/modules/orders/orders.repository.ts': service('OrdersRepository', ['../users/entities/user.entity']),
  'src/modules/orders/order-lifecycle.ts': service('OrderLifecycle', ['./orders.repository']),
  'src/modules/orders/orders.service.ts': service('OrdersService', ['./order-lifecycle', '../users/users.service']),
  'src/modules/orders/orders.module.ts': [
    "import { OrdersService } from './orders.service';",
    "import { OrderLifecycle } from './order-lifecycle';",
    "import { OrdersRepository } from './orders.repository';",
    'const INTERNAL_PROVIDERS = [OrderLifecycle, OrdersRepository];',
    '@Module({ exports: [OrdersService, ...INTERNAL_PROVIDERS] })',
    'export class OrdersModule {}',
    '',
  ].join('\n'),
  'src/modules/orders/orders.controller.ts': service('OrdersController', ['./orders.service']),
  'src/modules/orders/orders.http.module.ts': service('OrdersHttpModule', ['./orders.controller', './orders.module']),
  'src/modules/logistics/shipments.service.ts': service('ShipmentsService', ['../orders/orders.service']),
  'src/modules/logistics/logistics.module.ts': service('LogisticsModule', ['../orders/orders.module']),
  'src/app/api.module.ts': service('ApiModule', ['../modules/orders/orders.http.module']),
  'src/main.ts': "import './app/api.module';\n",
};

describe('the dependency rules (npm run lint) catch what DESIGN.md §2 forbids', () => {
  it('passes a tree that keeps the rules', async () => {
    expect(await cruise(CLEAN)).toMatchObject({ exitCode: 0, violations: [] });
  });

  it('fails on each kind of violation, naming the rule and both files', async () => {
    const { exitCode, violations } = await cruise({
      ...CLEAN,
      // L0 knowing a module
      'src/queue/event-map.ts': service('X', ['../modules/orders/orders.service']),
      // a lower level importing a higher one, and a same-level import
      'src/modules/users/users.service.ts': service('UsersService', ['../orders/orders.module']),
      'src/modules/catalog/catalog.service.ts': service('CatalogService', ['../payments/payments.service']),
      'src/modules/payments/payments.service.ts': service('PaymentsService'),
      'src/modules/payments/payments.module.ts':
        "import { PaymentsService } from './payments.service';\n@Module({ exports: [PaymentsService] })\nexport class PaymentsModule {}\n",
      // logistics reaching into orders' internals and its repository
      'src/modules/logistics/shipments.service.ts': service('ShipmentsService', [
        '../orders/order-lifecycle',
        '../orders/orders.repository',
      ]),
      // somebody importing notifications
      'src/modules/notifications/notifications.module.ts': service('NotificationsModule'),
      'src/modules/logistics/tracking.service.ts': service('Tracking', ['../notifications/notifications.module']),
      // a cycle inside a module
      'src/modules/orders/pricing.ts': service('Pricing', ['./totals']),
      'src/modules/orders/totals.ts': service('Totals', ['./pricing']),
      // a controller with its own queries
      'src/modules/orders/orders.controller.ts': service('OrdersController', [
        './orders.service',
        './orders.repository',
      ]),
      // a controller loaded outside an http module
      'src/modules/orders/orders.module.ts':
        CLEAN['src/modules/orders/orders.module.ts'] + "import './orders.controller';\n",
      // the Stripe SDK outside payments/stripe/
      'node_modules/stripe/package.json': '{ "name": "stripe", "main": "index.js" }',
      'node_modules/stripe/index.js': 'module.exports = {};\n',
      'src/modules/orders/checkout.service.ts': "import 'stripe';\nexport class CheckoutService {}\n",
      // an entry point importing a module directly
      'src/main.ts': "import './app/api.module';\nimport './modules/orders/orders.service';\n",
    });

    expect(exitCode).not.toBe(0);
    const found = (rule: string, from: string, to: string) =>
      expect(violations).toContainEqual({ rule, from: `src/${from}`, to: `src/${to}` });
    found('infrastructure-knows-no-domain', 'queue/event-map.ts', 'modules/orders/orders.service.ts');
    found('level-users', 'modules/users/users.service.ts', 'modules/orders/orders.module.ts');
    found('level-catalog', 'modules/catalog/catalog.service.ts', 'modules/payments/payments.service.ts');
    found('only-the-public-surface', 'modules/logistics/shipments.service.ts', 'modules/orders/order-lifecycle.ts');
    found('only-the-public-surface', 'modules/logistics/shipments.service.ts', 'modules/orders/orders.repository.ts');
    found('repositories-stay-home', 'modules/logistics/shipments.service.ts', 'modules/orders/orders.repository.ts');
    found(
      'nobody-imports-notifications-or-health',
      'modules/logistics/tracking.service.ts',
      'modules/notifications/notifications.module.ts',
    );
    found('no-circular', 'modules/orders/pricing.ts', 'modules/orders/totals.ts');
    found('controllers-call-services', 'modules/orders/orders.controller.ts', 'modules/orders/orders.repository.ts');
    found('controllers-only-in-http-modules', 'modules/orders/orders.module.ts', 'modules/orders/orders.controller.ts');
    found('entry-points-start-what-app-composes', 'main.ts', 'modules/orders/orders.service.ts');
    expect(violations).toContainEqual({
      rule: 'stripe-sdk-stays-in-payments-stripe',
      from: 'src/modules/orders/checkout.service.ts',
      to: 'node_modules/stripe/index.js',
    });
  });

  it('refuses a module folder that is on no level', async () => {
    const { exitCode, stderr } = await cruise({ ...CLEAN, 'src/modules/weather/weather.service.ts': service('W') });
    expect(exitCode).not.toBe(0);
    expect(stderr).toContain('src/modules/{weather} on no level');
  });

  it('refuses a module file that hides what it exports', async () => {
    const { exitCode, stderr } = await cruise({
      ...CLEAN,
      'src/modules/users/users.module.ts':
        "import { UsersService } from './users.service';\nconst all = [UsersService];\n@Module({ exports: [...all] })\nexport class UsersModule {}\n",
    });
    expect(exitCode).not.toBe(0);
    expect(stderr).toContain('exports may hold provider names and ...INTERNAL_PROVIDERS, not ...all');
  });
});
