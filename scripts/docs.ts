/**
 * `npm run docs`: builds the documentation site into `.cache/site/` — the
 * TypeDoc API reference of every package, the guides in docs/, and a field
 * dictionary per definition version (vi/en, with every rule and its
 * messages). Warnings fail the build.
 */
import { mkdirSync, rmSync, writeFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Application, LogLevel, OptionDefaults } from 'typedoc';
import { listVersionFolders, readVersionFolder } from '../packages/definitions/src/node.js';
import { dictionaryMarkdown } from './lib/dictionary.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const out = process.env.DOCS_OUT ?? join(repo, '.cache/site');
const gen = join(repo, '.cache/docs-src');
rmSync(gen, { recursive: true, force: true });
mkdirSync(join(gen, 'dictionary'), { recursive: true });

const dictionaries: string[] = [];
for (const { form, version, dir } of listVersionFolders(join(repo, 'definitions'))) {
  const path = join(gen, 'dictionary', `${form}-${version}.md`);
  writeFileSync(path, dictionaryMarkdown(form, version, readVersionFolder(dir)));
  dictionaries.push(path);
}
const guides = readdirSync(join(repo, 'docs'))
  .filter((f) => f.endsWith('.md'))
  .map((f) => join(repo, 'docs', f));

const packages = readdirSync(join(repo, 'packages')).filter((p) => existsSync(join(repo, 'packages', p, 'src/index.ts')));
const app = await Application.bootstrapWithPlugins({
  name: 'bieumau',
  entryPoints: packages.map((p) => join(repo, 'packages', p, 'src/index.ts')),
  tsconfig: join(repo, 'tsconfig.docs.json'),
  readme: join(repo, 'README.md'),
  projectDocuments: [...guides, ...dictionaries],
  out,
  treatWarningsAsErrors: true,
  excludePrivate: true,
  // Members inherited from Lit's classes are documented by Lit.
  excludeExternals: true,
  // The web-component tags feed the Custom Elements Manifest; TypeDoc shows them as block tags.
  blockTags: [...OptionDefaults.blockTags, '@tag', '@summary', '@slot', '@fires', '@csspart', '@cssprop'],
  disableSources: true,
  excludeInternal: true,
  logLevel: LogLevel.Info,
  validation: { notExported: true, invalidLink: true, notDocumented: false },
});
const project = await app.convert();
if (!project) {
  console.error('docs: TypeDoc could not convert the project');
  process.exit(1);
}
app.validate(project);
if (app.logger.hasErrors() || app.logger.hasWarnings()) {
  console.error('docs: TypeDoc reported problems (see above)');
  process.exit(1);
}
await app.generateDocs(project, out);
console.log(`docs: wrote ${out} (${packages.length} packages, ${guides.length} guides, ${dictionaries.length} dictionaries)`);
