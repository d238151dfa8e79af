// The fault-injection suite: kills, stops and restarts real processes under load.
module.exports = {
  displayName: 'gateway-faults',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.faults-spec.ts'],
  testTimeout: 120_000,
};
