import nx from '@nx/eslint-plugin';

/**
 * Module boundaries, on two axes (see README "Module boundaries"):
 * - type: apps compose platform libs and contracts; platform libs build on contracts;
 *   contracts depend only on contracts and import no NestJS, no transport, no rxjs.
 * - scope: a service may read the contracts of the services it talks to, nothing else.
 */
const ALL_SERVICE_SCOPES = ['scope:menu', 'scope:order', 'scope:kitchen', 'scope:billing'];

/** The boundary rule; `specs` lets unit specs of apps and platform libs also use the testing lib. */
function moduleBoundaries({ specs = false } = {}) {
  const testing = specs ? ['type:testing'] : [];
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      // Build configs may share the workspace's build helpers.
      allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^(\\.\\./)+tools/webpack/[a-z.-]+$'],
      depConstraints: [
        { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', ...testing] },
        { sourceTag: 'type:platform', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', ...testing] },
        {
          sourceTag: 'type:contracts',
          onlyDependOnLibsWithTags: ['type:contracts'],
          bannedExternalImports: ['@nestjs/*', '@nats-io/*', 'rxjs', 'fastify'],
        },
        // Testing may read its own env (NATS_URL) through the config lib, like everything else.
        { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:platform', 'type:contracts'] },
        { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:testing', 'type:contracts'] },

        { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
        { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared', ...ALL_SERVICE_SCOPES] },
        { sourceTag: 'scope:menu', onlyDependOnLibsWithTags: ['scope:menu', 'scope:shared'] },
        { sourceTag: 'scope:order', onlyDependOnLibsWithTags: ['scope:order', 'scope:menu', 'scope:billing', 'scope:kitchen', 'scope:shared'] },
        { sourceTag: 'scope:billing', onlyDependOnLibsWithTags: ['scope:billing', 'scope:order', 'scope:kitchen', 'scope:shared'] },
        { sourceTag: 'scope:kitchen', onlyDependOnLibsWithTags: ['scope:kitchen', 'scope:order', 'scope:billing', 'scope:shared'] },
        { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared', ...ALL_SERVICE_SCOPES] },
      ],
    },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  { ignores: ['**/dist', '**/out-tsc', '**/node_modules', 'tmp'] },
  { files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs', '**/*.cts'], rules: { '@nx/enforce-module-boundaries': moduleBoundaries() } },
  // Unit specs of apps and platform libs may use the test helpers (@pizza/testing); the code they test may not.
  { files: ['**/*.spec.ts', '**/*.contract.ts'], rules: { '@nx/enforce-module-boundaries': moduleBoundaries({ specs: true }) } },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Env classes spell out property types: they are the documentation of each key.
      '@typescript-eslint/no-inferrable-types': ['error', { ignoreProperties: true }],
    },
  },
];
