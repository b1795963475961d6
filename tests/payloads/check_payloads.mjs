// Checks the fixtures written by payload_fixtures against the platforms' published types:
// each body becomes `export const payload = <body> satisfies Payloads["<key>"];` and one
// `tsc --noEmit --strict` run checks them all; Teams cards also go through the adaptivecards
// library's own parser and validator, and every payload through the documented rules that
// types cannot express (platform_rules.mjs). Run by tests/payloads/run, which installs the
// packages.
//   node check_payloads.mjs FIXTURE_DIR WORK_DIR NODE_MODULES_DIR
// Exits 1 when any fixture is rejected, 2 on a usage or setup error.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

import { ruleProblems } from "./platform_rules.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));

function setupError(message) {
  console.error(`check_payloads: ${message}`);
  process.exit(2);
}

function usage(message) {
  console.error("usage: node check_payloads.mjs FIXTURE_DIR WORK_DIR NODE_MODULES_DIR");
  setupError(message);
}

const [fixtureDir, workDir, modulesDir] = process.argv.slice(2);
if (!fixtureDir || !workDir || !modulesDir) usage("missing argument");
if (!fs.existsSync(path.join(modulesDir, "typescript"))) {
  setupError(`no typescript in ${modulesDir}`);
}

// Which entry of Payloads (platform_types.ts) a fixture must satisfy.
function typeKey(fixture) {
  switch (fixture.type) {
    case "discord":
      return `discord.${fixture.http_method}`;
    case "telegram":
      return `telegram.${fixture.api_method}`;
    case "matrix":
      return fixture.body["m.relates_to"]?.rel_type === "m.thread" ? "matrix.thread" : "matrix";
    default:
      return fixture.type;
  }
}

function readFixtures() {
  const fixtures = [];
  for (const type of fs.readdirSync(fixtureDir).sort()) {
    const folder = path.join(fixtureDir, type);
    for (const file of fs.readdirSync(folder).sort()) {
      if (!file.endsWith(".json")) continue;
      const fixture = JSON.parse(fs.readFileSync(path.join(folder, file), "utf8"));
      fixtures.push({ ...fixture, file: path.join(type, file) });
    }
  }
  return fixtures;
}

// For every type used, one real body plus a field no platform knows, marked as an expected
// error: if a type ever resolves to something loose (an unresolved import is `any`), the
// unused @ts-expect-error fails the run instead of every fixture passing unchecked.
function canaries(fixtures) {
  const firstByKey = new Map();
  for (const fixture of fixtures) {
    if (!firstByKey.has(typeKey(fixture))) firstByKey.set(typeKey(fixture), fixture);
  }
  let source = `import type { Payloads } from "./platform_types";\n`;
  let index = 0;
  for (const [key, fixture] of firstByKey) {
    const body = { ...fixture.body, feedsentry_unknown_field: true };
    source +=
      `// @ts-expect-error: ${key} must reject an unknown field\n` +
      `export const canary${index++} = ${JSON.stringify(body)} satisfies ` +
      `Payloads[${JSON.stringify(key)}];\n`;
  }
  return source;
}

// One .ts file per fixture, so an error's file names the fixture it belongs to.
function writeTypeScript(fixtures) {
  fs.rmSync(workDir, { recursive: true, force: true });
  fs.mkdirSync(workDir, { recursive: true });
  fs.symlinkSync(path.resolve(modulesDir), path.join(workDir, "node_modules"), "dir");
  fs.copyFileSync(path.join(here, "platform_types.ts"), path.join(workDir, "platform_types.ts"));
  const byModule = new Map();
  for (const fixture of fixtures) {
    const module = `${fixture.case}.ts`;
    byModule.set(module, fixture);
    fs.writeFileSync(
      path.join(workDir, module),
      `import type { Payloads } from "./platform_types";\n` +
        `export const payload = ${JSON.stringify(fixture.body, null, 2)} satisfies ` +
        `Payloads[${JSON.stringify(typeKey(fixture))}];\n`,
    );
  }
  fs.writeFileSync(path.join(workDir, "canaries.ts"), canaries(fixtures));
  fs.writeFileSync(
    path.join(workDir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: "es2022",
        module: "preserve",
        moduleResolution: "bundler",
        // The packages' own declarations are theirs to check; ours are the fixtures.
        skipLibCheck: true,
        types: [],
      },
      include: ["*.ts"],
    }),
  );
  return byModule;
}

