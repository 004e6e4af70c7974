// Editing .tokentier/usage.* in place for reconcile (src/core/teamFiles/usageEdit.ts) and the calibration marker it writes, read back by
// the usage loader (src/core/teamFiles/loadTeamConfig.ts) and shown in the hover (src/core/report/present.ts).
import { strict as assert } from 'node:assert';
import { parseSettings } from '../../src/core/config/settings';
import { estimateSites } from '../../src/core/estimate/estimator';
import { hoverMarkdown } from '../../src/core/report/present';
import { loadTeamConfig } from '../../src/core/teamFiles/loadTeamConfig';
import type { CallSite } from '../../src/core/types';
import { editUsageFile, USAGE_TEMPLATE, type UsageEntryEdit } from '../../src/core/teamFiles/usageEdit';
import { ruleMatches } from '../../src/core/usage/assumptions';
import type { UsageRule } from '../../src/core/teamFiles/teamTypes';
import type { FileProvider } from '../../src/core/fileProvider';

const FILE = `# Team usage (comments must survive)
version: 1
sites:
  # Labels: a month's worth.
  - match: { file: app.py, function: label }
    callsPerMonth: 60000 # from the dashboard
    outputTokens: 300
  - match: { file: "src/**" }
    callsPerDay: 10
`;

/** An edit's `appliesTo` for a site: the usage loader's own matching (src/core/usage/assumptions.ts). */
const site = (line: number, fn?: string, file = 'app.py') => {
  const s = { id: `${file}#${line}:create`, file, line, ...(fn ? { enclosingFunction: fn } : {}) } as CallSite;
  return (m: Readonly<Record<string, unknown>>) => ruleMatches({ match: m as UsageRule['match'] } as UsageRule, s);
};
const cal = { from: '2026-09-01', to: '2026-09-03', source: 'OpenAI Usage API (completions) JSON' };

function memory(files: Record<string, string>): FileProvider {
  return {
    readText: async (p) => files[p],
    list: async () => undefined,
    stat: async (p) => (p in files ? { type: 'file', size: files[p]!.length, mtime: 0 } : undefined),
  };
}

describe('usage file edits keep comments and layout', () => {
  it('updates the entry with the same match in place, drops the stale callsPerMonth, keeps every comment', () => {
    const r = editUsageFile(FILE, '.tokentier/usage.yml', [{ appliesTo: site(8, 'label'), match: { file: 'app.py', function: 'label' }, set: { callsPerDay: 2400, cacheHitRate: 0.33 }, calibrated: cal }]);
    assert.ok('text' in r);
    assert.equal(
      r.text,
      `# Team usage (comments must survive)
version: 1
sites:
  # Labels: a month's worth.
  - match: { file: app.py, function: label }
    outputTokens: 300
    callsPerDay: 2400
    cacheHitRate: 0.33
    calibrated: { from: "2026-09-01", to: "2026-09-03", source: OpenAI Usage API (completions) JSON }
  - match: { file: "src/**" }
    callsPerDay: 10
`,
    );
  });

  it('appends a new entry (with its comment) when the last matching entry has another match', () => {
    const edit: UsageEntryEdit = { appliesTo: site(4, 'answer', 'src/a.ts'), match: { file: 'src/a.ts', function: 'answer' }, set: { callsPerDay: 7 }, calibrated: cal, comment: 'Calibrated by tokentier reconcile.' };
    const r = editUsageFile(FILE, '.tokentier/usage.yml', [edit]);
    assert.ok('text' in r);
    assert.ok(r.text.startsWith(FILE.trimEnd()));
    assert.ok(r.text.endsWith(`  # Calibrated by tokentier reconcile.
  - match: { file: src/a.ts, function: answer }
    callsPerDay: 7
    calibrated: { from: "2026-09-01", to: "2026-09-03", source: OpenAI Usage API (completions) JSON }
`));
  });

  it('starts from the template when there is no file, and edits JSON with jsonc (comments kept)', () => {
    const fresh = editUsageFile(undefined, '.tokentier/usage.yml', [{ appliesTo: site(3), match: { file: 'app.py', line: 3 }, set: { callsPerDay: 5 } }]);
    assert.ok('text' in fresh && fresh.text.startsWith(USAGE_TEMPLATE.split('\n')[0]!) && fresh.text.includes('  - match: { file: app.py, line: 3 }\n    callsPerDay: 5\n'));
    const json = '{\n  // kept\n  "version": 1,\n  "sites": [\n    { "match": { "file": "app.py", "line": 3 }, "callsPerMonth": 30 }\n  ]\n}\n';
    const r = editUsageFile(json, '.tokentier/usage.json', [{ appliesTo: site(3), match: { file: 'app.py', line: 3 }, set: { callsPerDay: 5 } }]);
    assert.ok('text' in r);
    assert.ok(r.text.includes('// kept'));
    const parsed = JSON.parse(r.text.replace('// kept', '')) as { sites: Record<string, unknown>[] };
    assert.deepEqual(parsed.sites, [{ match: { file: 'app.py', line: 3 }, callsPerDay: 5 }]);
  });

  it('refuses a file that does not parse, and changes nothing', () => {
    const r = editUsageFile('sites:\n  - match: {file: a\n', '.tokentier/usage.yml', [{ appliesTo: site(1), match: { file: 'a', line: 1 }, set: { callsPerDay: 1 } }]);
    assert.ok('error' in r && /it has YAML errors/.test(r.error) && /nothing was changed/.test(r.error), JSON.stringify(r));
    assert.ok('error' in editUsageFile('[1, 2]', '.tokentier/usage.yml', []));
    assert.ok('error' in editUsageFile('{ "sites": ', '.tokentier/usage.json', []));
  });
});

