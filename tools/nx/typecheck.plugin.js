const { createNodesFromFiles } = require('@nx/devkit');
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

/**
 * Infers a `typecheck` target for every project: `tsc --noEmit` on each tsconfig its tsconfig.json
 * references (an app's code and its specs), or on tsconfig.json itself (a lib's). The build checks an
 * app's own code only and Jest runs specs transpiled, so without this a spec's type error goes unseen.
 */
function typecheckTarget(configFile, _options, context) {
  const root = dirname(configFile);
  if (!existsSync(join(context.workspaceRoot, root, 'project.json'))) return {};
  const tsconfig = JSON.parse(readFileSync(join(context.workspaceRoot, configFile), 'utf8'));
  const configs = tsconfig.references?.length ? tsconfig.references.map((ref) => ref.path) : ['./tsconfig.json'];
  return {
    projects: {
      [root]: {
        targets: {
          typecheck: {
            executor: 'nx:run-commands',
            cache: true,
            inputs: ['default', '^production', '{workspaceRoot}/tsconfig.base.json'],
            options: { cwd: root, commands: configs.map((config) => `tsc --noEmit -p ${config}`), parallel: false },
          },
        },
      },
    },
  };
}

const createNodesV2 = ['**/tsconfig.json', (files, options, context) => createNodesFromFiles(typecheckTarget, files, options, context)];

module.exports = { createNodes: createNodesV2, createNodesV2 };
