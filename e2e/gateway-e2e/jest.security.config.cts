// The attack suite: OWASP API Top 10 (2023) driven attacks against the running stack.
module.exports = {
  displayName: 'gateway-security',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.security-spec.ts'],
  testTimeout: 60_000,
};
