const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

/**
 * The one build of every Nest app: a Node bundle of the app and the libs it
 * imports, node_modules left external, compiled by tsc so decorator metadata
 * (Nest's dependency injection) is emitted.
 */
module.exports = function nestAppWebpackConfig(projectDir, name, { transformers = [] } = {}) {
  return {
    output: { path: join(projectDir, '../../dist/apps', name), clean: true },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: false,
        sourceMap: true,
        transformers,
      }),
    ],
  };
};