describe('usage file: the calibration marker', () => {
  it('is read back by the loader and shown in the hover as "calibrated against usage of <dates>"', async () => {
    const edited = editUsageFile(FILE, '.tokentier/usage.yml', [{ appliesTo: site(8, 'label'), match: { file: 'app.py', function: 'label' }, set: { callsPerDay: 2400 }, calibrated: cal }]);
    assert.ok('text' in edited);
    const settings = parseSettings({}).settings;
    const team = await loadTeamConfig(memory({ '.tokentier/usage.yml': edited.text }), settings, { trusted: true });
    assert.deepEqual(team.diagnostics, []);
    assert.deepEqual(team.usage!.sites[0]!.calibrated, cal);
    const callSite: CallSite = {
      id: 'app.py#8:chat.completions.create', file: 'app.py', line: 8, range: { start: { line: 7, character: 0 }, end: { line: 7, character: 10 } },
      provider: 'openai', via: 'sdk', api: 'chat', method: 'chat.completions.create', model: { id: 'gpt-4o-mini', canonical: 'gpt-4o-mini', resolution: { kind: 'literal' } },
      stream: false, params: {}, prompt: [], loops: [], confidence: 'high', enclosingFunction: 'label',
    };
    const [e] = await estimateSites([callSite], { settings, team });
    assert.equal(e!.usage.callsPerDay.value, 2400);
    assert.deepEqual(e!.usage.calibration, { ...cal, file: '.tokentier/usage.yml', line: 5 });
    // The hover escapes every punctuation mark of data (escapeHover); read it back without the backslashes.
    const plain = hoverMarkdown({ estimate: e! }).replace(/\\(.)/g, '$1');
    assert.ok(plain.includes('- calibrated against usage of 2026-09-01 – 2026-09-03 (OpenAI Usage API (completions) JSON) · .tokentier/usage.yml:5'), plain);
    // A site whose calls/day comes from another entry is not marked.
    const other = { ...callSite, id: 'src/x.py#1:create', file: 'src/x.py', enclosingFunction: 'x' };
    const [o] = await estimateSites([other], { settings, team });
    assert.equal(o!.usage.calibration, undefined);
  });

  it('a malformed marker is reported with its line and the entry ignored, as any bad entry', async () => {
    const text = 'sites:\n  - match: { file: app.py }\n    callsPerDay: 3\n    calibrated: { from: "Sept 1", to: "2026-09-03" }\n';
    const team = await loadTeamConfig(memory({ '.tokentier/usage.yml': text }), parseSettings({}).settings, { trusted: true });
    assert.ok(team.diagnostics.some((d) => d.code === 'usage-file' && /usage\.yml:4: sites\[0\]\.calibrated\.from: expected a day as YYYY-MM-DD/.test(d.message)), team.diagnostics.map((d) => d.message).join('\n'));
  });
});
