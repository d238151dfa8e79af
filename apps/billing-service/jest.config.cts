module.exports = {
  displayName: 'billing-service',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/billing-service',
};
