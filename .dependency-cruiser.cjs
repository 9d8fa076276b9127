/**
 * The dependency rules of DESIGN.md §2, checked by `npm run lint` (and so by `.ci/run`):
 *   npx depcruise src --config .dependency-cruiser.cjs
 * docs/dependency-rules.md explains the levels and how to add a module.
 */
const { moduleSurfaces, publicPathPatterns } = require('./scripts/dependency-rules/module-surface.cjs');

/** Modules by level: a module imports only modules on lower levels. */
const LEVELS = [
  // L0 is the infrastructure below every module: src/config, src/database, src/queue, src/common.
  /* L1 */ ['users', 'regions', 'media', 'sms', 'health'],
  /* L2 */ ['auth', 'sellers', 'notifications'],
  /* L3 */ ['catalog', 'payments'],
  /* L4 */ ['orders', 'training', 'livestreams', 'adoption', 'grower-contracts', 'rfq'],
  /* L5 */ ['logistics'],
  /* L6 */ ['impact', 'operations'],
  // L7 is src/web and src/demo: presentation and seeding, above every module, imported by nobody.
];

/** Modules only src/app/ may import: notifications is told by events, health serves probes. */
const ONLY_APP_IMPORTS = ['notifications', 'health'];

const INFRASTRUCTURE = '^src/(config|database|queue|common)/';
const ENTRY_POINTS = '^src/(main|worker|start)\\.ts$|^src/demo/seed\\.ts$';
const PUBLIC_SURFACE = publicPathPatterns('src/modules');

// A module folder on no level would escape the level rules: refuse to check without it.
const unplaced = [...moduleSurfaces('src/modules').keys()].filter((name) => !LEVELS.flat().includes(name));
if (unplaced.length > 0) {
  throw new Error(`src/modules/{${unplaced.join(',')}} on no level: add it to LEVELS in .dependency-cruiser.cjs`);
}

const sameOrHigher = (level) => LEVELS.slice(level).flat();
const alternatives = (names) => `(${names.map((n) => n.replace(/-/g, '\\-')).join('|')})`;