// tsc's errors, grouped by fixture; any error outside a fixture is a setup problem.
function runTsc(byModule) {
  const tsc = path.join(modulesDir, "typescript", "bin", "tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", workDir, "--pretty", "false"], {
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.error) setupError(`tsc did not run: ${run.error.message}`);
  const errors = new Map();
  let setupErrors = "";
  let current = null;
  for (let line of (run.stdout + run.stderr).split("\n")) {
    const match = /^(.+?\.ts)\(\d+,\d+\): error /.exec(line);
    if (match) {
      current = byModule.get(path.basename(match[1])) ? path.basename(match[1]) : null;
      line = path.basename(match[1]) + line.slice(match[1].length);
    }
    if (!line.trim()) continue;
    if (current) {
      errors.set(current, [...(errors.get(current) ?? []), line]);
    } else {
      setupErrors += line + "\n";
    }
  }
  if (setupErrors || (run.status !== 0 && errors.size === 0)) {
    setupError(`tsc failed outside the fixtures (types or canaries):\n${setupErrors}`);
  }
  return errors;
}

// Keys of `input` that `output` lost: the object model dropped what it does not know.
function droppedKeys(input, output, where = "") {
  if (Array.isArray(input)) {
    return input.flatMap((item, i) => droppedKeys(item, output?.[i], `${where}[${i}]`));
  }
  if (input === null || typeof input !== "object") return [];
  return Object.keys(input).flatMap((key) =>
    output === null || typeof output !== "object" || !(key in output)
      ? [`${where}.${key}`]
      : droppedKeys(input[key], output[key], `${where}.${key}`),
  );
}

// adaptivecards' parser reports unknown element types and invalid enum values, its
// validator missing or invalid properties; its serializer drops what its object model
// does not know, so a round trip finds misspelt or unsupported properties too.
function checkAdaptiveCard(card) {
  const require = createRequire(path.join(path.resolve(modulesDir), "index.js"));
  // The package's lib/ is ESM without extensions; dist/ is its CommonJS bundle.
  const AC = require("adaptivecards/dist/adaptivecards.js");
  const problems = [];
  const version = AC.Version.parse(card.version, new AC.SerializationContext());
  const context = new AC.SerializationContext(version);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  // After a parse error the object model lacks whole elements: the round trip adds noise.
  if (problems.length > 0) return problems;
  const roundTrip = parsed.toJSON(new AC.SerializationContext(version));
  for (const key of droppedKeys(card, roundTrip)) {
    problems.push(`property ${key} is not part of Adaptive Cards ${card.version}`);
  }
  return problems;
}

const fixtures = readFixtures();
if (fixtures.length === 0) setupError(`no fixtures in ${fixtureDir}`);
const byModule = writeTypeScript(fixtures);
const errors = runTsc(byModule);
for (const fixture of fixtures) {
  const problems = ruleProblems(fixture).map((problem) => `platform docs: ${problem}`);
  if (fixture.type === "teams") {
    const card = fixture.body.attachments?.[0]?.content;
    const cardProblems = card ? checkAdaptiveCard(card) : ["no attachments[0].content"];
    problems.push(...cardProblems.map((problem) => `adaptivecards: ${problem}`));
  }
  if (problems.length > 0) {
    const module = `${fixture.case}.ts`;
    errors.set(module, [...(errors.get(module) ?? []), ...problems]);
  }
}

const counts = new Map();
for (const fixture of fixtures) {
  const count = counts.get(fixture.type) ?? { checked: 0, rejected: 0 };
  count.checked++;
  if (errors.has(`${fixture.case}.ts`)) count.rejected++;
  counts.set(fixture.type, count);
}
for (const [module, lines] of errors) {
  console.log(`REJECTED ${byModule.get(module).file} (${typeKey(byModule.get(module))})`);
  for (const line of lines.slice(0, 8)) console.log(`  ${line.slice(0, 600)}`);
}
for (const [type, count] of counts) {
  console.log(`  ${type}: ${count.checked} payloads, ${count.rejected} rejected`);
}
console.log(`payload check: ${fixtures.length} payloads checked, ${errors.size} rejected`);
if (errors.size > 0) console.log(`payload check: the checked files are in ${workDir}`);
process.exit(errors.size === 0 ? 0 : 1);
