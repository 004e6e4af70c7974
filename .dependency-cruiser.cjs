// Import-cycle check (ARCHITECTURE.md "Invariants": no run-time import cycle; type-only imports do not count).
// Run by `npm run check-cycles` and by test/unit/importCycles.test.ts.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycle',
      severity: 'error',
      comment: 'A run-time import cycle: modules that load each other (an `import type` breaks no cycle and is not counted).',
      from: { path: '^src/' },
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    // Parse TypeScript before compilation, so `import type` is seen and labelled `type-only` rather than dropped.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    includeOnly: '^src/',
    exclude: { path: '\\.json$' },
  },
};
