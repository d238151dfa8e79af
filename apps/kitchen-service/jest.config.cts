module.exports = {
  displayName: 'kitchen-service',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/kitchen-service',
};