const levelRules = LEVELS.flatMap((modules, level) =>
  modules.map((name) => {
    const forbidden = sameOrHigher(level).filter((other) => other !== name);
    return {
      name: `level-${name}`,
      severity: 'error',
      comment:
        `${name} is on L${level + 1}: it imports only modules on lower levels. Same-level or upward ` +
        'news travels as an outbox event (DESIGN.md §2).',
      from: { path: `^src/modules/${name}/` },
      to: { path: `^src/modules/${alternatives(forbidden)}/` },
    };
  }),
);

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No cycles, inside a module or between modules (and so no forwardRef).',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'infrastructure-knows-no-domain',
      severity: 'error',
      comment: 'config, database, queue and common are L0: they import no module, no app/, no web or demo.',
      from: { path: INFRASTRUCTURE },
      to: { path: '^src/(modules|app|web|demo)/' },
    },
    ...levelRules,
    {
      name: 'modules-know-no-presentation',
      severity: 'error',
      comment: 'Modules never import app/, web/ or demo/ (L7 and the composition root are above them all).',
      from: { path: '^src/modules/' },
      to: { path: '^src/(app|web|demo)/' },
    },
    {
      name: 'nothing-imports-presentation',
      severity: 'error',
      comment: 'web/ and demo/ (L7) sit on top: only src/app/ loads them (and demo/seed.ts its own folder).',
      from: { pathNot: '^src/(app|web|demo)/' },
      to: { path: '^src/(web|demo)/' },
    },
    {
      name: 'only-the-public-surface',
      severity: 'error',
      comment:
        "Into another module's folder only its module file, the files of the providers it exports, the " +
        'files it re-exports from, and its entities (scripts/dependency-rules/module-surface.cjs).',
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/', pathNot: ['^src/modules/$1/', ...PUBLIC_SURFACE] },
    },
    {
      name: 'presentation-uses-the-public-surface',
      severity: 'error',
      comment: 'web/ and demo/ call the exported services of the modules, like any other module would.',
      from: { path: '^src/(web|demo)/' },
      to: { path: '^src/modules/', pathNot: PUBLIC_SURFACE },
    },
    {
      name: 'app-composes-module-files',
      severity: 'error',
      comment: 'src/app/ composes Nest modules: it imports module files, not what is inside them.',
      from: { path: '^src/app/' },
      to: { path: '^src/modules/', pathNot: '\\.module\\.ts$' },
    },
    {
      name: 'repositories-stay-home',
      severity: 'error',
      comment: "A repository is its module's SQL: another module asks the module's service instead.",
      from: { path: '^src/modules/([^/]+)/' },
      to: { path: '^src/modules/[^/]+/.*\\.repository\\.ts$', pathNot: '^src/modules/$1/' },
    },
    {
      name: 'nobody-imports-notifications-or-health',
      severity: 'error',
      comment:
        'A module asks for a notification with a `notification.requested` event (src/queue/notification-request.ts); ' +
        'health only answers probes. Only src/app/ loads them, and the pages (src/web/) show the inbox and preferences.',
      from: { pathNot: `^src/(app|web|modules/${alternatives(ONLY_APP_IMPORTS)})/` },
      to: { path: `^src/modules/${alternatives(ONLY_APP_IMPORTS)}/` },
    },
    {
      name: 'only-app-imports-app',
      severity: 'error',
      comment: 'src/app/ is the composition root: the entry points and the demo seeder build on it, nobody else.',
      from: { path: '^src/', pathNot: [ENTRY_POINTS, '^src/app/', '^src/demo/'] },
      to: { path: '^src/app/' },
    },
    {
      name: 'entry-points-start-what-app-composes',
      severity: 'error',
      comment:
        'main.ts, worker.ts and start.ts import src/app/ and, before any Nest module exists, config/ and ' +
        'database/ (reading the configuration, the embedded PostgreSQL, migrations); demo/seed.ts its demo/.',
      from: { path: ENTRY_POINTS },
      to: { path: '^src/', pathNot: ['^src/(app|config|database)/', '^src/demo/(?!seed\\.ts$)'] },
    },
    {
      name: 'controllers-only-in-http-modules',
      severity: 'error',
      comment:
        'Controllers exist only in the api: only a `*.http.module.ts` (or a `src/web/*/*-pages.module.ts`) loads them.',
      from: { pathNot: ['\\.http\\.module\\.ts$', '^src/web/[^/]+/[^/]+-pages\\.module\\.ts$'] },
      to: { path: '\\.controller\\.ts$' },
    },
    {
      name: 'controllers-call-services',
      severity: 'error',
      comment: 'Inside a module: controller → service → repository. A controller holds no query.',
      from: { path: '\\.controller\\.ts$' },
      to: { path: '\\.repository\\.ts$' },
    },
    {
      name: 'processors-and-listeners-only-in-worker-modules',
      severity: 'error',
      comment: 'Processors and outbox listeners exist only in the worker: only a `*.worker.module.ts` loads them.',
      from: { pathNot: '\\.worker\\.module\\.ts$' },
      to: { path: '\\.(processor|listener)\\.ts$' },
    },
    {
      name: 'http-modules-only-in-the-api',
      severity: 'error',
      comment: 'Only the api process (src/app/api.module.ts, src/app/create-api.ts) loads `*.http.module.ts`.',
      from: { pathNot: '^src/app/(api\\.module|create-api)\\.ts$' },
      to: { path: '\\.http\\.module\\.ts$' },
    },
    {
      name: 'worker-modules-only-in-the-worker',
      severity: 'error',
      comment: 'Only the worker process (src/app/worker.module.ts) loads `*.worker.module.ts`.',
      from: { pathNot: '^src/app/worker\\.module\\.ts$' },
      to: { path: '\\.worker\\.module\\.ts$' },
    },
    {
      name: 'stripe-sdk-stays-in-payments-stripe',
      severity: 'error',
      comment: 'Only payments/stripe/ imports the Stripe SDK (DESIGN.md §6); only sms/ the Aliyun client.',
      from: { pathNot: '^src/modules/payments/stripe/' },
      to: { path: '(^|/)node_modules/stripe/' },
    },
    {
      name: 'aliyun-sms-client-stays-in-sms',
      severity: 'error',
      comment: 'Only the sms module talks to Aliyun.',
      from: { pathNot: '^src/modules/sms/' },
      to: { path: '(^|/)node_modules/@alicloud/pop-core/' },
    },
  ],
  options: {
    // The SDKs named above are kept in the graph so their rules can see who imports them.
    includeOnly: ['^src/', '(^|/)node_modules/(stripe|@alicloud/pop-core)/'],
    doNotFollow: { path: 'node_modules' },
    // Type-only imports couple modules as much as value imports do.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
