const nxPreset = require('@nx/jest/preset').default;

// One transform for every project. @swc/jest keeps decorator metadata (NestJS DI
// needs it) and turns NestJS 12's ES modules into CommonJS for Jest on Node 20.
const swcTs = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};
const swcJs = {
  jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
  module: { type: 'commonjs' },
};

module.exports = {
  ...nxPreset,
  testEnvironment: 'node',
  // class-transformer and class-validator decorators read design-time metadata.
  setupFiles: [require.resolve('reflect-metadata')],
  transform: {
    '^.+\\.ts$': ['@swc/jest', swcTs],
    '^.+\\.m?js$': ['@swc/jest', swcJs],
  },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs)/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};
