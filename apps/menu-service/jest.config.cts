module.exports = {
  displayName: 'menu-service',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/menu-service',
};
