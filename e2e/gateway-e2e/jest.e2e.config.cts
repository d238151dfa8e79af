// Named *.e2e.config so the Jest plugin does not also infer a unit `test` target here.
module.exports = {
  displayName: 'gateway-e2e',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.e2e-spec.ts'],
  // Each suite starts real processes; give boot and teardown room, never hang forever.
  testTimeout: 60_000,
};
