/**
 * A module's public surface, read from its module file (`src/modules/<m>/<m>.module.ts`):
 *   - the module file itself;
 *   - the files of the providers it names in `@Module({ exports: [...] })`, except those in
 *     `...INTERNAL_PROVIDERS`: exported only for the module's own http and worker modules;
 *   - the files it re-exports from (`export { X } from './x'`, `export type { Y } from './y'`),
 *     which is how a module offers a type, an error code or a schema that is not a provider;
 *   - its entities (`entities/*.entity.ts`), which other modules may name in relations.
 * Everything else in the folder is internal. The dependency rules allow imports into another
 * module's folder only when they land on one of these files.
 */
const fs = require('node:fs');
const path = require('node:path');
const ts = require('typescript');

// The tree being checked: the repository when `npm run lint` runs, a fixture in the rules' own test.
const ROOT = process.cwd();

function resolveLocal(fromFile, specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(fromFile), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
    if (fs.existsSync(candidate)) return path.relative(ROOT, candidate).split(path.sep).join('/');
  }
  return undefined;
}

/** The names a module file exports as providers: `exports: [A, B, TOKEN]`. */
function exportedProviderNames(source) {
  const names = new Set();
  const visit = (node) => {
    if (ts.isDecorator(node) && ts.isCallExpression(node.expression)) {
      const call = node.expression;
      if (ts.isIdentifier(call.expression) && call.expression.text === 'Module') {
        const [options] = call.arguments;
        if (options && ts.isObjectLiteralExpression(options)) {
          for (const property of options.properties) {
            if (!ts.isPropertyAssignment(property) || property.name.getText(source) !== 'exports') continue;
            if (!ts.isArrayLiteralExpression(property.initializer)) continue;
            for (const element of property.initializer.elements) {
              if (ts.isIdentifier(element)) {
                names.add(element.text);
              } else if (!(
                ts.isSpreadElement(element) && element.expression.getText(source) === 'INTERNAL_PROVIDERS'
              )) {
                // Anything cleverer would hide what a module offers: name it, or mark it internal.
                throw new Error(
                  `${source.fileName}: exports may hold provider names and ...INTERNAL_PROVIDERS, not ${element.getText(source)}`,
                );
              }
            }
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/** The public files of one module file, as paths relative to the repository root. */
function surfaceOf(moduleFile) {
  const absolute = path.resolve(ROOT, moduleFile);
  const source = ts.createSourceFile(absolute, fs.readFileSync(absolute, 'utf8'), ts.ScriptTarget.Latest, true);
  const providers = exportedProviderNames(source);
  const files = new Set([path.relative(ROOT, absolute).split(path.sep).join('/')]);
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && statement.importClause?.namedBindings) {
      const bindings = statement.importClause.namedBindings;
      if (!ts.isNamedImports(bindings)) continue;
      if (!bindings.elements.some((element) => providers.has(element.name.text))) continue;
      const file = resolveLocal(absolute, statement.moduleSpecifier.text);
      if (file) files.add(file);
    }
    if (ts.isExportDeclaration(statement) && statement.moduleSpecifier) {
      const file = resolveLocal(absolute, statement.moduleSpecifier.text);
      if (file) files.add(file);
    }
  }
  return files;
}

/** Every module folder under `modulesDir` with its public files (and its module file's path). */
function moduleSurfaces(modulesDir = 'src/modules') {
  const surfaces = new Map();
  const dir = path.resolve(ROOT, modulesDir);
  for (const name of fs.readdirSync(dir).sort()) {
    if (!fs.statSync(path.join(dir, name)).isDirectory()) continue;
    const moduleFile = path.join(modulesDir, name, `${name}.module.ts`);
    const files = fs.existsSync(path.resolve(ROOT, moduleFile)) ? surfaceOf(moduleFile) : new Set();
    surfaces.set(name, [...files].sort());
  }
  return surfaces;
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** One regular expression per module folder that matches its public files (entities included). */
function publicPathPatterns(modulesDir = 'src/modules') {
  const patterns = [];
  for (const [name, files] of moduleSurfaces(modulesDir)) {
    patterns.push(`^${escape(`${modulesDir}/${name}/`)}entities/[^/]+\\.entity\\.ts$`);
    for (const file of files) patterns.push(`^${escape(file)}$`);
  }
  return patterns;
}

module.exports = { moduleSurfaces, publicPathPatterns };

if (require.main === module) {
  // `node scripts/dependency-rules/module-surface.cjs` prints what each module offers the others.
  for (const [name, files] of moduleSurfaces(process.argv[2])) {
    process.stdout.write(`${name}\n${files.map((f) => `  ${f}`).join('\n') || '  (no module file)'}\n`);
  }
}
